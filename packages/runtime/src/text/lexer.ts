/**
 * Tokens of the Cap'n Proto text format, split as the reference's schema lexer splits a token
 * sequence (lexer.c++ with kj's character parsers), over bytes. At each position the first of
 * these that matches is taken (not the longest):
 *
 *   identifier := [A-Za-z_][A-Za-z0-9_]*
 *   string     := '"' ( [^\\\n"] | escape )* '"'
 *   escape     := '\' ( [abfnrtv'"\\?] | 'x' hex hex | oct oct? oct? )
 *   binary     := '0x"' ( ws* hex hex )+ ws* '"'
 *   integer    := ( '0x' hex+ | '0' oct* | [1-9][0-9]* ) not followed by [A-Za-z_.]
 *   float      := [0-9]+ ( '.' [0-9]* )? ( [eE] [+-]? [0-9]* )? not followed by [A-Za-z_.]
 *   operator   := [!$%&*+-./:<=>?@^|~]+
 *   list       := '(' items ')' | '[' items ']'      items := tokens ( ',' tokens )* ','?
 *
 * Between tokens: whitespace (space \f \n \r \t \v), UTF-8 byte order marks and `#` comments.
 * Integers wrap modulo 2^64 as the reference's do. Lexing is all or nothing.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A token with its byte range in the input. */
export type Token = Span &
  (
    | { readonly kind: 'identifier'; readonly value: string }
    | { readonly kind: 'string'; readonly value: Uint8Array }
    | { readonly kind: 'binary'; readonly value: Uint8Array }
    | { readonly kind: 'integer'; readonly value: bigint }
    | { readonly kind: 'float'; readonly value: number }
    | { readonly kind: 'operator'; readonly value: string }
    | ListBody
  );

interface ListBody {
  readonly kind: 'parenthesized' | 'bracketed';
  readonly items: readonly (readonly Token[])[];
}

/** A parenthesized or bracketed list of comma-separated token sequences. */
export type ListToken = Span & ListBody;

/** How deeply parentheses and brackets may nest: the parsers recurse once per level. */
export const MAX_TEXT_NESTING = 256;

const OPERATOR = new Set([...'!$%&*+-./:<=>?@^|~'].map((c) => c.charCodeAt(0)));

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isOct(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0b;
}
function digitValue(c: number): number {
  return c < 0x41 ? c - 0x30 : c < 0x61 ? c - 0x41 + 10 : c - 0x61 + 10;
}
/** What may not follow a number: a letter, `_` or `.`. */
function endsNumber(c: number | undefined): boolean {
  return c === undefined || !(isAlpha(c) || c === 0x5f || c === 0x2e);
}

const ESCAPES: Record<number, number> = {
  97: 0x07,
  98: 0x08,
  102: 0x0c,
  110: 0x0a,
  114: 0x0d,
  116: 0x09,
  118: 0x0b,
  39: 0x27,
  34: 0x22,
  92: 0x5c,
  63: 0x3f,
};

/** Why lexing failed, and the furthest byte it reached. */
export class LexFailure {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {}
}

class Lexer {
  pos = 0;
  depth = 0;

  constructor(readonly b: Uint8Array) {}

  at(i: number): number | undefined {
    return this.b[i];
  }

  // Whitespace, byte order marks and comments.
  skip(): void {
    const b = this.b;
    for (;;) {
      const c = b[this.pos];
      if (c === undefined) return;
      if (isSpace(c)) this.pos++;
      else if (c === 0xef && b[this.pos + 1] === 0xbb && b[this.pos + 2] === 0xbf) this.pos += 3;
      else if (c === 0x23) {
        while (this.pos < b.length && b[this.pos] !== 0x0a) this.pos++;
        if (this.pos < b.length) this.pos++;
      } else return;
    }
  }

  // tokens := ( token )*, ending at a ',' ')' ']' or the end of the input.
  sequence(): Token[] {
    const tokens: Token[] = [];
    this.skip();
    for (;;) {
      const token = this.token();
      if (token === undefined) return tokens;
      tokens.push(token);
      this.skip();
    }
  }

  token(): Token | undefined {
    const start = this.pos;
    const c = this.at(start);
    if (c === undefined) return undefined;
    if (isAlpha(c) || c === 0x5f) {
      let end = start + 1;
      for (let d = this.at(end); d !== undefined && (isAlpha(d) || isDigit(d) || d === 0x5f); ) {
        d = this.at(++end);
      }
      this.pos = end;
      let value = '';
      for (let i = start; i < end; i++) value += String.fromCharCode(this.b[i] as number);
      return { kind: 'identifier', value, start, end };
    }
    if (c === 0x22) return this.string(start);
    if (c === 0x30 && this.at(start + 1) === 0x78 && this.at(start + 2) === 0x22) {
      const binary = this.binary(start);
      if (binary !== undefined) return binary;
    }
    if (isDigit(c)) return this.integer(start) ?? this.float(start) ?? this.fail(start);
    if (OPERATOR.has(c)) {
      let end = start + 1;
      while (end < this.b.length && OPERATOR.has(this.b[end] as number)) end++;
      this.pos = end;
      let value = '';
      for (let i = start; i < end; i++) value += String.fromCharCode(this.b[i] as number);
      return { kind: 'operator', value, start, end };
    }
    if (c === 0x28 || c === 0x5b) return this.list(start, c === 0x28 ? 0x29 : 0x5d);
    if (c === 0x2c || c === 0x29 || c === 0x5d) return undefined;
    const n = this.at(start + 1);
    if (c === 0x00 || (c === 0xff && n === 0xfe) || (c === 0xfe && n === 0xff)) {
      throw new LexFailure(
        start,
        "Non-UTF-8 input detected. Cap'n Proto schema files must be UTF-8 text.",
      );
    }
    return this.fail(start);
  }

  fail(at: number): never {
    throw new LexFailure(at, 'Parse error.');
  }

  string(start: number): Token {
    const out: number[] = [];
    let i = start + 1;
    for (;;) {
      const c = this.at(i);
      if (c === undefined || c === 0x0a) this.fail(i);
      if (c === 0x22) break;
      if (c !== 0x5c) {
        out.push(c);
        i++;
        continue;
      }
      const e = this.at(i + 1);
      if (e === undefined) this.fail(i + 1);
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out.push(simple);
        i += 2;
      } else if (e === 0x78) {
        const h1 = this.at(i + 2);
        const h2 = this.at(i + 3);
        if (h1 === undefined || h2 === undefined || !isHex(h1) || !isHex(h2)) this.fail(i + 2);
        out.push((digitValue(h1) << 4) | digitValue(h2));
        i += 4;
      } else if (isOct(e)) {
        let v = e - 0x30;
        i += 2;
        for (let k = 0; k < 2; k++) {
          const o = this.at(i);
          if (o === undefined || !isOct(o)) break;
          v = (v << 3) | (o - 0x30);
          i++;
        }
        // The value is stored in a char: `\777` is 0xff.
        out.push(v & 0xff);
      } else this.fail(i + 1);
    }
    this.pos = i + 1;
    return { kind: 'string', value: Uint8Array.from(out), start, end: i + 1 };
  }

  binary(start: number): Token | undefined {
    const out: number[] = [];
    let i = start + 3;
    for (;;) {
      let j = i;
      while (j < this.b.length && isSpace(this.b[j] as number)) j++;
      const h1 = this.at(j);
      const h2 = this.at(j + 1);
      if (h1 === undefined || h2 === undefined || !isHex(h1) || !isHex(h2)) {
        if (out.length === 0 || this.at(j) !== 0x22) return undefined;
        this.pos = j + 1;
        return { kind: 'binary', value: Uint8Array.from(out), start, end: j + 1 };
      }
      out.push((digitValue(h1) << 4) | digitValue(h2));
      i = j + 2;
    }
  }

  integer(start: number): Token | undefined {
    const b = this.b;
    let i = start;
    let value = 0n;
    if (b[i] === 0x30 && b[i + 1] === 0x78 && isHex(b[i + 2] ?? -1)) {
      i += 2;
      while (i < b.length && isHex(b[i] as number))
        value = value * 16n + BigInt(digitValue(b[i++] as number));
    } else if (b[i] === 0x30) {
      i++;
      while (i < b.length && isOct(b[i] as number))
        value = value * 8n + BigInt((b[i++] as number) - 0x30);
    } else {
      while (i < b.length && isDigit(b[i] as number))
        value = value * 10n + BigInt((b[i++] as number) - 0x30);
    }
    if (!endsNumber(b[i])) return undefined;
    this.pos = i;
    return { kind: 'integer', value: BigInt.asUintN(64, value), start, end: i };
  }

  float(start: number): Token | undefined {
    const b = this.b;
    let i = start;
    while (i < b.length && isDigit(b[i] as number)) i++;
    if (b[i] === 0x2e) {
      i++;
      while (i < b.length && isDigit(b[i] as number)) i++;
    }
    let dangling = false;
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      const digits = i;
      while (i < b.length && isDigit(b[i] as number)) i++;
      dangling = i === digits;
    }
    if (!endsNumber(b[i])) return undefined;
    let text = '';
    for (let k = start; k < i; k++) text += String.fromCharCode(b[k] as number);
    this.pos = i;
    // `1e` reads as no number at all to the reference's strtod: 0, with an error.
    const value = dangling ? Number.NaN : Number(text.endsWith('.') ? `${text}0` : text);
    return { kind: 'float', value, start, end: i };
  }

  list(start: number, close: number): Token {
    if (++this.depth > MAX_TEXT_NESTING) {
      throw new LexFailure(start, `Text nested more than ${MAX_TEXT_NESTING} levels deep.`);
    }
    this.pos = start + 1;
    const items: Token[][] = [this.sequence()];
    while (this.at(this.pos) === 0x2c) {
      this.pos++;
      items.push(this.sequence());
    }
    if (this.at(this.pos) !== close) this.fail(this.pos);
    this.pos++;
    this.depth--;
    // `()` has no items; one trailing comma is allowed.
    if (items.length === 1 && (items[0] as Token[]).length === 0) items.length = 0;
    else if (items.length > 1 && (items[items.length - 1] as Token[]).length === 0) items.pop();
    return {
      kind: close === 0x29 ? 'parenthesized' : 'bracketed',
      items,
      start,
      end: this.pos,
    };
  }
}

/**
 * The tokens of `input` (the whole of it), or a {@link LexFailure} with the position where it
 * could not be lexed.
 */
export function lexText(input: Uint8Array): Token[] | LexFailure {
  const lexer = new Lexer(input);
  try {
    const tokens = lexer.sequence();
    if (lexer.pos < input.length) lexer.fail(lexer.pos);
    return tokens;
  } catch (e) {
    if (e instanceof LexFailure) return e;
    throw e;
  }
}
