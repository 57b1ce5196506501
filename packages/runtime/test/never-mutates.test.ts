import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  bytes,
  cases,
  casesOf,
  conformance,
  fixtures,
  golden,
  SEGMENT_SIZES,
} from './conformance-support.js';
import { framedSegments } from './far-pointers.js';

/**
 * Reading never mutates the input: the bytes handed to fromBytes / fromBytesPacked /
 * fromSegments / readMultipleBytes hash the same after every field, the canonical form, the
 * text and JSON forms, a copy and edits of that copy were taken from them. Hostile (damaged)
 * messages too, whether or not their reading fails.
 */

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Reads everything there is to read of `r` (a `T`), and edits a copy; errors of damaged input
 * are expected.
 */
function readEverything(T: Any, r: Any): void {
  const fields: Any[] = T.schema.struct.fields;
  const steps = [
    () => r.toObject(),
    () => r.toObject({ int64: 'string', data: 'base64', enums: 'ordinal' }),
    () => r.canonicalize(),
    () => r.totalSize,
    () => r.toString(),
    () => JSON.stringify(r),
    () => {
      for (const f of fields) r.has(f.name);
      r.which();
    },
    () => {
      const copy = r.asBuilder();
      copy.toObject();
      for (const f of fields) {
        if (f.discriminantValue !== 0xffff || f.which !== 'slot') continue;
        const kind = f.slot.type.which;
        if (kind === 'text') copy[f.name] = 'edited';
        if (kind === 'struct' || kind === 'list') void copy[f.name];
      }
      copy.toBytes();
    },
  ];
  for (const step of steps) {
    try {
      step();
    } catch (e) {
      if (!(e instanceof capnp.WireError || e instanceof capnp.CapnpError)) throw e;
    }
  }
}

const v1: Any = capnp.load(join(fixtures, 'evolution/v1.capnp'));
const v2: Any = capnp.load(join(fixtures, 'evolution/v2.capnp'));
const evolution = [
  ...casesOf(join(fixtures, 'evolution/cases/v1'), join(golden, 'evolution/v1')).map((c) => ({
    ...c,
    T: v2[c.type],
  })),
  ...casesOf(join(fixtures, 'evolution/cases/v2'), join(golden, 'evolution/v2')).map((c) => ({
    ...c,
    T: v1[c.type],
  })),
];
const inputs = [
  ...cases.map((c) => ({
    label: `${c.type} ${c.name}`,
    base: c.base,
    T: conformance[c.type] as Any,
  })),
  ...evolution.map((c) => ({
    label: `evolution ${c.name} read with the other version`,
    base: c.base,
    T: c.T,
  })),
];

describe.each(inputs)('$label', ({ base, T }) => {
  it('is unchanged by reading every form of it', () => {
    const files = ['bin', 'packed', 'canonical', ...SEGMENT_SIZES.map((n) => `seg${n}.bin`)].map(
      (form) => bytes(`${base}.${form}`),
    );
    const hashes = files.map(sha);
    const [bin, packed, canonical, ...segmented] = files as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      ...Uint8Array[],
    ];
    readEverything(T, T.fromBytes(bin));
    readEverything(T, T.fromBytesPacked(packed));
    readEverything(T, T.fromSegments([canonical]));
    for (const s of segmented) {
      readEverything(T, T.fromBytes(s));
      readEverything(T, T.fromSegments(framedSegments(s)));
      for (const r of T.readMultipleBytes(s)) readEverything(T, r);
    }
    expect(files.map(sha)).toEqual(hashes);
  });

  it('is unchanged by reading damaged copies (the copies are not changed either)', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const original = bytes(`${base}.seg1.bin`);
    for (let i = 0; i < 40; i++) {
      const damaged = original.slice();
      for (let k = 0; k < 3; k++) damaged[random(damaged.length)] = random(256);
      const hash = sha(damaged);
      try {
        // A damaged list count can claim up to the traversal limit in elements; a limit near
        // the message's size keeps printing them short.
        readEverything(T, T.fromBytes(damaged, { traversalLimitInWords: 100_000 }));
      } catch (e) {
        if (!(e instanceof capnp.WireError || e instanceof capnp.CapnpError)) throw e;
      }
      expect(sha(damaged)).toBe(hash);
    }
  });
});

describe('zero-copy reads', () => {
  it('Data read from a message is a view of the input; toObject copies it', () => {
    const c = cases.find((x) => x.name === 'scalars') as (typeof cases)[number];
    const input = bytes(`${c.base}.bin`);
    const r = conformance.AllTypes.fromBytes(input);
    expect(r.dataField.buffer).toBe(input.buffer);
    const object = r.toObject().dataField as Uint8Array;
    expect(object).toEqual(r.dataField);
    expect(object.buffer).not.toBe(input.buffer);
  });
});
