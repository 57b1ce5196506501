/**
 * Scanners for the lexer's literal tokens (strings, numbers, binary literals) and the character
 * classes they share with it.
 *
 * A scanner returns the token, or, if the text there is not a valid literal, the furthest
 * position the reference's backtracking lexer reaches while trying (a number): the reference
 * reports its "Parse error." there.
 */
import type { BinaryToken, FloatToken, IntegerToken, StringToken } from './lexer.js';
import { decodeUtf8, writeUtf8 } from './utf8.js';

/** `" \f\n\r\t\v"` */
export const WS = 1;
/** `[A-Za-z_]` */
export const NAME_START = 2;
/** `[A-Za-z0-9_]` */
export const NAME = 4;
/** `[0-9]` */
export const DIGIT = 8;
/** `[0-9A-Fa-f]` */
export const HEX = 16;
/** `!$%&*+-./:<=>?@^|~`: operator characters. */
export const OP = 32;
/** `[A-Za-z_.]`: what must not follow a number. */
export const NOT_AFTER_NUMBER = 64;
/** `" \f\t\v"`: whitespace that does not end a line. */
export const LINE_WS = 128;

const CLASS = new Uint8Array(128);
for (const c of ' \f\n\r\t\v') CLASS[c.charCodeAt(0)] |= WS;
for (const c of ' \f\t\v') CLASS[c.charCodeAt(0)] |= LINE_WS;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] |= NAME_START | NAME | NOT_AFTER_NUMBER;
  if (/[0-9]/.test(ch)) CLASS[c] |= NAME | DIGIT | HEX;
  if (/[a-fA-F]/.test(ch)) CLASS[c] |= HEX;
  if ('!$%&*+-./:<=>?@^|~'.includes(ch)) CLASS[c] |= OP;
}
CLASS[0x2e] |= NOT_AFTER_NUMBER; // '.'

/** The class bits of the code unit `c` (0 for -1, the end of input, and for non-ASCII). */
export function classOf(c: number): number {
  return c >= 0 && c < 128 ? (CLASS[c] as number) : 0;
}

const QUOTE = 0x22;
const ZERO = 0x30;
const LF = 0x0a;
const BACKSLASH = 0x5c;
const LOWER_X = 0x78;

/** The code unit at `i`, or -1 past the end. */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

function isOctal(c: number): boolean {
  return c >= ZERO && c <= 0x37;
}

/** Escapes with a fixed meaning: `\a \b \f \n \r \t \v` and the ones that stand for themselves. */
const SIMPLE_ESCAPES = new Map<number, number>(
  [
    ['a', 7],
    ['b', 8],
    ['f', 12],
    ['n', 10],
    ['r', 13],
    ['t', 9],
    ['v', 11],
    ["'", 39],
    ['"', 34],
    ['\\', 92],
    ['?', 63],
  ].map(([k, v]) => [(k as string).charCodeAt(0), v as number]),
);

/**
 * string := '"' (any character but '\', '"' or newline | escape)* '"'
 * escape := '\' ([abfnrtv'"\?] | 'x' hex hex | octal [octal [octal]])
 *
 * Scans the string literal whose `"` is at `p`. There is no `\u` escape.
 */
export function scanString(text: string, p: number): StringToken | number {
  let q = p + 1;
  let escaped = false;
  // First pass: find the closing quote, checking escapes.
  for (;;) {
    const c = codeAt(text, q);
    if (c === QUOTE) break;
    if (c === -1 || c === LF) return q;
    if (c === BACKSLASH) {
      const e = escapeEnd(text, q);
      if (e < 0) return -e;
      escaped = true;
      q = e;
    } else {
      q++;
    }
  }
  const end = q + 1;
  const bytes = new Uint8Array((q - p - 1) * 3);
  if (!escaped) {
    const length = writeUtf8(text, p + 1, q, bytes, 0);
    const value = text.slice(p + 1, q);
    return { kind: 'string', value, bytes: bytes.slice(0, length), start: p, end };
  }
  // Second pass: build the bytes.
  let length = 0;
  let r = p + 1;
  while (r < q) {
    const backslash = text.indexOf('\\', r);
    const runEnd = backslash < 0 || backslash > q ? q : backslash;
    length = writeUtf8(text, r, runEnd, bytes, length);
    if (runEnd === q) break;
    const e = text.charCodeAt(runEnd + 1);
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      bytes[length++] = simple;
      r = runEnd + 2;
    } else if (e === LOWER_X) {
      bytes[length++] = Number.parseInt(text.slice(runEnd + 2, runEnd + 4), 16);
      r = runEnd + 4;
    } else {
      let s = runEnd + 1;
      let value = 0;
      while (s < runEnd + 4 && isOctal(text.charCodeAt(s))) {
        value = value * 8 + (text.charCodeAt(s++) - ZERO);
      }
      bytes[length++] = value & 0xff; // `\777` is one byte, 0xff, as a C char would be
      r = s;
    }
  }
  const value = bytes.slice(0, length);
  return { kind: 'string', value: decodeUtf8(value), bytes: value, start: p, end };
}

/**
 * The end of the escape whose backslash is at `q`; if it is invalid, minus the furthest position
 * reached (always > 0, so the sign tells them apart).
 */
function escapeEnd(text: string, q: number): number {
  const e = codeAt(text, q + 1);
  if (SIMPLE_ESCAPES.has(e)) return q + 2;
  if (e === LOWER_X) {
    if (!(classOf(codeAt(text, q + 2)) & HEX)) return -(q + 2);
    if (!(classOf(codeAt(text, q + 3)) & HEX)) return -(q + 3);
    return q + 4;
  }
  if (isOctal(e)) {
    let r = q + 2;
    if (isOctal(codeAt(text, r))) r++;
    if (isOctal(codeAt(text, r))) r++;
    return r;
  }
  return -(q + 1);
}

/**
 * Numbers, tried in the reference's order:
 * binary  := '0x"' (space* hex hex)+ space* '"'
 * integer := ('0x' hex+ | '0' octal* | [1-9] digit*) not followed by [A-Za-z_.]
 * float   := digit+ ['.' digit*] [(e|E) [+|-] digit*] not followed by [A-Za-z_.]
 *
 * Scans the literal whose first digit is at `p`. `09` is the integer `0` (then `9`); a float
 * whose exponent has no digits (`1e`) is returned with value NaN, see {@link isIncompleteFloat}.
 */
export function scanNumber(
  text: string,
  p: number,
): BinaryToken | IntegerToken | FloatToken | number {
  const c0 = text.charCodeAt(p);
  const hexPrefix = c0 === ZERO && codeAt(text, p + 1) === LOWER_X;
  let reach = c0 === ZERO ? (hexPrefix ? p + 2 : p + 1) : p;
  if (hexPrefix && codeAt(text, p + 2) === QUOTE) {
    const binary = scanBinary(text, p);
    if (typeof binary !== 'number') return binary;
    reach = binary;
  }

  // Integer. Of its three forms the first that matches is final, even if the check that no
  // letter, '_' or '.' follows then fails.
  let q: number;
  let radix: number;
  let digits: number;
  if (hexPrefix && classOf(codeAt(text, p + 2)) & HEX) {
    q = p + 3;
    while (classOf(codeAt(text, q)) & HEX) q++;
    radix = 16;
    digits = p + 2;
  } else if (c0 === ZERO) {
    q = p + 1;
    while (isOctal(codeAt(text, q))) q++;
    radix = 8;
    digits = p + 1;
  } else {
    q = p + 1;
    while (classOf(codeAt(text, q)) & DIGIT) q++;
    radix = 10;
    digits = p;
  }
  reach = Math.max(reach, q);
  if (!(classOf(codeAt(text, q)) & NOT_AFTER_NUMBER)) {
    return { kind: 'integer', value: parseInteger(text, digits, q, radix), start: p, end: q };
  }

  // Float.
  let f = p + 1;
  while (classOf(codeAt(text, f)) & DIGIT) f++;
  if (codeAt(text, f) === 0x2e) {
    f++;
    while (classOf(codeAt(text, f)) & DIGIT) f++;
  }
  const e = codeAt(text, f);
  if (e === 0x65 || e === 0x45) {
    f++;
    const sign = codeAt(text, f);
    if (sign === 0x2b || sign === 0x2d) f++;
    while (classOf(codeAt(text, f)) & DIGIT) f++;
  }
  if (classOf(codeAt(text, f)) & NOT_AFTER_NUMBER) return Math.max(reach, f);
  return { kind: 'float', value: Number(text.slice(p, f)), start: p, end: f };
}

/**
 * Whether a float token's exponent has no digits (`1e`, `2.5E+`). The reference's lexer accepts
 * these, then fails converting them and the compiler dies with an uncaught exception.
 */
export function isIncompleteFloat(text: string, token: FloatToken): boolean {
  const last = text.charCodeAt(token.end - 1);
  return last === 0x65 || last === 0x45 || last === 0x2b || last === 0x2d;
}

/** The binary literal at `p` (which starts with `0x"`), or the furthest position reached. */
function scanBinary(text: string, p: number): BinaryToken | number {
  const bytes: number[] = [];
  let q = p + 3;
  let reach: number;
  for (;;) {
    let r = q;
    while (classOf(codeAt(text, r)) & WS) r++;
    const hi = codeAt(text, r);
    const lo = codeAt(text, r + 1);
    if (classOf(hi) & HEX && classOf(lo) & HEX) {
      bytes.push(Number.parseInt(text.slice(r, r + 2), 16));
      q = r + 2;
      continue;
    }
    reach = classOf(hi) & HEX ? r + 1 : r;
    break;
  }
  if (bytes.length === 0) return reach;
  while (classOf(codeAt(text, q)) & WS) q++;
  if (codeAt(text, q) !== QUOTE) return Math.max(reach, q);
  return { kind: 'binary', value: Uint8Array.from(bytes), start: p, end: q + 1 };
}

const MASK_64 = (1n << 64n) - 1n;
const CHUNK = 15;
const CHUNK_SCALE = 10n ** BigInt(CHUNK);

/**
 * The integer with digits `text[start, end)` in `radix`, modulo 2^64 as the reference computes
 * it. Only the low 64 bits are kept while parsing, so a megabyte of digits costs linear time.
 */
function parseInteger(text: string, start: number, end: number, radix: number): bigint {
  if (end === start) return 0n;
  if (radix === 16) return BigInt(`0x${text.slice(Math.max(start, end - 16), end)}`);
  if (radix === 8) return BigInt(`0o${text.slice(Math.max(start, end - 22), end)}`) & MASK_64;
  const first = (end - start) % CHUNK || CHUNK;
  let value = BigInt(text.slice(start, start + first));
  for (let i = start + first; i < end; i += CHUNK) {
    value = (value * CHUNK_SCALE + BigInt(text.slice(i, i + CHUNK))) & MASK_64;
  }
  return value & MASK_64;
}
