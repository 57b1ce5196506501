import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import fc from 'fast-check';
import { formatFloat } from '../src/text/kj-number.js';

/**
 * Shared by the text-format, JSON and convert tests: the test schemas, the reference outputs
 * made by scripts/make-text-json-fixtures.sh, and random values of the test schema.
 */

// biome-ignore lint/suspicious/noExplicitAny: loaded types are dynamic
export type Any = any;

export const fixtures = join(import.meta.dirname, 'fixtures/text-json');
export const golden = join(fixtures, 'golden');

const sources = {
  'all-types.capnp': readFileSync(join(fixtures, 'all-types.capnp'), 'utf8'),
  'json-annotations.capnp': readFileSync(join(fixtures, 'json-annotations.capnp'), 'utf8'),
};

/** The test schemas, loaded without a file system (standard imports from the bundled copies). */
export const schemas: Record<string, Any> = {
  'all-types': capnp.loadSource(sources, 'all-types.capnp'),
  'json-annotations': capnp.loadSource(sources, 'json-annotations.capnp'),
};

/** One message of the goldens: its files are `${base}.<ext>`. */
export interface GoldenCase {
  readonly schema: string;
  readonly type: string;
  readonly name: string;
  readonly base: string;
  /** The hand-written input and its format, if it was not a binary message. */
  readonly input: { readonly path: string; readonly format: 'text' | 'json' } | undefined;
}

/** Every message of the goldens. */
export function goldenCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const schema of readdirSync(join(fixtures, 'testdata')).sort()) {
    for (const type of readdirSync(join(fixtures, 'testdata', schema)).sort()) {
      for (const file of readdirSync(join(fixtures, 'testdata', schema, type)).sort()) {
        const m = /^(.*)\.(txt|json|bin)$/.exec(file);
        if (m === null) continue;
        const name = m[1] as string;
        const ext = m[2] as string;
        const path = join(fixtures, 'testdata', schema, type, file);
        out.push({
          schema,
          type,
          name,
          base: join(golden, schema, type, name),
          input: ext === 'bin' ? undefined : { path, format: ext === 'json' ? 'json' : 'text' },
        });
      }
    }
  }
  return out;
}

/** The root type of a case. */
export function typeOf(c: { schema: string; type: string }): Any {
  return (schemas[c.schema] as Any)[c.type];
}

/** A golden file's bytes, or undefined if the reference did not write it. */
export function read(path: string): Uint8Array | undefined {
  return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
}

/** A golden file's bytes (it must exist). */
export function bytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The bytes followed by a newline (what `capnp convert` writes after text and JSON). */
export function withNewline(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  out[b.length] = 0x0a;
  return out;
}

/** Parses with problems collected rather than thrown, as `capnp convert` goes on after them. */
export function parseCollecting(
  type: Any,
  format: 'text' | 'json',
  input: Uint8Array,
): { bytes: Uint8Array; errors: capnp.CapnpError[] } {
  const errors: capnp.CapnpError[] = [];
  const onError = (e: capnp.CapnpError) => errors.push(e);
  const b =
    format === 'json' ? type.fromJSON(input, { onError }) : type.fromText(input, { onError });
  return { bytes: b.toBytes(), errors };
}

let capnpVersion: string | undefined | null = null;

/**
 * Whether live oracle tests can run: the reference `capnp` is installed. Under CI it must be,
 * so a missing oracle fails there instead of skipping.
 */
export function oracleAvailable(): boolean {
  if (capnpVersion === null) {
    try {
      capnpVersion = execFileSync('capnp', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      capnpVersion = undefined;
    }
  }
  if (capnpVersion === undefined && process.env.CI) {
    throw new Error('CI must install the reference `capnp` (0.9.2): apt-get install capnproto');
  }
  return capnpVersion !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Random values of all-types.capnp

// Control characters whose `\u00XX` escape has a hex letter: the reference's JSON reader decodes
// those wrongly (`\u001b` reads as 0x11), so they cannot round-trip through JSON.
const JSON_BROKEN = new Set([0x0b, 0x0e, 0x0f, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f]);
const jsonSafe = (s: string) => ![...s].some((c) => JSON_BROKEN.has(c.charCodeAt(0)));

const int = (bits: number, signed: boolean) =>
  signed
    ? fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 })
    : fc.integer({ min: 0, max: 2 ** bits - 1 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
// Text prints -0 as "-0", which reads back as the integer 0: +0 only.
const noNegativeZero = (x: number) => (Object.is(x, -0) ? 0 : x);
// The reference checks a Float32's printed digits with strtof but reads text with strtod and a
// cast; a value where those two roundings differ (1 in ~10^8) does not survive its own round
// trip, so it is left out.
const readsBackAsFloat32 = (x: number) =>
  !Number.isFinite(x) || Math.fround(Number(formatFloat(x))) === x;
const float32 = fc
  .oneof(fc.float({ noNaN: true }), fc.constant(Number.NaN))
  .map(noNegativeZero)
  .filter(readsBackAsFloat32);
const float64 = fc.oneof(fc.double({ noNaN: true }), fc.constant(Number.NaN)).map(noNegativeZero);
const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter(jsonSafe);
const data = fc.uint8Array({ maxLength: 10 });
const color = fc.constantFrom('red', 'green', 'blue', 'infraRed');
const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 4 });
const partial = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { requiredKeys: [] });

const { inner } = fc.letrec<{ inner: Record<string, unknown> }>((tie) => ({
  inner: partial({
    a: int(32, true),
    b: text,
    c: list(int(8, true)),
    d: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(undefined),
      tie('inner'),
    ),
  }) as fc.Arbitrary<Record<string, unknown>>,
}));

const union = fc.oneof(
  fc.record({ none: fc.constant(null) }),
  fc.record({ number: int64 }),
  fc.record({ word: text }),
  fc.record({ pair: partial({ left: int(16, true), right: text }) }),
  fc.record({ nested: inner }),
);

const choice = fc.oneof(
  fc.record({ nothing: fc.constant(null) }),
  fc.record({ flags: list(fc.boolean()) }),
  fc.record({ label: text }),
);

/** Plain-object values of AllTypes (any subset of its fields, one union member each). */
export const allTypesValue: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    partial({
      voidField: fc.constant(null),
      boolField: fc.boolean(),
      int8Field: int(8, true),
      int16Field: int(16, true),
      int32Field: int(32, true),
      int64Field: int64,
      uInt8Field: int(8, false),
      uInt16Field: int(16, false),
      uInt32Field: int(32, false),
      uInt64Field: uint64,
      float32Field: float32,
      float64Field: float64,
      textField: text,
      dataField: data,
      enumField: color,
      structField: inner,
      voidList: list(fc.constant(null)),
      boolList: list(fc.boolean()),
      int8List: list(int(8, true)),
      int16List: list(int(16, true)),
      int32List: list(int(32, true)),
      int64List: list(int64),
      uInt8List: list(int(8, false)),
      uInt16List: list(int(16, false)),
      uInt32List: list(int(32, false)),
      uInt64List: list(uint64),
      float32List: list(float32),
      float64List: list(float64),
      textList: list(text),
      dataList: list(data),
      enumList: list(color),
      structList: list(inner),
      listList: list(list(int(32, true))),
      textListList: list(list(text)),
      structListList: list(list(inner)),
      group: partial({ x: int(16, false), y: float64 }),
      int32Default: int(32, true),
      boolDefault: fc.boolean(),
      float32Default: float32,
      textDefault: text,
      enumDefault: color,
      structDefault: inner,
      listDefault: list(int(32, true)),
    }),
    union,
    choice,
  )
  .map(([fields, u, c]) => {
    const group = { ...(fields.group as object), choice: c };
    return { ...fields, ...u, group } as Record<string, unknown>;
  });
