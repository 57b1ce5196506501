import { type LexFailure, type ListToken, lexText, type Token } from './lexer.js';

/**
 * Expressions of the text format, parsed from tokens as the reference's schema parser parses
 * them (parser.c++'s `expression`). A malformed list item or tuple element is reported and
 * parsed as `unknown`, and parsing goes on, as the reference's does.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A named tuple element's name. */
export interface Name extends Span {
  readonly value: string;
}

/** A tuple element: `name = value` or a bare value. */
export interface Param {
  readonly name: Name | undefined;
  readonly value: Expression;
}

/** A parsed expression with its byte range. */
export type Expression = Span &
  (
    | { readonly kind: 'unknown' }
    | { readonly kind: 'positive-int' | 'negative-int'; readonly value: bigint }
    | { readonly kind: 'float'; readonly value: number }
    | { readonly kind: 'string' | 'binary'; readonly value: Uint8Array }
    | { readonly kind: 'list'; readonly items: readonly Expression[] }
    | { readonly kind: 'tuple'; readonly params: readonly Param[] }
    | { readonly kind: 'relative-name' | 'absolute-name'; readonly name: string }
    | { readonly kind: 'import' | 'embed'; readonly path: Uint8Array }
    | { readonly kind: 'member'; readonly parent: Expression; readonly name: string }
    | { readonly kind: 'application'; readonly fn: Expression; readonly params: readonly Param[] }
  );

/** Reports a problem at a byte range (the parse goes on). */
export type ReportAt = (start: number, end: number, reason: string) => void;

type Parsed<T> = { readonly value: T; readonly next: number } | undefined;

function isOp(t: Token | undefined, op: string): boolean {
  return t?.kind === 'operator' && t.value === op;
}

function isKeyword(t: Token | undefined, word: string): boolean {
  return t?.kind === 'identifier' && t.value === word;
}

class Parser {
  /**
   * The furthest position an attempt reached, as the reference's parser counts it: its token
   * matchers take a token before deciding, so looking at token i reaches i + 1. Errors are
   * reported from there.
   */
  best = 0;

  constructor(readonly report: ReportAt) {}

  /** Token `i`, noting that it was looked at. */
  look(tokens: readonly Token[], i: number): Token | undefined {
    if (i < tokens.length && i + 1 > this.best) this.best = i + 1;
    return tokens[i];
  }

  // Items of a list or tuple, each parsed on its own: each must be exactly one element; a bad
  // one is reported (from the furthest position reached to the item's end) and becomes unknown.
  items<T>(
    list: ListToken,
    parse: (tokens: readonly Token[], i: number) => Parsed<T>,
    unknown: (at: Span) => T,
  ): T[] {
    const outer = this.best;
    const out = list.items.map((item) => {
      this.best = 0;
      const parsed = item.length > 0 ? parse(item, 0) : undefined;
      if (parsed !== undefined && parsed.next === item.length) return parsed.value;
      const first = item[0];
      const last = item[item.length - 1];
      if (first === undefined || last === undefined) {
        this.report(list.start, list.end, 'Parse error: Empty list item.');
        return unknown(list);
      }
      const best = item[Math.max(this.best, parsed?.next ?? 0)];
      this.report((best ?? first).start, last.end, 'Parse error.');
      return unknown({ start: first.start, end: last.end });
    });
    this.best = outer;
    return out;
  }

  // tupleElement := ( identifier '=' )? expression
  param(tokens: readonly Token[], i: number): Parsed<Param> {
    const t = this.look(tokens, i);
    let name: Name | undefined;
    let at = i;
    if (t?.kind === 'identifier' && isOp(this.look(tokens, i + 1), '=')) {
      name = { value: t.value, start: t.start, end: t.end };
      at = i + 2;
    }
    const value = this.expression(tokens, at);
    return value === undefined
      ? undefined
      : { value: { name, value: value.value }, next: value.next };
  }

  tuple(list: ListToken): Param[] {
    return this.items(
      list,
      (tokens, i) => this.param(tokens, i),
      (at) => ({ name: undefined, value: { kind: 'unknown', ...span(at) } }),
    );
  }

  // expression := base ( '.' identifier | tuple )*
  expression(tokens: readonly Token[], i: number): Parsed<Expression> {
    const base = this.base(tokens, i);
    if (base === undefined) return undefined;
    let e = base.value;
    let next = base.next;
    for (;;) {
      const t = this.look(tokens, next);
      const n = isOp(t, '.') ? this.look(tokens, next + 1) : undefined;
      if (isOp(t, '.') && n?.kind === 'identifier') {
        e = { kind: 'member', parent: e, name: n.value, start: e.start, end: n.end };
        next += 2;
      } else if (t?.kind === 'parenthesized') {
        e = { kind: 'application', fn: e, params: this.tuple(t), start: e.start, end: t.end };
        next += 1;
      } else return { value: e, next };
    }
  }

  // base := integer | '-' integer | float | '-' float | '-' 'inf' | string+ | binary
  //       | '[' expression, … ']' | '(' tupleElement, … ')' | 'import' string
  //       | 'embed' string | '.' identifier | identifier
  base(tokens: readonly Token[], i: number): Parsed<Expression> {
    const t = this.look(tokens, i);
    if (t === undefined) return undefined;
    // Alternatives that start with `-`, `.`, `import` or `embed` look at the next token too.
    const n =
      (t.kind === 'operator' && (t.value === '-' || t.value === '.')) ||
      (t.kind === 'identifier' && (t.value === 'import' || t.value === 'embed'))
        ? this.look(tokens, i + 1)
        : undefined;
    const at = (value: Expression, next: number) => ({ value, next });
    switch (t.kind) {
      case 'integer':
        return at({ kind: 'positive-int', value: t.value, ...span(t) }, i + 1);
      case 'float':
        return at({ kind: 'float', value: t.value, ...span(t) }, i + 1);
      case 'string': {
        let j = i;
        const parts: Uint8Array[] = [];
        for (let s: Token | undefined = t; s?.kind === 'string'; s = this.look(tokens, ++j)) {
          parts.push(s.value);
        }
        const last = tokens[j - 1] as Token;
        return at({ kind: 'string', value: concat(parts), start: t.start, end: last.end }, j);
      }
      case 'binary':
        return at({ kind: 'binary', value: t.value, ...span(t) }, i + 1);
      case 'bracketed': {
        const items = this.items(
          t,
          (tokens, k) => this.expression(tokens, k),
          (s): Expression => ({ kind: 'unknown', ...span(s) }),
        );
        return at({ kind: 'list', items, ...span(t) }, i + 1);
      }
      case 'parenthesized': {
        const params = this.tuple(t);
        const only = params[0];
        // A one-element tuple without a name is just its value.
        if (params.length === 1 && only !== undefined && only.name === undefined) {
          return at(only.value, i + 1);
        }
        return at({ kind: 'tuple', params, ...span(t) }, i + 1);
      }
      case 'operator':
        if (t.value === '-') {
          if (n?.kind === 'integer')
            return at({ kind: 'negative-int', value: n.value, ...span(n) }, i + 2);
          if (n?.kind === 'float') return at({ kind: 'float', value: -n.value, ...span(n) }, i + 2);
          if (isKeyword(n, 'inf')) {
            return at(
              {
                kind: 'float',
                value: Number.NEGATIVE_INFINITY,
                start: t.start,
                end: (n as Token).end,
              },
              i + 2,
            );
          }
        }
        if (t.value === '.' && n?.kind === 'identifier') {
          return at({ kind: 'absolute-name', name: n.value, start: t.start, end: n.end }, i + 2);
        }
        return undefined;
      case 'identifier':
        if ((t.value === 'import' || t.value === 'embed') && n?.kind === 'string') {
          return at({ kind: t.value, path: n.value, start: t.start, end: n.end }, i + 2);
        }
        return at({ kind: 'relative-name', name: t.value, ...span(t) }, i + 1);
    }
  }
}

function span(s: Span): Span {
  return { start: s.start, end: s.end };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Why a text message could not be read at all (the reference gives up on these). */
export class FatalTextError {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly reason: string,
  ) {}
}

/**
 * Parses the one expression a text message is. Problems that the reference reports and then
 * continues after go to `report`; problems it gives up on are thrown as {@link FatalTextError}.
 * Returns undefined when nothing could be parsed (after reporting why).
 */
export function parseTextExpression(input: Uint8Array, report: ReportAt): Expression | undefined {
  const lexed = lexText(input);
  if (!Array.isArray(lexed)) {
    const failure = lexed as LexFailure;
    report(failure.position, failure.position, failure.reason);
    throw new FatalTextError(failure.position, failure.position, 'Failed to read input.');
  }
  const tokens = lexed as Token[];
  if (tokens.length === 0) throw new FatalTextError(0, 0, 'Failed to read input.');
  const parser = new Parser(report);
  const parsed = parser.expression(tokens, 0);
  if (parsed === undefined) {
    const best = tokens[parser.best];
    if (best === undefined) {
      const last = tokens[tokens.length - 1] as Token;
      throw new FatalTextError(last.end, last.end, 'Premature end of input.');
    }
    report(best.start, best.end, 'Parse error');
    return undefined;
  }
  if (parsed.next !== tokens.length) {
    const extra = tokens[parsed.next] as Token;
    throw new FatalTextError(extra.start, extra.end, 'Extra tokens in input.');
  }
  return parsed.value;
}
