import {
  canonicalize,
  copyPointer,
  decodeFrame,
  ElementSize,
  encodeFrame,
  initCompositeListPointer,
  initListPointer,
  MessageBuilder,
  MessageReader,
  pack,
  type StructBuilder,
  setTextPointer,
  unpack,
} from '@capnp-kit/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const wordArrays = fc
  .array(
    fc.oneof(
      fc.constant(new Uint8Array(8)),
      fc.uint8Array({ minLength: 8, maxLength: 8 }),
      fc
        .uint8Array({ minLength: 8, maxLength: 8 })
        .map((w) => w.map((b, i) => (i % 3 === 0 ? 0 : b))),
    ),
    { maxLength: 600 },
  )
  .map((ws) => {
    const out = new Uint8Array(ws.length * 8);
    for (const [i, w] of ws.entries()) out.set(w, i * 8);
    return out;
  });

/** A random tree of structs, lists and text, as a recipe applied to a builder. */
type Node = { text: string } | { ints: number[] } | { struct: Node[] } | { list: Node[][] };
const node: fc.Memo<Node> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(
        fc.record({ text: fc.string() }),
        fc.record({ ints: fc.array(fc.integer(), { maxLength: 20 }) }),
      )
    : fc.oneof(
        fc.record({ text: fc.string() }),
        fc.record({ ints: fc.array(fc.integer(), { maxLength: 20 }) }),
        fc.record({ struct: fc.array(node(depth - 1), { maxLength: 4 }) }),
        fc.record({
          list: fc.array(fc.array(node(depth - 1), { maxLength: 3 }), { maxLength: 4 }),
        }),
      ),
);

function build(b: MessageBuilder, s: StructBuilder, index: number, n: Node): void {
  const seg = s.segment;
  const at = s.pointerByte + index * 8;
  if ('text' in n) setTextPointer(b, seg, at, n.text);
  else if ('ints' in n) {
    const l = initListPointer(b, seg, at, ElementSize.fourBytes, n.ints.length);
    for (const [i, v] of n.ints.entries()) l.segment.view.setInt32(l.elementByte(i), v, true);
  } else if ('struct' in n) {
    const l = initCompositeListPointer(b, seg, at, 1, 1, n.struct.length);
    const child = l.structElement(0);
    child.segment.view.setUint32(child.dataByte, n.struct.length, true);
    for (const [i, c] of n.struct.entries()) build(b, child, i, c);
  } else {
    const width = Math.max(0, ...n.list.map((e) => e.length));
    const l = initCompositeListPointer(b, seg, at, n.list.length, 0, width);
    for (const [k, e] of n.list.entries()) {
      for (const [i, c] of e.entries()) build(b, l.structElement(k), i, c);
    }
  }
}

describe('properties', () => {
  it('unpack(pack(b)) = b', () => {
    fc.assert(
      fc.property(wordArrays, (bytes) => {
        expect(unpack(pack(bytes))).toEqual(bytes);
      }),
    );
  });

  it('framing round-trips any segment list', () => {
    fc.assert(
      fc.property(fc.array(wordArrays, { minLength: 1, maxLength: 20 }), (segments) => {
        const frame = decodeFrame(encodeFrame(segments));
        expect(frame.segments).toEqual(segments);
      }),
    );
  });

  it('frames back to back decode at their offsets, each to its own segments', () => {
    const message = fc.array(wordArrays, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), (messages) => {
        const frames = messages.map((m) => encodeFrame(m));
        const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
        let offset = 0;
        for (const f of frames) {
          all.set(f, offset);
          offset += f.length;
        }
        offset = 0;
        messages.forEach((segments, i) => {
          const frame = decodeFrame(all, offset);
          expect(frame.segments).toEqual(segments);
          expect(frame.byteLength).toBe((frames[i] as Uint8Array).length);
          offset += frame.byteLength;
        });
        // Past the last frame, or into the middle of one, the input ends early.
        expect(() => decodeFrame(all, offset)).toThrow(
          expect.objectContaining({ code: 'truncated' }),
        );
        expect(() =>
          decodeFrame(
            all.subarray(0, all.length - 8),
            offset - (frames.at(-1) as Uint8Array).length,
          ),
        ).toThrow(expect.objectContaining({ code: 'truncated' }));
      }),
    );
    expect(() => decodeFrame(new Uint8Array(16), -8)).toThrow(RangeError);
  });

  it('a copy has the canonical form of its source, whatever the segment sizes', () => {
    fc.assert(
      fc.property(node(4), fc.integer({ min: 1, max: 40 }), (tree, segmentWords) => {
        const b = new MessageBuilder({ firstSegmentWords: segmentWords, growHeuristically: false });
        const root = b.initRoot(0, 1);
        build(b, root, 0, tree);
        const reader = MessageReader.fromSegments(
          decodeFrame(encodeFrame(b.toSegments())).segments,
        );
        const copy = new MessageBuilder();
        copyPointer(copy, copy.rootSegment(), 0, reader, reader.segments[0]!, 0);
        expect(canonicalize(copy.asReader())).toEqual(canonicalize(reader));
        expect(canonicalize(MessageReader.fromSegments([canonicalize(reader)]))).toEqual(
          canonicalize(reader),
        );
      }),
    );
  });
});
