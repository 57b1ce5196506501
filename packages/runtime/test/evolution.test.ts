import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  asJson,
  bytes,
  casesOf,
  decode,
  fixtures,
  golden,
  liveCapnp,
  runCapnp,
  SEGMENT_SIZES,
  text,
} from './conformance-support.js';
import { initFromJson } from './json-to-init.js';

/**
 * Schema evolution as in C++ (fixtures/conformance/evolution): messages of each version read
 * with the other one, compared with what the reference reads from the same bytes with the other
 * schema (`*.as-v1.json`, `*.as-v2.json`), and v2 builders upgrading v1 data in place.
 */

/** The live reference runs where installed (always under CI, where its absence fails). */
const live = liveCapnp();

const v1: Any = capnp.load(join(fixtures, 'evolution/v1.capnp'));
const v2: Any = capnp.load(join(fixtures, 'evolution/v2.capnp'));
const versions: Record<string, Any> = { v1, v2 };
const evolutionGolden = join(golden, 'evolution');
const cases = ['v1', 'v2'].flatMap((version) =>
  casesOf(join(fixtures, 'evolution/cases', version), join(evolutionGolden, version)).map((c) => ({
    ...c,
    version,
    other: version === 'v1' ? 'v2' : 'v1',
  })),
);

function forms(base: string): [string, Uint8Array, 'bytes' | 'packed'][] {
  return [
    ['binary', bytes(`${base}.bin`), 'bytes'],
    ...SEGMENT_SIZES.map((n): [string, Uint8Array, 'bytes'] => [
      `--segment-size=${n}`,
      bytes(`${base}.seg${n}.bin`),
      'bytes',
    ]),
    ['packed', bytes(`${base}.packed`), 'packed'],
  ];
}

describe.each(cases)('$version $type $name read with $other', (c) => {
  const T: Any = versions[c.other][c.type];
  const want = JSON.parse(text(`${c.base}.as-${c.other}.json`));

  it.each(forms(c.base))('%s: as the reference reads it with the other schema', (_f, b, how) => {
    const r = how === 'packed' ? T.fromBytesPacked(b) : T.fromBytes(b);
    expect(asJson(r)).toEqual(want);
  });

  it('the same after our own builder of the old version wrote it', () => {
    const Old: Any = versions[c.version][c.type];
    const json = JSON.parse(text(`${c.base}.json`));
    const ours = Old.newMessage(initFromJson(json, Old.schema.id)).toBytes();
    expect(asJson(T.fromBytes(ours))).toEqual(want);
  });

  it.runIf(live)('the goldens are what the live capnp reads', () => {
    const args = ['convert', 'binary:json', '--short', `evolution/${c.other}.capnp`, c.type];
    expect(JSON.parse(decode(runCapnp(args, bytes(`${c.base}.bin`))))).toEqual(want);
  });
});

describe('old data read with the new schema', () => {
  const r: Any = v2.Record.fromBytes(bytes(join(evolutionGolden, 'v1/Record/full.bin')));

  it('reads fields the old schema did not have as their defaults', () => {
    expect(r.score).toBe(0.5);
    expect(r.extra).toBe('extra');
    expect(r.has('extra')).toBe(false);
    expect(r.more.length).toBe(0);
    expect(r.child.label).toBe('new');
    expect(r.child.big).toBe(-1n);
    expect(r.children.toArray().map((x: Any) => [x.n, x.label, x.big])).toEqual([
      [1, 'new', -1n],
      [2, 'new', -1n],
    ]);
  });

  it('reads lists of primitives and of Text as lists of structs (first field)', () => {
    expect(r.numbers.toArray().map((x: Any) => [x.value, x.note])).toEqual([
      [10, ''],
      [-20, ''],
      [30, ''],
    ]);
    expect(r.words.toArray().map((x: Any) => [x.text, x.count])).toEqual([
      ['x', 1],
      ['yz', 1],
    ]);
    expect(r.wide.toArray().map((x: Any) => [x.value, x.half])).toEqual([
      [18446744073709551615n, 5],
      [1n, 5],
    ]);
  });

  it('keeps the union member it knows', () => {
    expect(r.which()).toBe('small');
    expect(r.small).toBe(200);
  });

  it('reads an empty old message as all defaults', () => {
    const empty: Any = v2.Record.fromBytes(bytes(join(evolutionGolden, 'v1/Record/empty.bin')));
    expect(empty.score).toBe(0.5);
    expect(empty.child.big).toBe(-1n);
    expect(empty.which()).toBe('none');
  });
});

describe('new data read with the old schema', () => {
  const r: Any = v1.Record.fromBytes(bytes(join(evolutionGolden, 'v2/Record/full.bin')));

  it('ignores fields it does not know', () => {
    expect(Object.keys(r.toObject()).sort()).toEqual(
      ['id', 'name', 'child', 'children', 'numbers', 'words', 'kind', 'flags', 'wide'].sort(),
    );
    expect(r.child.toObject()).toEqual({ n: 4 });
  });

  it('reports a union discriminant it does not know, and reads no member', () => {
    expect(r.which()).toBe('(unknown union member 2)');
    expect(r.has('none')).toBe(false);
    expect(r.has('small')).toBe(false);
    expect(() => r.small).toThrow(expect.objectContaining({ code: 'inactive-union-member' }));
  });

  it('reads an enumerant it does not know as its number', () => {
    expect(r.kind).toBe(2);
    expect(r.toObject({ enums: 'ordinal' }).kind).toBe(2);
  });

  it('reads lists of structs as lists of their first field', () => {
    expect(r.numbers.toArray()).toEqual([11, -12]);
    expect(r.words.toArray()).toEqual(['w']);
    expect(r.wide.toArray()).toEqual([9n]);
  });

  it('knows a union member and enumerant that the old schema has', () => {
    const k: Any = v1.Record.fromBytes(bytes(join(evolutionGolden, 'v2/Record/known-union.bin')));
    expect(k.which()).toBe('small');
    expect(k.small).toBe(5);
    expect(k.kind).toBe('a');
  });

  it('copies unknown content along when the old schema copies the message', () => {
    // asBuilder() copies whole sections, so v2's fields survive a round trip through v1.
    const copied = v2.Record.fromBytes(r.asBuilder().toBytes());
    expect(asJson(copied)).toEqual(JSON.parse(text(join(evolutionGolden, 'v2/Record/full.json'))));
  });
});

describe('a new builder on old data upgrades it in place, as C++ does', () => {
  const upgraded = join(evolutionGolden, 'v2/Record/upgraded');

  /** Edits v1's full.txt into v2's upgraded.txt (see that file). */
  function upgradeAndEdit(b: Any): void {
    // (Lists v2 reads differently but cannot write as its own type: upgraded.txt leaves them out.)
    b.clear('bytes');
    b.clear('longs');
    b.child.label = 'set on child';
    b.children[1].big = 22n;
    b.numbers[1].note = 'was -20';
    b.words[0].count = 0;
    b.wide.get(1).half = 6;
    b.score = -1;
  }

  it.each(forms(join(evolutionGolden, 'v1/Record/full')))('from %s', (_f, b, how) => {
    const old: Any = how === 'packed' ? v2.Record.fromBytesPacked(b) : v2.Record.fromBytes(b);
    const builder = old.asBuilder();
    upgradeAndEdit(builder);
    expect(builder.canonicalize()).toEqual(bytes(`${upgraded}.canonical`));
    expect(asJson(v2.Record.fromBytes(builder.toBytes()))).toEqual(
      JSON.parse(text(`${upgraded}.json`)),
    );
  });

  it('keeps the upgraded lists and structs (a second access sees the same data)', () => {
    const builder = v2.Record.fromBytes(
      bytes(join(evolutionGolden, 'v1/Record/full.bin')),
    ).asBuilder();
    builder.numbers[2].note = 'thirty';
    builder.words[1].count = 3;
    expect(builder.numbers.toArray().map((x: Any) => [x.value, x.note])).toEqual([
      [10, ''],
      [-20, ''],
      [30, 'thirty'],
    ]);
    expect(builder.words.toArray().map((x: Any) => [x.text, x.count])).toEqual([
      ['x', 1],
      ['yz', 3],
    ]);
    // Upgraded once: reading the fields again neither moves nor grows anything.
    const words = builder.totalSize.wordCount;
    const segments = builder.toSegments().map((s: Uint8Array) => s.slice());
    expect(builder.numbers.length + builder.words.length).toBe(5);
    expect(builder.totalSize.wordCount).toBe(words);
    expect(builder.toSegments()).toEqual(segments);
  });

  it('refuses to write a list as wider elements than it has, as C++ does (never writes outside it)', () => {
    const b = v2.Record.fromBytes(bytes(join(evolutionGolden, 'v1/Record/full.bin'))).asBuilder();
    const before = b.toBytes();
    expect(() => b.bytes).toThrow(
      expect.objectContaining({
        code: 'wrong-element-size',
        message: expect.stringContaining('non-bit list'),
      }),
    );
    expect(b.toBytes()).toEqual(before);
    // A narrower element is written in place: the low half of each UInt64.
    b.longs.set(0, 5);
    b.longs[1] = 0xffffffff;
    const old: Any = v1.Record.fromBytes(b.toBytes());
    expect(old.longs.toArray()).toEqual([2n ** 32n + 5n, 0xffffffffn]);
    expect(old.bytes.toArray()).toEqual([1, 2, 3, 255, 0]);
  });

  it('refuses to write a bit list as a struct list (no longer supported by C++ either)', () => {
    const from = capnp.loadSource(
      {
        'a.capnp': '@0xe1a8c1f0e0d0c0b1; struct R { flags @0 :List(Bool); after @1 :List(Int8); }',
      },
      'a.capnp',
    ) as Any;
    const to = capnp.loadSource(
      {
        'b.capnp':
          '@0xe1a8c1f0e0d0c0b2; struct F { f @0 :Bool; g @1 :UInt64; } struct R { flags @0 :List(F); after @1 :List(Int8); }',
      },
      'b.capnp',
    ) as Any;
    const b = to.R.fromBytes(
      from.R.newMessage({ flags: [true, false], after: [1, 2] }).toBytes(),
    ).asBuilder();
    expect(() => b.flags).toThrow(
      expect.objectContaining({
        code: 'wrong-element-size',
        message: expect.stringContaining('bit list where struct list'),
      }),
    );
    expect(() => to.R.fromBytes(b.toBytes()).flags).toThrow(
      expect.objectContaining({ code: 'wrong-element-size' }),
    );
    expect(from.R.fromBytes(b.toBytes()).toObject()).toEqual({
      flags: [true, false],
      after: [1, 2],
    });
  });

  it('refuses to write structs without data as a primitive list, or without pointers as Text', () => {
    const wide = capnp.loadSource(
      {
        'c.capnp':
          '@0xe1a8c1f0e0d0c0b3; struct P { t @0 :Text; } struct D { n @0 :UInt16; } struct R { a @0 :List(P); b @1 :List(D); }',
      },
      'c.capnp',
    ) as Any;
    const narrow = capnp.loadSource(
      { 'd.capnp': '@0xe1a8c1f0e0d0c0b4; struct R { a @0 :List(UInt16); b @1 :List(Text); }' },
      'd.capnp',
    ) as Any;
    const m = wide.R.newMessage({ a: [{ t: 'x' }], b: [{ n: 1 }] }).toBytes();
    const b = narrow.R.fromBytes(m).asBuilder();
    expect(() => b.a).toThrow(expect.objectContaining({ code: 'wrong-element-size' }));
    expect(() => b.b).toThrow(expect.objectContaining({ code: 'wrong-element-size' }));
    expect(wide.R.fromBytes(b.toBytes()).toObject()).toEqual({ a: [{ t: 'x' }], b: [{ n: 1 }] });
  });

  it.runIf(live)('the live capnp reads narrow in-place writes as C++ writes them', () => {
    const b = v2.Record.fromBytes(bytes(join(evolutionGolden, 'v1/Record/full.bin'))).asBuilder();
    b.longs.set(0, 5);
    const args = ['convert', 'binary:json', '--short', 'evolution/v1.capnp', 'Record'];
    const json = JSON.parse(decode(runCapnp(args, b.toBytes())));
    expect(json.longs).toEqual(
      v1.Record.fromBytes(b.toBytes()).toObject({ int64: 'string' }).longs,
    );
  });

  it.runIf(live)('the live capnp prints the upgraded message as the expected v2 message', () => {
    const builder = v2.Record.fromBytes(
      bytes(join(evolutionGolden, 'v1/Record/full.seg1.bin')),
    ).asBuilder();
    upgradeAndEdit(builder);
    const printed = runCapnp(
      ['convert', 'binary:text', 'evolution/v2.capnp', 'Record'],
      builder.toBytes(),
    );
    expect(decode(printed)).toBe(text(`${upgraded}.txt`));
  });
});
