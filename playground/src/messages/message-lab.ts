import { decodeRequest } from '@capnp-kit/compiler/schema';
import { type LoadedModule, loadCompiled } from '@capnp-kit/runtime';
import type { CompileClient } from '../compile/compile-client.js';
import type { DiagnosticView } from '../compile/protocol.js';
import { capnpTokens } from '../editor/capnp-syntax.js';
import { CodeEditor } from '../editor/code-editor.js';
import { jsonTokens } from '../editor/json-syntax.js';
import { dumpMessage } from '../layout/layout-dump.js';
import { indexModule, type RootChoice, type SchemaIndex } from '../schema/schema-index.js';
import { renderDiagnostics } from '../ui/diagnostics-view.js';
import { el, formatBytes } from '../ui/dom.js';
import { renderDump } from '../ui/hex-view.js';
import { renderPacked } from '../ui/packed-view.js';
import { DEFAULT_MODULE, DEFAULT_SCHEMA, SCHEMA_FILE } from './default-example.js';
import { DEFAULT_MESSAGE, DEFAULT_ROOT } from './default-message.js';
import { decodeFile, type Encodings, encodeJson } from './encodings.js';
import { unknownFields } from './unknown-fields.js';

// Recompiling on every keystroke is wasted work while someone types; a short pause is not.
const SCHEMA_DELAY_MS = 150;
const MESSAGE_DELAY_MS = 80;

function panel(head: HTMLElement, body: HTMLElement, className: string): HTMLElement {
  return el('section', { className: `panel ${className}` }, el('header', {}, head), body);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Messages tab: a schema editor compiled in a worker as it changes, a root-type selector,
 * a JSON message editor, and the message's encodings (text format, annotated flat bytes, packed
 * bytes), kept live; plus download and upload of binary messages.
 */
export class MessageLab {
  readonly element: HTMLElement;
  readonly #compiler: CompileClient;
  readonly #schema: CodeEditor;
  readonly #message: CodeEditor;
  readonly #rootSelect = el('select', { attrs: { 'data-testid': 'root-type', id: 'root-type' } });
  readonly #diagnostics = el('div', {
    className: 'diagnostics',
    attrs: { 'data-testid': 'diagnostics', 'aria-live': 'polite' },
  });
  readonly #origin = el('span', { className: 'badge', attrs: { 'data-testid': 'schema-origin' } });
  readonly #messageStatus = el('div', {
    className: 'status',
    attrs: { 'data-testid': 'message-status', 'aria-live': 'polite' },
  });
  readonly #text = el('pre', { className: 'output text-output', attrs: { 'data-testid': 'text' } });
  readonly #hex = el('div', { className: 'output dump', attrs: { 'data-testid': 'hex' } });
  readonly #packed = el('div', { className: 'output packed', attrs: { 'data-testid': 'packed' } });
  readonly #textSize = el('span', { className: 'size' });
  readonly #flatSize = el('span', { className: 'size', attrs: { 'data-testid': 'flat-size' } });
  readonly #packedSize = el('span', { className: 'size', attrs: { 'data-testid': 'packed-size' } });
  readonly #fileInput = el('input', {
    attrs: {
      type: 'file',
      accept: '.bin,.packed,application/octet-stream',
      'data-testid': 'upload',
    },
  });
  #index: SchemaIndex;
  #root: RootChoice | undefined;
  /** The JSON last typed for each root type, so switching back restores it. */
  readonly #messages = new Map<string, string>();
  #current: Encodings | undefined;
  #schemaTimer: ReturnType<typeof setTimeout> | undefined;
  #messageTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(compiler: CompileClient) {
    this.#compiler = compiler;
    this.#schema = new CodeEditor({
      testId: 'schema',
      label: 'Schema',
      tokens: capnpTokens,
      value: DEFAULT_SCHEMA,
      onInput: () => this.#scheduleCompile(),
    });
    this.#message = new CodeEditor({
      testId: 'message',
      label: 'Message (JSON)',
      tokens: jsonTokens,
      value: DEFAULT_MESSAGE,
      onInput: (text) => {
        if (this.#root !== undefined) this.#messages.set(this.#root.name, text);
        clearTimeout(this.#messageTimer);
        this.#messageTimer = setTimeout(() => this.#encode(), MESSAGE_DELAY_MS);
      },
    });
    this.element = this.#layout();
    // The first schema is the one the unplugin compiled at build time: no compile needed.
    this.#index = indexModule(DEFAULT_MODULE);
    this.#origin.textContent = 'precompiled by @capnp-kit/unplugin';
    this.#messages.set(DEFAULT_ROOT, DEFAULT_MESSAGE);
    renderDiagnostics(this.#diagnostics, [], () => {});
    this.#useIndex(DEFAULT_ROOT);
  }

  #layout(): HTMLElement {
    this.#rootSelect.addEventListener('change', () => this.#chooseRoot(this.#rootSelect.value));
    this.#fileInput.hidden = true;
    this.#fileInput.addEventListener('change', () => void this.#upload());
    const openButton = el('button', { attrs: { type: 'button' } }, 'Open .bin…');
    openButton.addEventListener('click', () => this.#fileInput.click());
    const binButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'download-bin' } },
      'Download .bin',
    );
    binButton.addEventListener('click', () => this.#download(false));
    const packedButton = el('button', { attrs: { type: 'button' } }, 'Download packed');
    packedButton.addEventListener('click', () => this.#download(true));

    const schemaHead = el(
      'div',
      { className: 'head' },
      el('h2', {}, 'Schema'),
      el('code', {}, SCHEMA_FILE),
      this.#origin,
    );
    const schemaBody = el('div', { className: 'stack' }, this.#schema.element, this.#diagnostics);
    const messageHead = el(
      'div',
      { className: 'head' },
      el('h2', {}, 'Message'),
      el('label', { attrs: { for: 'root-type' } }, 'root type'),
      this.#rootSelect,
    );
    const messageBody = el(
      'div',
      { className: 'stack' },
      this.#message.element,
      this.#messageStatus,
      el('div', { className: 'actions' }, binButton, packedButton, openButton, this.#fileInput),
    );
    const textHead = el('div', { className: 'head' }, el('h2', {}, 'Text format'), this.#textSize);
    const flatHead = el(
      'div',
      { className: 'head' },
      el('h2', {}, 'Flat encoding'),
      this.#flatSize,
      el(
        'span',
        { className: 'legend' },
        ...['table', 'pointer', 'far', 'tag', 'data', 'text', 'null', 'unused'].map((k) =>
          el('span', { className: `k-${k}` }, k),
        ),
      ),
    );
    const packedHead = el('div', { className: 'head' }, el('h2', {}, 'Packed'), this.#packedSize);
    return el(
      'div',
      { className: 'lab' },
      el('div', { className: 'column' }, panel(schemaHead, schemaBody, 'grow')),
      el(
        'div',
        { className: 'column' },
        panel(messageHead, messageBody, 'grow'),
        panel(textHead, this.#text, 'text-panel'),
      ),
      el(
        'div',
        { className: 'column wide' },
        panel(flatHead, this.#hex, 'grow'),
        panel(packedHead, this.#packed, 'packed-panel'),
      ),
    );
  }

  #scheduleCompile(): void {
    clearTimeout(this.#schemaTimer);
    this.#schemaTimer = setTimeout(() => void this.#compile(), SCHEMA_DELAY_MS);
  }

  async #compile(): Promise<void> {
    const reply = await this.#compiler.compile(
      { [`/${SCHEMA_FILE}`]: this.#schema.value },
      SCHEMA_FILE,
      'schema',
    );
    if (reply === null) return;
    if (!reply.ok) {
      this.#showDiagnostics(reply.diagnostics);
      this.#origin.textContent = `errors · ${reply.millis.toFixed(1)} ms`;
      this.element.classList.add('stale');
      return;
    }
    let module: LoadedModule;
    let nodes: ReturnType<typeof decodeRequest>['nodes'];
    try {
      const request = decodeRequest(reply.request);
      module = loadCompiled(request);
      nodes = request.nodes;
    } catch (error) {
      const text = `The compiled schema did not load: ${errorMessage(error)}`;
      this.#showDiagnostics([
        { code: 'load', text, message: text, file: SCHEMA_FILE, start: 0, end: 0, line: 1 },
      ]);
      return;
    }
    this.#showDiagnostics([]);
    this.element.classList.remove('stale');
    this.#origin.textContent = `compiled in the browser · ${reply.millis.toFixed(1)} ms`;
    this.#index = indexModule(module, nodes);
    this.#useIndex(this.#root?.name ?? DEFAULT_ROOT);
  }

  #showDiagnostics(diagnostics: readonly DiagnosticView[]): void {
    const own = diagnostics.filter((d) => d.file === SCHEMA_FILE);
    this.#schema.setMarks(own.map((d) => ({ start: d.start, end: d.end, message: d.text })));
    renderDiagnostics(this.#diagnostics, diagnostics, (d) => {
      if (d.file === SCHEMA_FILE) this.#schema.select(d.start, Math.max(d.end, d.start));
    });
  }

  /** Fills the root-type selector from the index, keeping `preferred` selected if it exists. */
  #useIndex(preferred: string): void {
    const structs = this.#index.structs;
    this.#rootSelect.replaceChildren(
      ...structs.map((s) => el('option', { attrs: { value: s.name } }, s.name)),
    );
    const choice = structs.find((s) => s.name === preferred) ?? structs[0];
    if (choice === undefined) {
      this.#root = undefined;
      this.#showNothing('The schema declares no struct.');
      return;
    }
    this.#rootSelect.value = choice.name;
    this.#root = choice;
    this.#encode();
  }

  #chooseRoot(name: string): void {
    const choice = this.#index.structs.find((s) => s.name === name);
    if (choice === undefined) return;
    this.#root = choice;
    let json = this.#messages.get(name);
    if (json === undefined) {
      json = `${JSON.stringify(choice.type.newMessage().toJSON(), null, 2)}\n`;
      this.#messages.set(name, json);
    }
    this.#message.value = json;
    this.#encode();
  }

  #encode(): void {
    if (this.#root === undefined) return;
    try {
      const root = this.#root;
      this.#show(encodeJson(root.type, this.#message.value));
      const ignored = unknownFields(
        JSON.parse(this.#message.value),
        root.type.schema.node,
        this.#index.lookup,
      );
      this.#messageStatus.textContent =
        ignored.length === 0
          ? ''
          : `Not fields of ${root.name}, so left out: ${ignored.join(', ')}`;
      this.#messageStatus.classList.remove('error');
    } catch (error) {
      this.#messageStatus.textContent = errorMessage(error);
      this.#messageStatus.classList.add('error');
      this.element.classList.add('stale-message');
    }
  }

  #show(encodings: Encodings): void {
    this.#current = encodings;
    this.element.classList.remove('stale-message');
    const root = this.#root;
    this.#text.textContent = encodings.text;
    const dump = dumpMessage(
      encodings.flat,
      root === undefined ? undefined : { root: root.type.schema.node, lookup: this.#index.lookup },
    );
    renderDump(this.#hex, dump);
    renderPacked(this.#packed, encodings.packed);
    const segments = dump.segmentWords.length;
    this.#textSize.textContent = formatBytes(new TextEncoder().encode(encodings.text).length);
    this.#flatSize.textContent = `${formatBytes(encodings.flat.length)} · ${segments} segment${segments === 1 ? '' : 's'}`;
    const ratio =
      encodings.flat.length === 0 ? 0 : (100 * encodings.packed.length) / encodings.flat.length;
    this.#packedSize.textContent = `${formatBytes(encodings.packed.length)} · ${ratio.toFixed(0)}% of flat`;
  }

  #showNothing(reason: string): void {
    this.#current = undefined;
    this.#messageStatus.textContent = reason;
    this.#text.textContent = '';
    this.#hex.replaceChildren();
    this.#packed.replaceChildren();
  }

  #download(packed: boolean): void {
    if (this.#current === undefined || this.#root === undefined) return;
    const bytes = packed ? this.#current.packed : this.#current.flat;
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    );
    const link = el('a', {
      attrs: { href: url, download: `${this.#root.name}${packed ? '.packed' : '.bin'}` },
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async #upload(): Promise<void> {
    const file = this.#fileInput.files?.[0];
    this.#fileInput.value = '';
    if (file === undefined || this.#root === undefined) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const decoded = decodeFile(this.#root.type, file.name, bytes);
      this.#message.value = decoded.json;
      this.#messages.set(this.#root.name, decoded.json);
      this.#show(decoded);
      this.#messageStatus.textContent = `Read ${file.name} (${formatBytes(bytes.length)}) as ${this.#root.name}.`;
      this.#messageStatus.classList.remove('error');
    } catch (error) {
      this.#messageStatus.textContent = `${file.name} is not a ${this.#root.name} message: ${errorMessage(error)}`;
      this.#messageStatus.classList.add('error');
    }
  }
}
