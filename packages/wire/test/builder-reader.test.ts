import {
  adoptOrphan,
  allocateOrphan,
  canonicalize,
  decodeFrame,
  decodeUtf8,
  ElementSize,
  encodeFrame,
  initCompositeListPointer,
  initListPointer,
  initStructPointer,
  MessageBuilder,
  MessageReader,
  PointerKind,
  pointerTargetKind,
  readCapabilityPointer,
  readDataPointer,
  readListPointer,
  readStructPointer,
  readTextPointer,
  setCapabilityPointer,
  setDataPointer,
  setTextPointer,
  WireError,
} from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';

function roundTrip(builder: MessageBuilder): MessageReader {
  return MessageReader.fromSegments(decodeFrame(encodeFrame(builder.toSegments())).segments);
}

describe('builder and reader', () => {
  it('round-trips data fields and every pointer kind', () => {
    const b = new MessageBuilder();
    const root = b.initRoot(2, 6);
    root.segment.view.setInt32(root.dataByte, -42, true);
    root.segment.view.setFloat64(root.dataByte + 8, 1.5, true);
    setTextPointer(b, root.segment, root.pointerByte, 'héllo');
    setDataPointer(b, root.segment, root.pointerByte + 8, new Uint8Array([1, 0, 2]));
    const child = initStructPointer(b, root.segment, root.pointerByte + 16, 1, 0);
    child.segment.view.setUint16(child.dataByte, 7, true);
    const ints = initListPointer(b, root.segment, root.pointerByte + 24, ElementSize.fourBytes, 3);
    for (let i = 0; i < 3; i++) ints.segment.view.setUint32(ints.elementByte(i), i * 10, true);
    const points = initCompositeListPointer(b, root.segment, root.pointerByte + 32, 2, 1, 1);
    points.structElement(1).segment.view.setUint8(points.structElement(1).dataByte, 9);
    setTextPointer(b, points.segment, points.structElement(0).pointerByte, 'a');
    setCapabilityPointer(b, root.segment, root.pointerByte + 40, 5);

    const m = roundTrip(b);
    const r = m.root()!;
    expect(r.segment.view.getInt32(r.dataByte, true)).toBe(-42);
    expect(r.segment.view.getFloat64(r.dataByte + 8, true)).toBe(1.5);
    expect(readTextPointer(m, r.segment, r.pointerByte)).toBe('héllo');
    expect([...readDataPointer(m, r.segment, r.pointerByte + 8)!]).toEqual([1, 0, 2]);
    const c = readStructPointer(m, r.segment, r.pointerByte + 16, r.nestingLeft)!;
    expect(c.segment.view.getUint16(c.dataByte, true)).toBe(7);
    const l = readListPointer(
      m,
      r.segment,
      r.pointerByte + 24,
      r.nestingLeft,
      ElementSize.fourBytes,
    )!;
    expect(
      Array.from({ length: l.length }, (_, i) => l.segment.view.getUint32(l.elementByte(i), true)),
    ).toEqual([0, 10, 20]);
    const p = readListPointer(
      m,
      r.segment,
      r.pointerByte + 32,
      r.nestingLeft,
      ElementSize.inlineComposite,
    )!;
    expect(p.length).toBe(2);
    expect(p.segment.bytes[p.elementByte(1)]).toBe(9);
    expect(readTextPointer(m, p.segment, p.pointerByte(0))).toBe('a');
    expect(pointerTargetKind(m, r.segment, r.pointerByte + 40)).toBe('capability');
    expect(readCapabilityPointer(m, r.segment, r.pointerByte + 40)).toBe(5);
  });

  it('writes zero-sized structs at offset -1 without allocating', () => {
    const b = new MessageBuilder();
    const root = b.initRoot(0, 1);
    const before = b.totalWords;
    initStructPointer(b, root.segment, root.pointerByte, 0, 0);
    expect(b.totalWords).toBe(before);
    expect(root.segment.view.getUint32(root.pointerByte, true)).toBe(0xfffffffc);
    const m = roundTrip(b);
    expect(readStructPointer(m, m.segments[0]!, 8, 10)!.dataBytes).toBe(0);
  });

  it('reads a null pointer as null', () => {
    const b = new MessageBuilder();
    const root = b.initRoot(0, 1);
    const m = roundTrip(b);
    expect(readTextPointer(m, m.segments[0]!, root.pointerByte)).toBeNull();
    expect(readStructPointer(m, m.segments[0]!, root.pointerByte, 5)).toBeNull();
    expect(pointerTargetKind(m, m.segments[0]!, root.pointerByte)).toBe('null');
  });

  it('grows segments heuristically like the reference builder', () => {
    const b = new MessageBuilder({ firstSegmentWords: 4 });
    const root = b.initRoot(0, 3);
    initListPointer(b, root.segment, root.pointerByte, ElementSize.eightBytes, 10);
    initListPointer(b, root.segment, root.pointerByte + 8, ElementSize.eightBytes, 2);
    initListPointer(b, root.segment, root.pointerByte + 16, ElementSize.eightBytes, 30);
    // first 4 words; then max(11, 4) = 11 (next = 15); then 3 fits in the 11-word? no: 11 is full;
    // new segment max(3, 15) = 15, then the 31-word list needs max(31, 30) = 31.
    expect(b.segments.map((s) => s.capacity)).toEqual([4, 11, 15, 31]);
    expect(hexOf(canonicalize(roundTrip(b)))).toBe(hexOf(canonicalize(b.asReader())));
  });

  it('adopts orphans through landing pads and double-far pads', () => {
    const b = new MessageBuilder({ firstSegmentWords: 2, growHeuristically: false });
    const root = b.initRoot(0, 2);
    // An orphan in a full segment can only be reached through a double-far pad.
    const seg = allocateOrphan(b, 2);
    const word = seg.used - 2;
    seg.view.setUint32(word * 8, 0xdeadbeef, true);
    adoptOrphan(b, root.segment, root.pointerByte, seg, word, PointerKind.struct, 2);
    const small = allocateOrphan(b, 1);
    const w2 = small.used - 1;
    small.view.setUint32(w2 * 8, 77, true);
    adoptOrphan(b, root.segment, root.pointerByte + 8, small, w2, PointerKind.struct, 1);
    const m = roundTrip(b);
    const r = m.root()!;
    const a = readStructPointer(m, r.segment, r.pointerByte, 5)!;
    expect(a.segment.view.getUint32(a.dataByte, true)).toBe(0xdeadbeef);
    const c = readStructPointer(m, r.segment, r.pointerByte + 8, 5)!;
    expect(c.segment.view.getUint32(c.dataByte, true)).toBe(77);
    // the first pointer is a double far: bit 2 set
    expect(r.segment.view.getUint32(r.pointerByte, true) & 7).toBe(6);
  });

  it('zeroes the old object when a pointer is overwritten', () => {
    const b = new MessageBuilder();
    const root = b.initRoot(0, 1);
    setTextPointer(b, root.segment, root.pointerByte, 'secret');
    const seg = b.segments[0]!;
    const before = Buffer.from(seg.usedBytes()).toString('latin1');
    expect(before).toContain('secret');
    setTextPointer(b, root.segment, root.pointerByte, 'x');
    expect(Buffer.from(seg.usedBytes()).toString('latin1')).not.toContain('secret');
  });

  it('rejects list lengths that do not fit a list pointer', () => {
    const b = new MessageBuilder();
    const root = b.initRoot(0, 1);
    expect(() =>
      initListPointer(b, root.segment, root.pointerByte, ElementSize.byte, 2 ** 29),
    ).toThrow(WireError);
    expect(() => initListPointer(b, root.segment, root.pointerByte, ElementSize.byte, -1)).toThrow(
      WireError,
    );
  });
});

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('decodeUtf8', () => {
  it('keeps a leading U+FEFF (a character of the text, not a byte-order mark to drop)', () => {
    for (const text of [
      '\uFEFF',
      '\uFEFFx',
      `\uFEFF${'é'.repeat(40)}`,
      `a\uFEFF${'b'.repeat(60)}`,
    ]) {
      const bytes = new TextEncoder().encode(`__${text}`);
      expect(decodeUtf8(bytes, 2, bytes.length - 2)).toBe(text);
    }
  });
});
