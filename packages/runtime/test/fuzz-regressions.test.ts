import { join } from 'node:path';
import { WireError } from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { type Any, bytes, conformance, golden } from './conformance-support.js';

/**
 * Bugs the fuzzing campaigns (fuzz/, `pnpm fuzz`) found in the runtime, each pinned by the
 * smallest input that showed it.
 */

const Point: Any = conformance.Point;

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof WireError) return e.code;
    throw e;
  }
}

describe('fuzz regressions: readMultipleBytesPacked', () => {
  // The first packed word holds the segment count minus one. The count used to size the read of
  // the rest of the table before it was checked: 2^32 segments asked for a 16 GiB buffer
  // (RangeError), 2^27 for 512 MiB. The reference refuses 512 segments or more.
  const table = [
    { name: 'count 2^32 (tag 0x0f, four 0xff bytes)', packed: [0x0f, 0xff, 0xff, 0xff, 0xff] },
    { name: 'count 2^27', packed: [0x08, 0x08] },
    { name: 'count 512', packed: [0x03, 0xff, 0x01] },
  ];
  for (const { name, packed } of table) {
    it(`${name}: too-many-segments, before any allocation`, () => {
      const got = codeOf(() => [...Point.readMultipleBytesPacked(Uint8Array.from(packed))]);
      expect(got).toBe('too-many-segments');
    });
  }

  it('still reads a packed message whose table spans several words', () => {
    // chain.seg2: the reference's output with --segment-size=2, so several segments.
    const base = join(golden, 'Point/chain.seg2');
    const got = [...Point.readMultipleBytesPacked(bytes(`${base}.packed`))].map((r: Any) =>
      r.toObject(),
    );
    expect(got).toEqual([Point.fromBytes(bytes(`${base}.bin`)).toObject()]);
  });
});
