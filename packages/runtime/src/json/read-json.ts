import { CapnpError } from '../errors.js';
import { bytesToBinary } from '../text/binary-string.js';
import type { JsonField, JsonNode } from './json-value.js';

/**
 * JSON text to a {@link JsonNode}, read as the reference's codec reads it (json.c++'s Parser),
 * so `capnp convert json:binary` and `fromJSON` accept and reject the same input:
 *
 * - whitespace is space, tab, CR and LF; a NUL byte ends the input;
 * - numbers are `-? (0 | [1-9][0-9]*) (. [0-9]*)? ([eE] [+-]? [0-9]*)?` (so `1.` and `1e`
 *   are accepted), read as doubles;
 * - `\uXXXX` escapes keep the reference's decoding: hex digits `a`–`f` count from 0 (so
 *   `\u00e9` reads as `I`), code units below 0x80 are one byte, others are encoded alone as
 *   UTF-8 (no surrogate pairing);
 * - nesting deeper than {@link MAX_JSON_NESTING} arrays/objects is refused.
 *
 * Errors are CapnpError `invalid-json` naming the byte offset.
 */

/** How deeply arrays and objects may nest (the reference's default maxNestingDepth). */
export const MAX_JSON_NESTING = 64;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

class Reader {
  pos = 0;
  depth = 0;

  constructor(readonly bytes: Uint8Array) {}

  fail(message: string): CapnpError {
    return new CapnpError('invalid-json', `${message} (at byte ${this.pos}).`);
  }

  exhausted(): boolean {
    return this.pos >= this.bytes.length || this.bytes[this.pos] === 0;
  }

  peek(): number {
    if (this.exhausted()) throw this.fail('JSON message ends prematurely');
    return this.bytes[this.pos] as number;
  }

  expect(c: number): void {
    if (this.peek() !== c) throw this.fail('Unexpected input in JSON message');
    this.pos++;
  }

  tryConsume(c: number): boolean {
    if (!this.exhausted() && this.bytes[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  skipSpace(): void {
    while (!this.exhausted() && isSpace(this.bytes[this.pos] as number)) this.pos++;
  }

  consumeWord(word: string): void {
    for (let i = 0; i < word.length; i++) {
      if (this.pos >= this.bytes.length) throw this.fail('JSON message ends prematurely');
      if (this.bytes[this.pos] !== word.charCodeAt(i)) {
        throw this.fail('Unexpected input in JSON message');
      }
      this.pos++;
    }
  }

  // value := ws ( null | false | true | string | array | object | number ) ws
  value(): JsonNode {
    this.skipSpace();
    if (this.exhausted()) throw this.fail('JSON message ends prematurely');
    let node: JsonNode;
    switch (this.peek()) {
      case 0x6e: // n
        this.consumeWord('null');
        node = { kind: 'null' };
        break;
      case 0x66: // f
        this.consumeWord('false');
        node = { kind: 'boolean', value: false };
        break;
      case 0x74: // t
        this.consumeWord('true');
        node = { kind: 'boolean', value: true };
        break;
      case 0x22: // "
        node = { kind: 'string', value: this.string() };
        break;
      case 0x5b: // [
        node = this.array();
        break;
      case 0x7b: // {
        node = this.object();
        break;
      default: {
        const c = this.peek();
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) node = this.number();
        else throw this.fail('Unexpected input in JSON message');
      }
    }
    this.skipSpace();
    return node;
  }

  enter(): void {
    if (++this.depth > MAX_JSON_NESTING) throw this.fail('JSON message nested too deeply');
  }

  // array := '[' ( value ( ',' value )* )? ']'
  array(): JsonNode {
    this.expect(0x5b);
    this.enter();
    const items: JsonNode[] = [];
    for (this.skipSpace(); this.peek() !== 0x5d; this.skipSpace()) {
      if (items.length > 0) {
        this.skipSpace();
        this.expect(0x2c);
        this.skipSpace();
      }
      items.push(this.value());
    }
    this.expect(0x5d);
    this.depth--;
    return { kind: 'array', items };
  }

  // object := '{' ( string ':' value ( ',' string ':' value )* )? '}'
  object(): JsonNode {
    this.expect(0x7b);
    this.enter();
    const fields: JsonField[] = [];
    for (this.skipSpace(); this.peek() !== 0x7d; this.skipSpace()) {
      if (fields.length > 0) {
        this.skipSpace();
        this.expect(0x2c);
        this.skipSpace();
      }
      const name = this.string();
      this.skipSpace();
      this.expect(0x3a);
      this.skipSpace();
      fields.push({ name, value: this.value() });
    }
    this.expect(0x7d);
    this.depth--;
    return { kind: 'object', fields };
  }

  // number := '-'? ( '0' | [1-9][0-9]* ) ( '.' [0-9]* )? ( [eE] [+-]? [0-9]* )?
  number(): JsonNode {
    const start = this.pos;
    const digits = () => {
      while (!this.exhausted()) {
        const c = this.bytes[this.pos] as number;
        if (c < 0x30 || c > 0x39) break;
        this.pos++;
      }
    };
    this.tryConsume(0x2d);
    if (!this.tryConsume(0x30)) {
      const c = this.peek();
      if (c < 0x31 || c > 0x39) throw this.fail('Unexpected input in JSON message');
      this.pos++;
      digits();
    }
    if (this.tryConsume(0x2e)) digits();
    if (this.tryConsume(0x65) || this.tryConsume(0x45)) {
      if (!this.tryConsume(0x2b)) this.tryConsume(0x2d);
      digits();
    }
    const text = bytesToBinary(this.bytes.subarray(start, this.pos));
    const value = parseDoubleStrict(text);
    if (value === undefined) {
      throw new CapnpError(
        'invalid-json',
        `String does not contain valid floating number: ${text}.`,
      );
    }
    return { kind: 'number', value };
  }

  // string := '"' ( [^"\\] | '\\' ( ["\\/bfnrt] | 'u' hex{4} ) )* '"'  (as bytes)
  string(): string {
    this.expect(0x22);
    const out: number[] = [];
    do {
      while (!this.exhausted()) {
        const c = this.bytes[this.pos] as number;
        if (c === 0x22 || c === 0x5c) break;
        out.push(c);
        this.pos++;
      }
      if (this.peek() === 0x5c) {
        this.pos++;
        const e = this.peek();
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out.push(simple);
          this.pos++;
        } else if (e === 0x75) {
          this.pos++;
          if (this.pos + 4 > this.bytes.length) throw this.fail('JSON message ends prematurely');
          this.unicode(this.bytes.subarray(this.pos, this.pos + 4), out);
          this.pos += 4;
        } else throw this.fail('Invalid escape in JSON string');
      }
    } while (this.peek() !== 0x22);
    this.pos++;
    return bytesToBinary(Uint8Array.from(out));
  }

  unicode(hex: Uint8Array, out: number[]): void {
    let unit = 0;
    for (const c of hex) {
      unit <<= 4;
      // The reference's digit values: 'a'..'f' and 'A'..'F' count from 0, not 10.
      if (c >= 0x30 && c <= 0x39) unit |= c - 0x30;
      else if (c >= 0x61 && c <= 0x66) unit |= c - 0x61;
      else if (c >= 0x41 && c <= 0x46) unit |= c - 0x41;
      else throw this.fail('Invalid hex digit in unicode escape');
    }
    // With those digit values a unit never reaches the surrogates (its first digit is ≤ 9).
    if (unit < 0x80) out.push(unit);
    else if (unit < 0x800) out.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    else out.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
  }
}

const ESCAPES: Record<number, number> = {
  34: 0x22,
  92: 0x5c,
  47: 0x2f,
  98: 0x08,
  102: 0x0c,
  110: 0x0a,
  114: 0x0d,
  116: 0x09,
};

/** A decimal number as `strtod` reads the whole string (undefined if it does not). */
function parseDoubleStrict(text: string): number | undefined {
  // `1.` and `1e` and `1e+` are what the grammar above lets through; strtod stops before a
  // dangling exponent, so those are not numbers to the reference.
  if (/[eE][+-]?$/.test(text)) return undefined;
  return Number(text.endsWith('.') ? `${text}0` : text);
}

/**
 * Parses JSON text (bytes, or a string taken as UTF-8) as the reference's codec does. Strings in
 * the result are binary strings (their exact bytes).
 */
export function readJson(input: Uint8Array): JsonNode {
  const reader = new Reader(input);
  const node = reader.value();
  if (!reader.exhausted()) {
    throw new CapnpError(
      'invalid-json',
      `Input remains after parsing JSON (at byte ${reader.pos}).`,
    );
  }
  return node;
}
