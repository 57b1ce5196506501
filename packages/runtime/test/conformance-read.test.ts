import { encodeFrame, encodeSegmentTable, pack, packPieces } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { parseTextValue, toJsonShape } from './capnp-text-value.js';
import {
  type Any,
  asJson,
  bytes,
  cases,
  concat,
  conformance,
  decode,
  fieldsOf,
  golden,
  jsonShape,
  liveCapnp,
  runCapnp,
  SEGMENT_SIZES,
  text,
  words,
} from './conformance-support.js';
import {
  contentWords,
  farPointerCensus,
  framedSegments,
  withDoubleFarPointers,
} from './far-pointers.js';

/**
 * Messages made by the reference (`capnp convert text:binary` of cases/*.txt, in every binary
 * form it writes) read by the runtime: every field, compared with what the reference itself
 * prints for the same bytes (`capnp convert binary:json`).
 */

/** The live reference runs where installed (always under CI, where its absence fails). */
const live = liveCapnp();

/** The --segment-size=1 golden with its far pointers rewritten as double-far pointers. */
function doubleFar(base: string): Uint8Array[] {
  return withDoubleFarPointers(framedSegments(bytes(`${base}.seg1.bin`)));
}

describe.each(cases)('reading $type $name, made by capnp', (c) => {
  const T: Any = conformance[c.type];
  const want = JSON.parse(text(`${c.base}.json`));
  const forms: [string, () => Any][] = [
    ['binary', () => T.fromBytes(bytes(`${c.base}.bin`))],
    ...SEGMENT_SIZES.map((n): [string, () => Any] => [
      `--segment-size=${n}`,
      () => T.fromBytes(bytes(`${c.base}.seg${n}.bin`)),
    ]),
    ['packed', () => T.fromBytesPacked(bytes(`${c.base}.packed`))],
    ['packed, --segment-size=2', () => T.fromBytesPacked(bytes(`${c.base}.seg2.packed`))],
    ['canonical, as one segment', () => T.fromSegments([bytes(`${c.base}.canonical`)])],
    [
      'segments of --segment-size=1',
      () => T.fromSegments(framedSegments(bytes(`${c.base}.seg1.bin`))),
    ],
    [
      '--segment-size=1 with every far pointer made double-far',
      () => T.fromSegments(doubleFar(c.base)),
    ],
  ];

  it.each(forms)('%s: every field as capnp prints it', (_form, read) => {
    expect(asJson(read())).toEqual(want);
  });

  it('totalSize is the words of the objects the reference wrote (no pads, no root pointer)', () => {
    const want = contentWords(framedSegments(bytes(`${c.base}.bin`)));
    for (const n of SEGMENT_SIZES) {
      const segmented = bytes(`${c.base}.seg${n}.bin`);
      expect(contentWords(framedSegments(segmented))).toBe(want);
      expect(T.fromBytes(segmented).totalSize).toEqual({ wordCount: want, capCount: 0 });
    }
    expect(T.fromBytes(bytes(`${c.base}.bin`)).asBuilder().totalSize.wordCount).toBe(want);
  });

  it('every field again through builders (asBuilder, copy)', () => {
    const r = T.fromBytes(bytes(`${c.base}.seg3.bin`));
    expect(asJson(r.asBuilder())).toEqual(want);
    expect(asJson(r.asBuilder().copy())).toEqual(want);
  });

  it.runIf(live)('the goldens are what the live capnp makes of the input', () => {
    const bin = runCapnp(['convert', 'text:binary', 'conformance.capnp', c.type], bytes(c.input));
    expect(bin).toEqual(bytes(`${c.base}.bin`));
    const json = runCapnp(['convert', 'binary:json', '--short', 'conformance.capnp', c.type], bin);
    expect(JSON.parse(decode(json))).toEqual(want);
    // The double-far rewrite is a message the reference reads as the original.
    const rewritten = encodeFrame(doubleFar(c.base));
    const args = ['convert', 'binary:json', '--short', 'conformance.capnp', c.type];
    expect(JSON.parse(decode(runCapnp(args, rewritten)))).toEqual(want);
  });
});

describe('the fixtures exercise far pointers', () => {
  it('the --segment-size goldens have single far pointers, their rewrites double ones', () => {
    let single = 0;
    for (const c of cases) {
      for (const n of SEGMENT_SIZES) {
        single += farPointerCensus(framedSegments(bytes(`${c.base}.seg${n}.bin`))).single;
      }
    }
    expect(single).toBeGreaterThan(100);
    let double = 0;
    for (const c of cases) {
      const census = farPointerCensus(doubleFar(c.base));
      expect(census.single).toBe(0);
      double += census.double;
    }
    expect(double).toBeGreaterThan(100);
  });
});

/** A getter's value in the shape of `capnp convert binary:json` (see jsonShape). */
function getterJson(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Array.from(v);
  if (typeof v === 'object' && v !== null) {
    const o = v as Any;
    if (typeof o.toObject === 'function') return asJson(o);
    if (typeof o.toArray === 'function') return o.toArray().map(getterJson);
  }
  return jsonShape(v);
}

describe('defaults: every field of an unset Defaults reads as `capnp eval` evaluates it', () => {
  const evaluated: Record<string, string> = JSON.parse(text(`${golden}/defaults-eval.json`));
  const D: Any = conformance.Defaults;
  const structFields = (id: bigint) =>
    new Map(fieldsOf(id).map((f) => [f.name, f.slot.type] as const));
  const groupId = fieldsOf(D.schema.id).find((f) => f.name === 'group').group.typeId;
  const typeOf = (path: string) => {
    const [head, tail] = path.split('.') as [string, string | undefined];
    const fields = fieldsOf(tail === undefined ? D.schema.id : groupId);
    return fields.find((f) => f.name === (tail ?? head)).slot.type;
  };
  const get = (s: Any, path: string) =>
    path.split('.').reduce((o: Any, k: string) => o[k] as Any, s);
  const sources: [string, () => Any][] = [
    ['a reader of capnp’s empty message', () => D.fromBytes(bytes(`${golden}/Defaults/unset.bin`))],
    [
      'a reader of a zero-sized root struct (canonical form)',
      () => D.fromSegments([bytes(`${golden}/Defaults/unset.canonical`)]),
    ],
    ['a new builder (pointer defaults are copied in)', () => D.newMessage()],
  ];
  const paths = Object.keys(evaluated);

  it('covers every field of Defaults and of its group', () => {
    const names = (D.schema.struct.fields as Any[])
      .filter((f) => f.name !== 'second' && f.name !== 'group')
      .map((f) => f.name);
    const groupNames = fieldsOf(groupId).map((f) => `group.${f.name}`);
    expect(paths.sort()).toEqual([...names, ...groupNames].sort());
  });

  describe.each(sources)('from %s', (_what, make) => {
    it.each(paths)('%s', (path) => {
      const want = toJsonShape(
        parseTextValue(evaluated[path] as string),
        typeOf(path),
        structFields,
      );
      expect(getterJson(get(make(), path))).toEqual(want);
    });
  });

  it('a builder whose pointer defaults were read holds them as set fields', () => {
    const b = D.newMessage();
    for (const path of paths) get(b, path);
    const r = D.fromBytes(b.toBytes());
    for (const path of paths) {
      const want = toJsonShape(
        parseTextValue(evaluated[path] as string),
        typeOf(path),
        structFields,
      );
      expect(getterJson(get(r, path))).toEqual(want);
    }
    // Struct and list defaults are now real pointers in the message.
    expect(r.has('structDefault')).toBe(true);
    expect(r.has('int32List')).toBe(true);
    expect(D.fromBytes(bytes(`${golden}/Defaults/unset.bin`)).has('structDefault')).toBe(false);
  });
});

describe('several messages in one buffer', () => {
  const byType = new Map<string, typeof cases>();
  for (const c of cases) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);

  it.each([...byType.keys()])('%s: readMultipleBytes over every case and segment size', (type) => {
    const T: Any = conformance[type];
    const group = byType.get(type) ?? [];
    const files = group.flatMap((c) => [
      `${c.base}.bin`,
      ...SEGMENT_SIZES.map((n) => `${c.base}.seg${n}.bin`),
    ]);
    const read = [...T.readMultipleBytes(concat(files.map(bytes)))].map(asJson);
    expect(read).toEqual(files.map((f) => asJson(T.fromBytes(bytes(f)))));
    expect(read.length).toBe(group.length * (1 + SEGMENT_SIZES.length));
  });

  it.each([...byType.keys()])('%s: readMultipleBytesPacked over packed messages', (type) => {
    const T: Any = conformance[type];
    const group = byType.get(type) ?? [];
    const packed = group.flatMap((c) => [
      bytes(`${c.base}.packed`),
      bytes(`${c.base}.seg2.packed`),
    ]);
    const read = [...T.readMultipleBytesPacked(concat(packed))].map(asJson);
    const want = group.flatMap((c) => {
      const json = JSON.parse(text(`${c.base}.json`));
      return [json, json];
    });
    expect(read).toEqual(want);
  });

  it('a packed run may cross from one segment into the next (not past the message)', () => {
    // Segment 0: the root (a far pointer) and a zero word; segment 1: a zero word, the landing
    // pad, Point's data word (x = 5). Packing the whole frame at once makes one zero run span
    // the two segments; the reference reads it (it unpacks the body in one read).
    const seg0 = words([(1 << 3) | 2, 1], [0, 0]);
    const seg1 = words([0, 0], [0, 1], [5, 0]);
    const frame = encodeFrame([seg0, seg1]);
    const crossing = pack(frame);
    const perPiece = packPieces([encodeSegmentTable([seg0, seg1]), seg0, seg1]);
    expect(crossing.length).toBe(perPiece.length - 2);
    const P: Any = conformance.Point;
    const want = { x: 5, y: 7 };
    expect(P.fromBytesPacked(crossing).toObject()).toEqual(want);
    expect(
      [...P.readMultipleBytesPacked(concat([crossing, perPiece, crossing]))].map((r: Any) =>
        r.toObject(),
      ),
    ).toEqual([want, want, want]);
    if (live) {
      const json = runCapnp(['convert', 'packed:json', 'conformance.capnp', 'Point'], crossing);
      expect(JSON.parse(decode(json))).toEqual(want);
    }
  });

  it('a packed run may not cross into the next message', () => {
    // Message 1 ends in a word with no zero byte; its 0xff tag claims one more raw word, which
    // is the first word of message 2.
    const m1 = encodeFrame([words([0, 1], [0x01010101, 0x01010101])]);
    const m2 = encodeFrame([words([0, 0])]);
    const head = pack(m1.subarray(0, m1.length - 8));
    const tail = Uint8Array.of(0xff, 1, 1, 1, 1, 1, 1, 1, 1, 1, ...m2.subarray(0, 8));
    const stream = concat([head, tail, pack(m2.subarray(8))]);
    const P: Any = conformance.Point;
    expect(() => [...P.readMultipleBytesPacked(stream)]).toThrow(
      expect.objectContaining({ name: 'WireError', code: 'truncated' }),
    );
  });
});
