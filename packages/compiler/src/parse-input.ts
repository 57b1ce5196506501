/**
 * What the parser's productions share: a cursor over a statement's (or list item's) tokens that
 * remembers how far any attempt got, the token matchers, and list-item parsing with the
 * reference's error reporting.
 *
 * The reference parser is a backtracking one: alternatives are tried in order, each from the same
 * position, and a parse error is reported at the furthest token any attempt looked at. Looking at
 * a token consumes it even when it does not match, so that position is one past the furthest
 * token examined. {@link TokenInput} reproduces exactly this, so errors land where the
 * reference's do; productions restore `pos` themselves when an alternative fails.
 */
import type { Located } from './ast.js';
import { type Diagnostic, type DiagnosticCode, diagnostic } from './diagnostics.js';
import type { ListToken, Token } from './lexer.js';
import type { SourceFile } from './source.js';

/** A position in a token sequence plus the furthest position reached from it. */
export class TokenInput {
  /** Index of the next token. */
  pos = 0;
  /** One past the furthest token any attempt has examined. */
  best = 0;

  constructor(readonly tokens: readonly Token[]) {}

  /** Whether every token has been consumed. */
  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** Consumes and returns the next token (`undefined` at the end), remembering how far it got. */
  next(): Token | undefined {
    if (this.pos >= this.tokens.length) return undefined;
    const token = this.tokens[this.pos++] as Token;
    if (this.pos > this.best) this.best = this.pos;
    return token;
  }

  /**
   * Where the reference reports a failed parse of these tokens: the start of the token after the
   * furthest one examined, else the end of the last token, else `fallback`.
   */
  errorOffset(fallback: number): number {
    const tokens = this.tokens;
    if (this.best < tokens.length) return (tokens[this.best] as Token).start;
    if (tokens.length > 0) return (tokens[tokens.length - 1] as Token).end;
    return fallback;
  }
}

/**
 * How deeply expressions may nest: the height of an expression tree, where each list, tuple,
 * application and `.member` adds a level (`a.b` is 2 deep). Parentheses and brackets are already
 * limited by the lexer, but `a.b.c…` chains are not; the cap keeps every stage that walks
 * expressions recursively far from the JS stack limit.
 */
export const MAX_EXPRESSION_DEPTH = 512;

/**
 * An expression nests deeper than {@link MAX_EXPRESSION_DEPTH}. Thrown to abandon the statement
 * being parsed; the statement parser turns it into a `limit` diagnostic.
 */
export class ExpressionTooDeep extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super(`Expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep.`);
  }
}

/** The parse of one file in progress: where diagnostics go. */
export class ParseContext {
  /**
   * Height of the expression parsed last (1 for a name or literal); parsers of nested
   * expressions read it right after a successful parse to enforce {@link MAX_EXPRESSION_DEPTH}.
   */
  height = 0;

  constructor(
    readonly file: SourceFile,
    readonly diagnostics: Diagnostic[],
  ) {}

  /** Reports an error at `start`–`end`. */
  error(code: DiagnosticCode, message: string, start: number, end: number = start): void {
    this.diagnostics.push(diagnostic(code, message, this.file, start, end));
  }
}

/** A located value nobody wrote: what the reference leaves in place of an item that failed. */
export function emptyName(): Located<string> {
  return { value: '', start: 0, end: 0 };
}

/** Consumes the next token; returns its name if it is an identifier. */
export function matchIdentifier(input: TokenInput): Located<string> | undefined {
  const token = input.next();
  if (token?.kind !== 'identifier') return undefined;
  return { value: token.value, start: token.start, end: token.end };
}

/** Consumes the next token; returns it if it is the identifier `word`. */
export function matchKeyword(input: TokenInput, word: string): Token | undefined {
  const token = input.next();
  return token?.kind === 'identifier' && token.value === word ? token : undefined;
}

/** Consumes the next token; returns it if it is exactly the operator `op`. */
export function matchOperator(input: TokenInput, op: string): Token | undefined {
  const token = input.next();
  return token?.kind === 'operator' && token.value === op ? token : undefined;
}

/** Consumes the next token; returns its value if it is an integer literal. */
export function matchInteger(input: TokenInput): Located<bigint> | undefined {
  const token = input.next();
  if (token?.kind !== 'integer') return undefined;
  return { value: token.value, start: token.start, end: token.end };
}

/** Consumes the next token; returns it if it is a list of the given kind. */
export function matchList(input: TokenInput, kind: ListToken['kind']): ListToken | undefined {
  const token = input.next();
  return token?.kind === kind ? token : undefined;
}

/**
 * Parses every item of `list` with `parseItem`, each on its own token input, and requires the
 * item to be consumed entirely. Failed items are `undefined` and get "Parse error." from the
 * furthest token reached to the item's end (the whole item if the parser consumed it all), or
 * "Parse error: Empty list item." over the whole list for an empty item. Errors are reported when
 * the list is parsed, so a list parsed by two alternatives reports twice, like the reference.
 */
export function parseListItems<T>(
  ctx: ParseContext,
  list: ListToken,
  parseItem: (ctx: ParseContext, input: TokenInput) => T | undefined,
): (T | undefined)[] {
  const results: (T | undefined)[] = [];
  for (const item of list.items) {
    const input = new TokenInput(item);
    let result = parseItem(ctx, input);
    if (result !== undefined && !input.atEnd()) result = undefined;
    if (result === undefined) {
      const last = item[item.length - 1];
      if (last === undefined) {
        ctx.error('parse-error', 'Parse error: Empty list item.', list.start, list.end);
      } else if (input.best < item.length) {
        ctx.error('parse-error', 'Parse error.', (item[input.best] as Token).start, last.end);
      } else {
        ctx.error('parse-error', 'Parse error.', (item[0] as Token).start, last.end);
      }
    }
    results.push(result);
  }
  return results;
}
