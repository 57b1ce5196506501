import { escapeHtml, type Token, tokensToHtml } from './tokens.js';

/** A range of the text to mark as wrong, with the message shown on hover. */
export interface EditorMark {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** How to make a {@link CodeEditor}. */
export interface CodeEditorOptions {
  /** The `data-testid` of the text area (the part people and tests type into). */
  readonly testId: string;
  /** The accessible name of the text area. */
  readonly label: string;
  readonly tokens: (text: string) => Token[];
  readonly value: string;
  /** Called after each edit made by the user (not after setting `value`). */
  readonly onInput: (text: string) => void;
}

const INDENT = '  ';

/**
 * A plain-text code editor: a native textarea (so typing, selection, undo and IME behave as
 * the browser makes them) with transparent text, over a layer that shows the same text
 * highlighted, and under it a layer that marks error ranges; a gutter numbers the lines and
 * flags the wrong ones. All layers share one font and line height, so they stay aligned.
 */
export class CodeEditor {
  readonly element: HTMLElement;
  readonly #area: HTMLTextAreaElement;
  readonly #highlight: HTMLElement;
  readonly #marksLayer: HTMLElement;
  readonly #gutter: HTMLElement;
  readonly #tokens: (text: string) => Token[];
  #marks: readonly EditorMark[] = [];

  constructor(options: CodeEditorOptions) {
    this.#tokens = options.tokens;
    this.element = document.createElement('div');
    this.element.className = 'editor';
    this.#gutter = document.createElement('div');
    this.#gutter.className = 'gutter';
    this.#gutter.setAttribute('aria-hidden', 'true');
    const code = document.createElement('div');
    code.className = 'code';
    this.#marksLayer = document.createElement('div');
    this.#marksLayer.className = 'layer marks';
    this.#marksLayer.setAttribute('aria-hidden', 'true');
    this.#highlight = document.createElement('pre');
    this.#highlight.className = 'layer highlight';
    this.#highlight.setAttribute('aria-hidden', 'true');
    this.#area = document.createElement('textarea');
    this.#area.dataset.testid = options.testId;
    this.#area.setAttribute('aria-label', options.label);
    this.#area.spellcheck = false;
    this.#area.wrap = 'off';
    this.#area.setAttribute('autocapitalize', 'off');
    this.#area.setAttribute('autocomplete', 'off');
    this.#area.setAttribute('autocorrect', 'off');
    code.append(this.#marksLayer, this.#highlight, this.#area);
    this.element.append(this.#gutter, code);
    this.#area.value = options.value;
    this.#area.addEventListener('input', () => {
      this.#render();
      options.onInput(this.#area.value);
    });
    this.#area.addEventListener('keydown', (event) => this.#keydown(event));
    this.#render();
  }

  get value(): string {
    return this.#area.value;
  }

  /** Replaces the text (clears marks; does not call `onInput`). */
  set value(text: string) {
    this.#area.value = text;
    this.#marks = [];
    this.#render();
  }

  /** Marks ranges as wrong (replacing earlier marks). */
  setMarks(marks: readonly EditorMark[]): void {
    this.#marks = marks;
    this.#renderMarks();
  }

  /** Selects a range and scrolls its line into view. */
  select(start: number, end: number): void {
    this.#area.focus();
    this.#area.setSelectionRange(start, end);
    const line = this.#area.value.slice(0, start).split('\n').length - 1;
    const lineHeight = Number.parseFloat(getComputedStyle(this.#area).lineHeight) || 20;
    this.element.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  // Tab indents instead of leaving the editor (Escape then Tab still moves focus on).
  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey)
      return;
    event.preventDefault();
    // execCommand keeps the browser's undo history; assign directly where it is unsupported.
    if (!document.execCommand('insertText', false, INDENT)) {
      const { selectionStart, selectionEnd, value } = this.#area;
      this.#area.value = value.slice(0, selectionStart) + INDENT + value.slice(selectionEnd);
      this.#area.selectionStart = this.#area.selectionEnd = selectionStart + INDENT.length;
      this.#area.dispatchEvent(new Event('input'));
    }
  }

  #render(): void {
    const text = this.#area.value;
    // The trailing newline needs something after it to take up its line.
    this.#highlight.innerHTML = `${tokensToHtml(text, this.#tokens(text))}\n`;
    this.#renderMarks();
  }

  #renderMarks(): void {
    const text = this.#area.value;
    const lines = text.split('\n');
    const lineMessages = new Map<number, string[]>();
    let lineStart = 0;
    const html: string[] = [];
    lines.forEach((line, index) => {
      const lineEnd = lineStart + line.length;
      const here = this.#marks.filter(
        (m) => m.start <= lineEnd && Math.max(m.end, m.start + 1) > lineStart,
      );
      if (here.length > 0)
        lineMessages.set(
          index,
          here.map((m) => m.message),
        );
      let body = '';
      let at = lineStart;
      for (const m of [...here].sort((a, b) => a.start - b.start)) {
        const from = Math.max(m.start, at);
        const to = Math.min(Math.max(m.end, m.start + 1), lineEnd);
        if (from > to) continue;
        body += escapeHtml(text.slice(at, from));
        // An empty range (or one at the end of a line) is marked as one space wide.
        const marked = to > from ? escapeHtml(text.slice(from, to)) : ' ';
        body += `<mark title="${escapeHtml(m.message)}">${marked}</mark>`;
        at = Math.max(at, to);
      }
      body += escapeHtml(text.slice(at, lineEnd));
      html.push(`<div class="line${here.length > 0 ? ' error' : ''}">${body || ' '}</div>`);
      lineStart = lineEnd + 1;
    });
    this.#marksLayer.innerHTML = html.join('');
    const numbers: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const messages = lineMessages.get(i);
      numbers.push(
        messages === undefined
          ? `<div>${i + 1}</div>`
          : `<div class="error" title="${escapeHtml(messages.join('\n'))}">${i + 1}</div>`,
      );
    }
    this.#gutter.innerHTML = numbers.join('');
  }
}
