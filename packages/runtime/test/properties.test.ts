import { pack, unpack } from '@capnp-kit/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTypesValue, expectedObject, unionsValue } from './conformance-arbitraries.js';
import { type Any, concat, conformance } from './conformance-support.js';
import { contentWords } from './far-pointers.js';
import { setByProperties } from './json-to-init.js';

/**
 * Property tests (fast-check) over conformance.capnp: random values built, serialized in every
 * framing and read back give the same values; packing round-trips; segmentation and the way a
 * message was built do not change its content.
 */

const types: [string, Any, fc.Arbitrary<Record<string, unknown>>][] = [
  ['AllTypes', conformance.AllTypes, allTypesValue],
  ['Unions', conformance.Unions, unionsValue],
];
const segmentWords = fc.integer({ min: 1, max: 8 });

describe.each(types)('%s', (_name, T, value) => {
  const id: bigint = T.schema.id;

  it('build → toBytes → fromBytes → toObject gives the value back', () => {
    fc.assert(
      fc.property(value, (v) => {
        const want = expectedObject(v, id);
        const b = T.newMessage(v);
        expect(b.toObject()).toEqual(want);
        expect(T.fromBytes(b.toBytes()).toObject()).toEqual(want);
      }),
    );
  });

  it('the same in many small segments, through every reading entry point', () => {
    fc.assert(
      fc.property(value, segmentWords, (v, words) => {
        const want = expectedObject(v, id);
        const b = T.newMessage(v, { firstSegmentWords: words, growHeuristically: false });
        const framed = b.toBytes();
        expect(T.fromBytes(framed).toObject()).toEqual(want);
        expect(T.fromSegments(b.toSegments()).toObject()).toEqual(want);
        expect(T.fromBytesPacked(b.toBytesPacked()).toObject()).toEqual(want);
        const two = [...T.readMultipleBytes(concat([framed, framed]))];
        expect(two.map((r: Any) => r.toObject())).toEqual([want, want]);
        const packed = [...T.readMultipleBytesPacked(concat([b.toBytesPacked(), pack(framed)]))];
        expect(packed.map((r: Any) => r.toObject())).toEqual([want, want]);
      }),
      { numRuns: 60 },
    );
  });

  it('unpack(pack(bytes)) = bytes, for messages and packed per piece', () => {
    fc.assert(
      fc.property(value, segmentWords, (v, words) => {
        const b = T.newMessage(v, { firstSegmentWords: words, growHeuristically: false });
        const framed = b.toBytes();
        expect(unpack(pack(framed))).toEqual(framed);
        expect(unpack(b.toBytesPacked())).toEqual(framed);
      }),
      { numRuns: 60 },
    );
  });

  it('segmentation, the property API and copies give the same canonical form', () => {
    fc.assert(
      fc.property(value, segmentWords, (v, words) => {
        const one = T.newMessage(v);
        const canonical = one.canonicalize();
        const many = T.newMessage(v, { firstSegmentWords: words, growHeuristically: false });
        expect(many.canonicalize()).toEqual(canonical);
        const props = T.newMessage();
        setByProperties(props, id, v);
        expect(props.canonicalize()).toEqual(canonical);
        expect(T.fromBytes(many.toBytes()).asBuilder().canonicalize()).toEqual(canonical);
        // The canonical form is a message of its own, and canonical already.
        expect(T.fromSegments([canonical]).canonicalize()).toEqual(canonical);
        expect(T.fromSegments([canonical]).toObject()).toEqual(one.toObject());
      }),
      { numRuns: 60 },
    );
  });

  it('totalSize counts every object once, without landing pads (as the reference does)', () => {
    fc.assert(
      fc.property(value, segmentWords, (v, words) => {
        const b = T.newMessage(v, { firstSegmentWords: words, growHeuristically: false });
        const want = contentWords(b.toSegments());
        expect(b.totalSize.wordCount).toBe(want);
        expect(T.fromBytes(b.toBytes()).totalSize.wordCount).toBe(want);
      }),
      { numRuns: 60 },
    );
  });
});

describe('bytes', () => {
  it('unpack(pack(b)) = b for any whole number of words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.constant(255), fc.integer({ min: 0, max: 255 })), {
          maxLength: 400,
        }),
        (xs) => {
          const b = Uint8Array.from(xs.slice(0, xs.length - (xs.length % 8)));
          expect(unpack(pack(b))).toEqual(b);
        },
      ),
    );
  });
});
