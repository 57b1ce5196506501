import {
  canonicalize,
  copyPointer,
  decodeFrame,
  encodeFrame,
  encodeSegmentTable,
  MessageBuilder,
  MessageReader,
  packPieces,
  totalSize,
  unpack,
} from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { fixture, hex } from './fixtures.js';

// Messages made by the reference (scripts/make-fixtures.sh): the same value as one segment and
// as segments of 1, 8 and 32 words (far pointers, landing pads).
const variants = ['sample.bin', 'sample.seg1.bin', 'sample.seg8.bin', 'sample.seg32.bin'];

function read(name: string): MessageReader {
  return MessageReader.fromSegments(decodeFrame(fixture(name)).segments);
}

describe('reference fixtures', () => {
  it.each(variants)('%s canonicalizes to the reference canonical form', (name) => {
    expect(hex(canonicalize(read(name)))).toBe(hex(fixture('sample.canonical')));
  });

  it('reads the flat form as one segment', () => {
    const flat = MessageReader.fromSegments([fixture('sample.flat')]);
    expect(hex(canonicalize(flat))).toBe(hex(fixture('sample.canonical')));
  });

  it.each(variants)('%s packs exactly as the reference packs it', (name) => {
    const frame = decodeFrame(fixture(name));
    const packed = packPieces([encodeSegmentTable(frame.segments), ...frame.segments]);
    expect(hex(packed)).toBe(hex(fixture(name.replace('.bin', '.packed'))));
  });

  it.each(variants)('%s unpacks from the reference packed form', (name) => {
    expect(hex(unpack(fixture(name.replace('.bin', '.packed'))))).toBe(hex(fixture(name)));
  });

  it.each([
    ['sample.seg1.bin', 1],
    ['sample.seg8.bin', 8],
    ['sample.seg32.bin', 32],
  ] as const)('copying into %s-word segments lays out as the reference does', (name, words) => {
    const src = read('sample.bin');
    const dst = new MessageBuilder({ firstSegmentWords: words, growHeuristically: false });
    copyPointer(dst, dst.rootSegment(), 0, src, src.segments[0]!, 0);
    expect(hex(encodeFrame(dst.toSegments()))).toBe(hex(fixture(name)));
  });

  it.each(variants)(
    'copying %s into one segment gives the reference single-segment bytes',
    (name) => {
      const src = read(name);
      const words = totalSize(src, src.segments[0]!, 0) + 1;
      const dst = new MessageBuilder({ firstSegmentWords: words });
      copyPointer(dst, dst.rootSegment(), 0, read(name), src.segments[0]!, 0);
      expect(hex(encodeFrame(dst.toSegments()))).toBe(hex(fixture('sample.bin')));
    },
  );
});
