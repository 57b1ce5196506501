/** A highlighted span of source text (offsets are UTF-16 indexes; `end` exclusive). */
export interface Token {
  readonly start: number;
  readonly end: number;
  /** CSS class suffix (`tok-<kind>`); undefined for plain text. */
  readonly kind: string | undefined;
}

/** One rule of a lexer: a sticky pattern and the kind of what it matches. */
export interface LexRule {
  readonly pattern: RegExp;
  readonly kind: (match: string, text: string, end: number) => string | undefined;
}

/**
 * Splits `text` into tokens by trying each rule's sticky pattern in order at each position; a
 * position no rule matches becomes a one-character plain token, so every input is covered.
 */
export function lex(text: string, rules: readonly LexRule[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  outer: while (at < text.length) {
    for (const rule of rules) {
      rule.pattern.lastIndex = at;
      const match = rule.pattern.exec(text);
      if (match !== null && match[0].length > 0) {
        const end = at + match[0].length;
        tokens.push({ start: at, end, kind: rule.kind(match[0], text, end) });
        at = end;
        continue outer;
      }
    }
    tokens.push({ start: at, end: at + 1, kind: undefined });
    at++;
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] as string);
}

/** The tokens as HTML: a `<span class="tok-…">` per classified token, plain text otherwise. */
export function tokensToHtml(text: string, tokens: readonly Token[]): string {
  let html = '';
  for (const t of tokens) {
    const piece = escapeHtml(text.slice(t.start, t.end));
    html += t.kind === undefined ? piece : `<span class="tok-${t.kind}">${piece}</span>`;
  }
  return html;
}
