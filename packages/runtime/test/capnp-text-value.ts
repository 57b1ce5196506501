import type { Type } from '@capnp-kit/compiler/schema';

/**
 * A tiny reader of the values `capnp eval` prints (numbers, `inf`/`nan`, strings with C
 * escapes, identifiers, `[lists]` and `(field = value, …)` structs), written for the tests so
 * that expected values come from the reference's own output and never from the runtime under
 * test. `toJsonShape` then gives a value the shape `capnp convert binary:json` uses, which is
 * what the conformance tests compare the runtime's output with.
 */

/** A parsed value: strings keep their bytes (Text and Data are told apart by the type). */
export type TextValue =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'string'; readonly bytes: Uint8Array }
  | { readonly kind: 'list'; readonly items: readonly TextValue[] }
  | { readonly kind: 'struct'; readonly fields: ReadonlyMap<string, TextValue> };

const ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "'": 39,
  '"': 34,
  '\\': 92,
  '?': 63,
};

/** Parses one value (the whole input, surrounding whitespace allowed). */
export function parseTextValue(input: string): TextValue {
  const bytes = new TextEncoder().encode(input);
  let at = 0;
  const space = () => {
    while (at < bytes.length && (bytes[at] === 32 || bytes[at] === 10 || bytes[at] === 9)) at++;
  };
  const expect = (c: string) => {
    space();
    if (bytes[at] !== c.charCodeAt(0)) throw new Error(`expected '${c}' at ${at} in ${input}`);
    at++;
  };
  const value = (): TextValue => {
    space();
    const c = bytes[at];
    if (c === 0x22) return string();
    if (c === 0x5b) {
      at++;
      const items: TextValue[] = [];
      space();
      while (bytes[at] !== 0x5d) {
        items.push(value());
        space();
        if (bytes[at] === 0x2c) at++;
        space();
      }
      at++;
      return { kind: 'list', items };
    }
    if (c === 0x28) {
      at++;
      const fields = new Map<string, TextValue>();
      space();
      while (bytes[at] !== 0x29) {
        const name = word().text;
        expect('=');
        fields.set(name, value());
        space();
        if (bytes[at] === 0x2c) at++;
        space();
      }
      at++;
      return { kind: 'struct', fields };
    }
    return word();
  };
  const word = (): TextValue & { kind: 'word' } => {
    space();
    const start = at;
    while (at < bytes.length && /[-+.\w]/.test(String.fromCharCode(bytes[at] as number))) at++;
    if (at === start) throw new Error(`unexpected byte at ${at} in ${input}`);
    return { kind: 'word', text: new TextDecoder().decode(bytes.subarray(start, at)) };
  };
  const string = (): TextValue => {
    at++;
    const out: number[] = [];
    while (bytes[at] !== 0x22) {
      const c = bytes[at++] as number;
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      const e = String.fromCharCode(bytes[at++] as number);
      if (e in ESCAPES) out.push(ESCAPES[e] as number);
      else if (e === 'x') {
        out.push(
          Number.parseInt(String.fromCharCode(bytes[at] as number, bytes[at + 1] as number), 16),
        );
        at += 2;
      } else if (e >= '0' && e <= '7') {
        let digits = e;
        while (
          digits.length < 3 &&
          bytes[at] !== undefined &&
          bytes[at]! >= 0x30 &&
          bytes[at]! <= 0x37
        ) {
          digits += String.fromCharCode(bytes[at++] as number);
        }
        out.push(Number.parseInt(digits, 8));
      } else throw new Error(`unknown escape \\${e} in ${input}`);
    }
    at++;
    return { kind: 'string', bytes: Uint8Array.from(out) };
  };
  const v = value();
  space();
  if (at !== bytes.length) throw new Error(`trailing input at ${at} in ${input}`);
  return v;
}

/** Struct field types by name, for the struct types `toJsonShape` meets. */
export type StructFields = (typeId: bigint) => ReadonlyMap<string, Type>;

function number(text: string): number | string {
  if (text === 'nan') return 'NaN';
  if (text === 'inf') return 'Infinity';
  if (text === '-inf') return '-Infinity';
  return Number(text);
}

/**
 * The value in the form `capnp convert binary:json` writes it: Int64/UInt64 as decimal strings,
 * Data as arrays of numbers, non-finite floats as "NaN"/"Infinity"/"-Infinity", Void as null.
 */
export function toJsonShape(v: TextValue, type: Type, fields: StructFields): unknown {
  switch (type.which) {
    case 'void':
      return null;
    case 'bool':
      return word(v) === 'true';
    case 'int64':
    case 'uint64':
      return BigInt(word(v)).toString();
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'float32':
    case 'float64':
      return number(word(v));
    case 'enum':
      return word(v);
    case 'text':
      return new TextDecoder().decode(bytesOf(v));
    case 'data':
      return Array.from(bytesOf(v));
    case 'list': {
      if (v.kind !== 'list') throw new Error(`expected a list, got ${v.kind}`);
      return v.items.map((item) => toJsonShape(item, type.elementType, fields));
    }
    case 'struct': {
      if (v.kind !== 'struct') throw new Error(`expected a struct, got ${v.kind}`);
      const types = fields(type.typeId);
      const out: Record<string, unknown> = {};
      for (const [name, value] of v.fields) {
        const t = types.get(name);
        if (t === undefined) throw new Error(`no field ${name}`);
        out[name] = toJsonShape(value, t, fields);
      }
      return out;
    }
    default:
      throw new Error(`toJsonShape: unsupported type ${type.which}`);
  }
}

function word(v: TextValue): string {
  if (v.kind !== 'word') throw new Error(`expected a word, got ${v.kind}`);
  return v.text;
}

function bytesOf(v: TextValue): Uint8Array {
  if (v.kind !== 'string') throw new Error(`expected a string, got ${v.kind}`);
  return v.bytes;
}
