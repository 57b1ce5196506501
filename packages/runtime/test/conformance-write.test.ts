import { packPieces } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  asJson,
  bytes,
  cases,
  conformance,
  decode,
  liveCapnp,
  runCapnp,
  SEGMENT_SIZES,
  text,
} from './conformance-support.js';
import { framedSegments } from './far-pointers.js';
import { initFromJson, setByProperties } from './json-to-init.js';

/**
 * Messages built by the runtime, read by the reference: each case's content (taken from the
 * reference's JSON of it) is built with `newMessage(init)` and with the property API, in one
 * segment and in many small ones, and must print (`capnp convert binary:text`) and
 * canonicalize (`binary:canonical`) exactly as the reference's own message of the same text.
 * Without the live `capnp`, the canonical forms are compared with the committed goldens.
 */

/** The live reference runs where installed (always under CI, where its absence fails). */
const live = liveCapnp();

describe.each(cases)('building $type $name', (c) => {
  const T: Any = conformance[c.type];
  const json = JSON.parse(text(`${c.base}.json`));
  const init = () => initFromJson(json, T.schema.id);
  const builds: [string, () => Any][] = [
    ['newMessage(init)', () => T.newMessage(init())],
    [
      'the property API',
      () => {
        const b = T.newMessage();
        setByProperties(b, T.schema.id, init());
        return b;
      },
    ],
    ...SEGMENT_SIZES.map((n): [string, () => Any] => [
      `newMessage(init) in ${n}-word segments`,
      () => T.newMessage(init(), { firstSegmentWords: n, growHeuristically: false }),
    ]),
    [
      'the property API in 2-word segments',
      () => {
        const b = T.newMessage(undefined, { firstSegmentWords: 2, growHeuristically: false });
        setByProperties(b, T.schema.id, init());
        return b;
      },
    ],
  ];
  const canonical = bytes(`${c.base}.canonical`);

  describe.each(builds)('with %s', (_how, build) => {
    it('canonicalizes to the reference’s canonical form', () => {
      expect(build().canonicalize()).toEqual(canonical);
    });

    it('reads back (bytes and packed) as the reference prints the case', () => {
      const b = build();
      expect(asJson(T.fromBytes(b.toBytes()))).toEqual(json);
      expect(asJson(T.fromBytesPacked(b.toBytesPacked()))).toEqual(json);
      expect(asJson(T.fromSegments(b.toSegments()))).toEqual(json);
    });

    it.runIf(live)('the live capnp prints, canonicalizes and packs it as its own message', () => {
      const b = build();
      const framed = b.toBytes();
      const printed = runCapnp(['convert', 'binary:text', 'conformance.capnp', c.type], framed);
      expect(decode(printed)).toBe(text(`${c.base}.txt`));
      expect(runCapnp(['convert', 'binary:canonical'], framed)).toEqual(canonical);
      const packed = b.toBytesPacked();
      const fromPacked = runCapnp(['convert', 'packed:text', 'conformance.capnp', c.type], packed);
      expect(decode(fromPacked)).toBe(text(`${c.base}.txt`));
    });
  });

  // (`capnp convert binary:packed` copies the message before packing it, so packing is compared
  // on the reference's own messages.)
  it('packs a reference message byte for byte as the reference does', () => {
    for (const form of ['bin', 'seg2.bin']) {
      const segments = framedSegments(bytes(`${c.base}.${form}`));
      const framed = bytes(`${c.base}.${form}`);
      const table = framed.subarray(0, framed.length - segments.reduce((n, s) => n + s.length, 0));
      const want = bytes(`${c.base}.${form === 'bin' ? 'packed' : 'seg2.packed'}`);
      expect(packPieces([table, ...segments])).toEqual(want);
    }
  });

  it('canonicalize() of the reference’s message, in every segmentation, is its canonical form', () => {
    for (const form of ['bin', ...SEGMENT_SIZES.map((n) => `seg${n}.bin`)]) {
      expect(T.fromBytes(bytes(`${c.base}.${form}`)).canonicalize()).toEqual(canonical);
    }
  });
});
