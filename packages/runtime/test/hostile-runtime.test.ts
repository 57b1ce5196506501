import { CapnpError, WireError } from '@capnp-kit/runtime';
import { encodeFrame } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { type Any, bytes, cases, concat, conformance, words } from './conformance-support.js';
import { fieldOf } from './json-to-init.js';

/**
 * Hostile input through the typed runtime (T.fromBytes, fromBytesPacked, fromSegments,
 * readMultipleBytes), reading every field: each failure is a WireError or CapnpError with a
 * stable code, never another exception, and nothing hangs. The wire layer's own cases are in
 * packages/wire/test/hostile.test.ts; these go through schemas.
 */

const AllTypes: Any = conformance.AllTypes;
const Point: Any = conformance.Point;

/** Reads everything a program could: every field, the canonical form, the size. */
function readAll(r: Any): void {
  r.toObject();
  r.canonicalize();
  void r.totalSize;
}

/** The error code `fn` fails with, 'ok' if it does not; any other exception fails the test. */
function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof WireError || e instanceof CapnpError) return e.code;
    throw e;
  }
}

const DATA_WORDS: number = AllTypes.schema.struct.dataWordCount;
const POINTERS: number = AllTypes.schema.struct.pointerCount;
/** Word index of AllTypes' first pointer in a one-segment message whose root is at word 1. */
const FIRST_POINTER = 1 + DATA_WORDS;
/** Word index of the first word after the root struct. */
const AFTER_ROOT = FIRST_POINTER + POINTERS;

type Word = [number, number];

/**
 * A one-segment AllTypes message: the root struct with pointer fields set to raw pointer words
 * (`offset` in a struct or list pointer is replaced by the offset to `extra[target]`), followed
 * by the `extra` words.
 */
function allTypes(
  pointers: Record<string, Word | { target: number; kind: 0 | 1; upper: number }>,
  extra: Word[] = [],
): Uint8Array {
  const slots: Word[] = Array.from({ length: POINTERS }, () => [0, 0]);
  for (const [name, p] of Object.entries(pointers)) {
    const index: number = fieldOf(AllTypes.schema.id, name).slot.offset;
    if (Array.isArray(p)) slots[index] = p;
    else {
      const offset = AFTER_ROOT + p.target - (FIRST_POINTER + index + 1);
      slots[index] = [((offset << 2) | p.kind) >>> 0, p.upper];
    }
  }
  const data: Word[] = Array.from({ length: DATA_WORDS }, () => [0, 0]);
  return encodeFrame([words([0, DATA_WORDS | (POINTERS << 16)], ...data, ...slots, ...extra)]);
}

const list = (target: number, size: number, count: number) => ({
  target,
  kind: 1 as const,
  upper: (count << 3) | size,
});
const struct = (target: number, data: number, ptrs: number) => ({
  target,
  kind: 0 as const,
  upper: data | (ptrs << 16),
});

describe('hand-made hostile messages, read field by field', () => {
  const table: { name: string; message: () => Uint8Array; want: string }[] = [
    {
      name: 'a struct pointer past the end of the segment',
      message: () => allTypes({ structField: struct(5, 1, 0) }),
      want: 'pointer-out-of-bounds',
    },
    {
      name: 'a list pointer before the start of the segment',
      message: () => allTypes({ int32List: list(-100, 4, 2) }),
      want: 'pointer-out-of-bounds',
    },
    {
      name: 'a text longer than the segment',
      message: () => allTypes({ textField: list(0, 2, 100) }, [[0x41414141, 0]]),
      want: 'pointer-out-of-bounds',
    },
    {
      name: 'a far pointer to a segment that does not exist',
      message: () => allTypes({ structField: [2, 9] }),
      want: 'pointer-out-of-bounds',
    },
    {
      name: 'a far pointer whose landing pad is past the segment end',
      message: () => allTypes({ structField: [(1000 << 3) | 2, 0] }),
      want: 'pointer-out-of-bounds',
    },
    {
      name: 'a far pointer whose landing pad is a far pointer (a far-pointer loop)',
      message: () => {
        const pad = FIRST_POINTER + fieldOf(AllTypes.schema.id, 'structField').slot.offset;
        return allTypes({ structField: [((pad << 3) | 2) >>> 0, 0] });
      },
      want: 'bad-pointer',
    },
    {
      name: 'a double-far pad whose first word is not a far pointer',
      message: () =>
        allTypes({ structField: [(AFTER_ROOT << 3) | 6, 0] }, [
          [1, 0],
          [0, 1],
        ]),
      want: 'bad-pointer',
    },
    {
      name: 'Text that is not NUL-terminated',
      message: () => allTypes({ textField: list(0, 2, 3) }, [[0x00636261 | 0x64000000, 0]]),
      want: 'bad-text',
    },
    {
      name: 'Text given a struct pointer',
      message: () => allTypes({ textField: struct(0, 1, 0) }, [[1, 0]]),
      want: 'wrong-pointer-kind',
    },
    {
      name: 'a struct field given a list pointer',
      message: () => allTypes({ structField: list(0, 2, 8) }, [[0, 0]]),
      want: 'wrong-pointer-kind',
    },
    {
      name: 'a list field given a struct pointer',
      message: () => allTypes({ int64List: struct(0, 1, 0) }, [[0, 0]]),
      want: 'wrong-pointer-kind',
    },
    {
      name: 'a struct field given a capability pointer',
      message: () => allTypes({ structField: [3, 0] }),
      want: 'wrong-pointer-kind',
    },
    {
      name: 'Data given a list of Int32',
      message: () => allTypes({ dataField: list(0, 4, 2) }, [[1, 2]]),
      want: 'wrong-element-size',
    },
    {
      name: 'a List(Int64) given a list of Int32 (elements too small)',
      message: () => allTypes({ int64List: list(0, 4, 2) }, [[1, 2]]),
      want: 'wrong-element-size',
    },
    {
      name: 'a List(Int32) given a list of pointers',
      message: () => allTypes({ int32List: list(0, 6, 1) }, [[0, 0]]),
      want: 'wrong-element-size',
    },
    {
      name: 'a List(Text) given a list of data-only structs',
      message: () =>
        allTypes({ textList: list(0, 7, 1) }, [
          [1 << 2, 1],
          [0, 0],
        ]),
      want: 'wrong-element-size',
    },
    {
      name: 'a List(Bool) given a list of structs',
      message: () =>
        allTypes({ boolList: list(0, 7, 1) }, [
          [1 << 2, 1],
          [0, 0],
        ]),
      want: 'wrong-element-size',
    },
    {
      name: 'a List(Point) given a bit list',
      message: () => allTypes({ structList: list(0, 1, 8) }, [[0xff, 0]]),
      want: 'wrong-element-size',
    },
    {
      name: 'a composite list whose tag is not a struct',
      message: () =>
        allTypes({ structList: list(0, 7, 1) }, [
          [1, 0],
          [0, 0],
        ]),
      want: 'bad-pointer',
    },
    {
      name: 'a composite list whose elements overrun its word count',
      message: () =>
        allTypes({ structList: list(0, 7, 1) }, [
          [5 << 2, 1],
          [0, 0],
        ]),
      want: 'bad-pointer',
    },
    {
      name: 'a zero-sized struct list claiming 2^29 elements (amplification)',
      message: () => allTypes({ emptyList: list(0, 7, 0) }, [[((2 ** 29 - 1) << 2) >>> 0, 0]]),
      want: 'traversal-limit',
    },
    {
      name: 'a void list claiming 2^29 elements (amplification)',
      message: () => allTypes({ voidList: list(0, 0, 2 ** 29 - 1) }),
      want: 'traversal-limit',
    },
    {
      name: 'a List(List(Int32)) whose inner pointers all alias one 1000-word list',
      message: () => {
        // 1000 inner pointers to the same list: each is charged, so reading all of them costs
        // 1000 × 1000 words and trips a 100 000-word limit.
        const inner = 1000;
        const pointers: Word[] = Array.from({ length: 1000 }, (_, i) => [
          (((1000 - i - 1) << 2) | 1) >>> 0,
          ((inner * 2) << 3) | 4,
        ]);
        return allTypes({ int32ListList: list(0, 6, 1000) }, [
          ...pointers,
          ...Array.from({ length: inner }, (): Word => [7, 7]),
        ]);
      },
      want: 'traversal-limit',
    },
  ];

  it.each(table)('$name: $want', ({ message, want }) => {
    const options = want === 'traversal-limit' ? { traversalLimitInWords: 100_000 } : undefined;
    expect(outcome(() => readAll(AllTypes.fromBytes(message(), options)))).toBe(want);
    // The same through every other entry point.
    const m = message();
    expect(
      outcome(() => readAll([...AllTypes.readMultipleBytes(concat([m, m]), options)][1])),
    ).toBe(want);
    const segment = m.subarray(8);
    expect(outcome(() => readAll(AllTypes.fromSegments([segment], options)))).toBe(want);
  });

  it('a refused read fails again when retried (it was not taken as paid for)', () => {
    const m = allTypes({ voidList: list(0, 0, 2 ** 29 - 1) });
    const r = AllTypes.fromBytes(m, { traversalLimitInWords: 100_000 });
    expect(outcome(() => r.toObject())).toBe('traversal-limit');
    expect(outcome(() => r.voidList)).toBe('traversal-limit');
    expect(outcome(() => r.asBuilder())).toBe('traversal-limit');
    expect(outcome(() => r.canonicalize())).toBe('traversal-limit');
    // Other fields can still be read: the refused read took nothing from the limit.
    expect(r.int32Field).toBe(0);
    expect(r.textList.length).toBe(0);
  });

  it('a struct that points at itself (through a far pointer into another segment)', () => {
    // Segment 0: root far pointer to segment 1's pad; segment 1: pad, then Point (1 data word,
    // 5 pointers) whose `next` (pointer 2) is a far pointer back to the pad.
    const seg0 = words([(0 << 3) | 2, 1]);
    const seg1 = words([0, 1 | (3 << 16)], [1, 0], [0, 0], [0, 0], [(0 << 3) | 2, 1]);
    const m = encodeFrame([seg0, seg1]);
    expect(outcome(() => readAll(Point.fromBytes(m)))).toBe('nesting-limit');
    let depth = 0;
    for (let p = Point.fromBytes(m, { nestingLimit: 1000 }); depth < 500; p = p.next) depth++;
    expect(outcome(() => Point.fromBytes(m, { nestingLimit: 10 }).toObject())).toBe(
      'nesting-limit',
    );
  });

  it('nesting beyond the limit: 101 nested Points read only with nestingLimit >= 101', () => {
    const b = Point.newMessage();
    let p = b;
    for (let i = 0; i < 100; i++) {
      p.x = i;
      p = p.init('next');
    }
    const m = b.toBytes();
    expect(outcome(() => readAll(Point.fromBytes(m)))).toBe('nesting-limit');
    expect(outcome(() => readAll(Point.fromBytes(m, { nestingLimit: 100 })))).toBe('nesting-limit');
    expect(outcome(() => readAll(Point.fromBytes(m, { nestingLimit: 101 })))).toBe('ok');
  });

  it('segment tables: too many segments, sizes beyond the input or the limit', () => {
    const table = (count: number, size: number) => {
      const t = new Uint8Array(4 * (count + 1) + ((count + 1) % 2) * 4);
      const v = new DataView(t.buffer);
      v.setUint32(0, count - 1, true);
      for (let i = 0; i < count; i++) v.setUint32(4 + i * 4, size, true);
      return t;
    };
    expect(outcome(() => AllTypes.fromBytes(table(512, 1)))).toBe('too-many-segments');
    expect(outcome(() => AllTypes.fromBytes(words([0xffffffff, 0])))).toBe('too-many-segments');
    expect(outcome(() => AllTypes.fromBytes(table(511, 1)))).toBe('truncated');
    expect(outcome(() => AllTypes.fromBytes(table(3, 0x1fffffff)))).toBe('message-too-large');
    expect(outcome(() => AllTypes.fromBytes(table(1, 0)))).toBe('truncated');
    expect(outcome(() => AllTypes.fromSegments([new Uint8Array(12)]))).toBe('truncated');
    expect(outcome(() => AllTypes.fromBytesPacked(Uint8Array.of(0, 255, 0, 255, 0, 255)))).not.toBe(
      'ok',
    );
  });
});

describe('reference messages, damaged', () => {
  // A fixed-seed generator, so every run sees the same damage.
  let seed = 0x9e3779b9;
  const random = (n: number) => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed % n;
  };
  const goldenForms = cases.flatMap((c) =>
    ['bin', 'seg1.bin', 'seg3.bin', 'packed'].map((form) => ({
      label: `${c.type} ${c.name} .${form}`,
      type: conformance[c.type] as Any,
      bytes: bytes(`${c.base}.${form}`),
      packed: form === 'packed',
    })),
  );
  const read = (g: (typeof goldenForms)[number], b: Uint8Array) =>
    outcome(() => readAll(g.packed ? g.type.fromBytesPacked(b) : g.type.fromBytes(b)));

  it.each(goldenForms)('$label: every truncation fails with a typed error', (g) => {
    expect(read(g, g.bytes)).toBe('ok');
    const step = Math.max(1, Math.floor(g.bytes.length / 200));
    for (let n = 0; n < g.bytes.length; n += step) {
      expect(read(g, g.bytes.subarray(0, n))).not.toBe('ok');
    }
  });

  it.each(goldenForms)('$label: 300 random corruptions read or fail with a typed error', (g) => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const b = g.bytes.slice();
      for (let k = 1 + random(4); k > 0; k--) b[random(b.length)] = random(256);
      seen.add(read(g, b));
    }
    // Damage is noticed somewhere (the test would be empty if every read succeeded).
    expect(seen.size).toBeGreaterThan(1);
  });
});
