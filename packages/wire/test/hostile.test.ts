import {
  canonicalize,
  decodeFrame,
  ElementSize,
  MessageReader,
  readListPointer,
  readStructPointer,
  readTextPointer,
  totalSize,
  Unpacker,
  unpack,
  WireError,
  type WireErrorCode,
} from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';

/** Builds a byte array from little-endian u32 pairs, one pair per word. */
function words(...pairs: [number, number][]): Uint8Array {
  const out = new Uint8Array(pairs.length * 8);
  const view = new DataView(out.buffer);
  pairs.forEach(([lo, hi], i) => {
    view.setUint32(i * 8, lo >>> 0, true);
    view.setUint32(i * 8 + 4, hi >>> 0, true);
  });
  return out;
}

function code(fn: () => unknown): WireErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (e instanceof WireError) return e.code;
    throw e;
  }
}

function walk(m: MessageReader): void {
  canonicalize(m);
}

const cases: { name: string; segments: Uint8Array[]; want: WireErrorCode; options?: object }[] = [
  { name: 'empty message', segments: [new Uint8Array(0)], want: 'truncated' },
  {
    name: 'struct pointer past the segment end',
    segments: [words([(5 << 2) | 0, 1])],
    want: 'pointer-out-of-bounds',
  },
  {
    name: 'negative struct offset before the segment start',
    segments: [words([(-5 << 2) | 0, 1])],
    want: 'pointer-out-of-bounds',
  },
  {
    name: 'far pointer to a missing segment',
    segments: [words([2, 7])],
    want: 'pointer-out-of-bounds',
  },
  {
    name: 'far landing pad out of bounds',
    segments: [words([(9 << 3) | 2, 1]), words([0, 0])],
    want: 'pointer-out-of-bounds',
  },
  {
    name: 'far pointer whose landing pad is another far pointer',
    segments: [words([2, 1]), words([2, 0])],
    want: 'bad-pointer',
  },
  {
    name: 'double-far pad whose first word is not a far pointer',
    segments: [words([6, 1]), words([0, 1], [0, 1])],
    want: 'bad-pointer',
  },
  {
    name: 'inline-composite tag that is not a struct',
    segments: [words([(0 << 2) | 1, (1 << 3) | 7], [1, 0], [0, 0])],
    want: 'bad-pointer',
  },
  {
    name: 'inline-composite elements overrunning the word count',
    segments: [words([1, (1 << 3) | 7], [3 << 2, 1], [0, 0])],
    want: 'bad-pointer',
  },
  {
    name: 'zero-sized struct list claiming half a billion elements',
    segments: [words([1, (0 << 3) | 7], [(0x1fffffff << 2) >>> 0, 0])],
    want: 'traversal-limit',
  },
  {
    name: 'void list claiming half a billion elements',
    segments: [words([0, 0], [1, (0x1fffffff << 3) >>> 0])],
    want: 'traversal-limit',
    options: {},
  },
  {
    name: 'struct that points at itself',
    segments: [words([0, 1 << 16], [(-1 << 2) >>> 0, 1 << 16])],
    want: 'nesting-limit',
  },
];

describe('hostile messages', () => {
  it.each(cases)('$name → $want', ({ segments, want, name }) => {
    const copy = segments.map((s) => s.slice());
    let m: MessageReader;
    if (name.startsWith('void list')) {
      // root struct with one pointer to the void list
      m = MessageReader.fromSegments([words([0, 1 << 16], [1, (0x1fffffff << 3) >>> 0])]);
      expect(code(() => walk(m))).toBe(want);
    } else {
      m = MessageReader.fromSegments(segments);
      expect(code(() => walk(m))).toBe(want);
    }
    for (const [i, s] of segments.entries()) expect(s).toEqual(copy[i]);
  });

  it('charges aliased pointers each time but repeated reads only once', () => {
    // root: 0 data, 3 pointers, all aliasing one 4-word list of Int64
    const seg = words(
      [0, 3 << 16],
      [(2 << 2) | 1, (4 << 3) | 5],
      [(1 << 2) | 1, (4 << 3) | 5],
      [(0 << 2) | 1, (4 << 3) | 5],
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    );
    const m = MessageReader.fromSegments([seg], { traversalLimitInWords: 12 });
    const r = m.root()!;
    for (let k = 0; k < 1000; k++)
      readListPointer(m, r.segment, r.pointerByte, r.nestingLeft, ElementSize.eightBytes);
    readListPointer(m, r.segment, r.pointerByte + 8, r.nestingLeft, ElementSize.eightBytes);
    expect(
      code(() =>
        readListPointer(m, r.segment, r.pointerByte + 16, r.nestingLeft, ElementSize.eightBytes),
      ),
    ).toBe('traversal-limit');
  });

  it('keeps exact count under limits beyond 2^30 words, and with no limit', () => {
    // root: 0 data, 5 pointers, all aliasing one list of 2^29 - 1 zero-sized structs (each
    // follow charges 2^29 words: one per element and the tag).
    const claim = 0x1fffffff;
    const aliases = 5;
    const pairs: [number, number][] = [[0, aliases << 16]];
    for (let i = 0; i < aliases; i++) pairs.push([((aliases - 1 - i) << 2) | 1, (0 << 3) | 7]);
    pairs.push([(claim << 2) >>> 0, 0]);
    const seg = words(...pairs);
    const each = claim + 1;
    const root = aliases; // the root struct's own words, charged by root()
    const follow = (m: MessageReader, i: number) => {
      const r = m.root()!;
      return readListPointer(m, r.segment, r.pointerByte + i * 8, 5, ElementSize.inlineComposite);
    };
    // Over 2^31 words: four follows fit exactly, across the 2^30 boundary; the fifth does not.
    const m = MessageReader.fromSegments([seg], { traversalLimitInWords: root + 4 * each });
    for (let i = 0; i < 4; i++) {
      expect(follow(m, i)?.length).toBe(claim);
      expect(m.traversalLeft).toBe((3 - i) * each);
    }
    expect(follow(m, 0)?.length).toBe(claim); // already charged
    expect(code(() => follow(m, 4))).toBe('traversal-limit');
    expect(m.traversalLeft).toBe(0);
    // A fractional limit acts as its floor; Infinity never trips.
    const fraction = MessageReader.fromSegments([seg], {
      traversalLimitInWords: root + each + 0.5,
    });
    expect(follow(fraction, 0)?.length).toBe(claim);
    expect(code(() => follow(fraction, 1))).toBe('traversal-limit');
    const unlimited = MessageReader.fromSegments([seg], {
      traversalLimitInWords: Number.POSITIVE_INFINITY,
    });
    for (let i = 0; i < aliases; i++) expect(follow(unlimited, i)?.length).toBe(claim);
    expect(unlimited.traversalLeft).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads one field millions of times without tripping the limit', () => {
    const seg = words([0, 1 << 16], [(0 << 2) | 1, (4 << 3) | 2], [0x00636261, 0]);
    const m = MessageReader.fromSegments([seg], { traversalLimitInWords: 4 });
    const r = m.root()!;
    for (let k = 0; k < 2_000_000; k++) readTextPointer(m, r.segment, r.pointerByte);
    expect(readTextPointer(m, r.segment, r.pointerByte)).toBe('abc');
  });

  it('rejects text without a NUL terminator', () => {
    const m = MessageReader.fromSegments([words([0, 1 << 16], [1, (2 << 3) | 2], [0x6261, 0])]);
    const r = m.root()!;
    expect(code(() => readTextPointer(m, r.segment, r.pointerByte))).toBe('bad-text');
  });

  it('rejects a list where a struct is expected and the other way round', () => {
    const m = MessageReader.fromSegments([words([0, 1 << 16], [1, (1 << 3) | 2], [0, 0])]);
    const r = m.root()!;
    expect(code(() => readStructPointer(m, r.segment, r.pointerByte, 5))).toBe(
      'wrong-pointer-kind',
    );
    expect(
      code(() => readListPointer(m, r.segment, r.pointerByte, 5, ElementSize.eightBytes)),
    ).toBe('wrong-element-size');
  });

  it('bounds totalSize by the traversal limit', () => {
    const m = MessageReader.fromSegments([words([1, (0 << 3) | 7], [(0x1fffffff << 2) >>> 0, 0])]);
    expect(code(() => totalSize(m, m.segments[0]!, 0))).toBe('traversal-limit');
  });
});

describe('hostile frames', () => {
  const frameCases: { name: string; bytes: Uint8Array; want: WireErrorCode }[] = [
    { name: 'no bytes', bytes: new Uint8Array(0), want: 'truncated' },
    { name: 'half a table', bytes: new Uint8Array([0, 0, 0, 0, 1, 0]), want: 'truncated' },
    { name: '512 segments', bytes: words([511, 0]), want: 'too-many-segments' },
    { name: '4 billion segments', bytes: words([0xffffffff, 0]), want: 'too-many-segments' },
    { name: 'segment longer than the input', bytes: words([0, 2], [0, 0]), want: 'truncated' },
    {
      name: 'segment larger than the traversal limit',
      bytes: words([0, 0x7fffffff]),
      want: 'message-too-large',
    },
  ];
  it.each(frameCases)('$name → $want', ({ bytes, want }) => {
    expect(code(() => decodeFrame(bytes))).toBe(want);
  });
});

describe('hostile packed input', () => {
  it.each([
    { name: 'tag without its bytes', bytes: [0x03, 1], want: 'truncated' },
    { name: 'zero tag without a count', bytes: [0x00], want: 'truncated' },
    {
      name: 'raw run past the end',
      bytes: [0xff, 1, 1, 1, 1, 1, 1, 1, 1, 2, 9],
      want: 'truncated',
    },
    { name: 'zero run beyond the limit', bytes: [0x00, 255, 0x00, 255], want: 'message-too-large' },
  ] as const)('$name → $want', ({ bytes, want }) => {
    expect(code(() => unpack(new Uint8Array(bytes), 300))).toBe(want);
  });

  it('refuses a run that crosses the end of a read', () => {
    const u = new Unpacker(new Uint8Array([0x00, 3]));
    expect(code(() => u.read(2))).toBe('truncated');
  });
});
