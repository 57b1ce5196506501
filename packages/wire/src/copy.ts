import {
  clearPointer,
  initCompositeListPointer,
  initListPointer,
  initStructPointer,
  MessageBuilder,
  setCapabilityPointer,
} from './builder.js';
import { WireError } from './errors.js';
import { ElementSize, PointerKind } from './pointer.js';
import {
  type ListReader,
  type MessageReader,
  resolvePointer,
  type StructReader,
} from './reader.js';
import type { Segment } from './segment.js';

/** Options of {@link copyPointer}. */
export interface CopyOptions {
  /**
   * Write the canonical form: trailing zero data words and trailing null pointers of every
   * struct trimmed (struct lists uniformly, to their widest element), as the reference's
   * `canonicalize()` does.
   */
  canonical?: boolean;
  /** Maps a capability index of the source's cap table to one of the destination's. */
  capability?: (index: number) => number;
}

const STEP_BITS = [0, 1, 8, 16, 32, 64, 64, 0];

function nestingError(): WireError {
  return new WireError(
    'nesting-limit',
    'Message is too deeply-nested or contains cycles. See capnp::ReaderOptions (nestingLimit).',
  );
}

function outOfBounds(what: string): WireError {
  return new WireError('pointer-out-of-bounds', `Message contains out-of-bounds ${what} pointer.`);
}

/**
 * Deep-copies the object of the pointer at `srcByte` of `srcSegment` (in `src`) into the pointer
 * at `dstByte` of `dstSegment` (in `dst`), in the reference's order: an object is allocated,
 * then its pointers are copied one by one, each subtree completely (pre-order), so a copy made
 * here lays out exactly as one made by C++. Any valid pointer is accepted; the source's limits
 * are charged and its bounds checked.
 */
export function copyPointer(
  dst: MessageBuilder,
  dstSegment: Segment,
  dstByte: number,
  src: MessageReader,
  srcSegment: Segment,
  srcByte: number,
  nestingLeft: number = src.nestingLimit,
  options: CopyOptions = {},
): void {
  const t = resolvePointer(src, srcSegment, srcByte);
  if (t === null) {
    clearPointer(dst, dstSegment, dstByte);
    return;
  }
  const kind = t.lower & 3;
  if (kind === PointerKind.struct) {
    if (nestingLeft <= 0) throw nestingError();
    const dataWords = t.upper & 0xffff;
    const pointers = t.upper >>> 16;
    if (t.byte < 0 || t.byte + (dataWords + pointers) * 8 > t.segment.bytes.length) {
      throw outOfBounds('struct');
    }
    src.charge(srcSegment, srcByte, dataWords + pointers);
    copyStruct(
      dst,
      dstSegment,
      dstByte,
      src,
      t.segment,
      t.byte,
      dataWords * 8,
      t.byte + dataWords * 8,
      pointers,
      nestingLeft - 1,
      options,
    );
    return;
  }
  if (kind === PointerKind.list) {
    if (nestingLeft <= 0) throw nestingError();
    copyList(dst, dstSegment, dstByte, src, srcSegment, srcByte, t, nestingLeft - 1, options);
    return;
  }
  if (t.lower !== PointerKind.other) throw new WireError('bad-pointer', 'Unknown pointer type.');
  setCapabilityPointer(
    dst,
    dstSegment,
    dstByte,
    options.capability ? options.capability(t.upper) : carryCapability(src, dst, t.upper),
  );
}

/**
 * Where capability `index` of `src`'s cap table goes in `dst`'s when no mapping is given: the
 * same index within one message (or for messages without capabilities); otherwise the entry is
 * appended to `dst`'s table. An entry that counts its references (an RPC capability has
 * `retainIn`) is given a new one, owned by `dst`.
 */
function carryCapability(src: MessageReader, dst: MessageBuilder, index: number): number {
  if (src.capTable === dst.capTable || src.capTable.length === 0) return index;
  const entry = src.capTable[index] as { retainIn?: (m: MessageBuilder) => unknown } | undefined;
  dst.capTable.push(typeof entry?.retainIn === 'function' ? entry.retainIn(dst) : entry);
  return dst.capTable.length - 1;
}

/** Length of `bytes[start, start + length)` without its trailing zero bytes. */
function trimmedLength(bytes: Uint8Array, start: number, length: number): number {
  let end = start + length;
  while (end > start && bytes[end - 1] === 0) end--;
  return end - start;
}

/** Number of pointers of a pointer section without its trailing null pointers. */
function trimmedPointers(segment: Segment, pointerByte: number, count: number): number {
  const view = segment.view;
  let n = count;
  while (
    n > 0 &&
    view.getUint32(pointerByte + (n - 1) * 8, true) === 0 &&
    view.getUint32(pointerByte + (n - 1) * 8 + 4, true) === 0
  ) {
    n--;
  }
  return n;
}

function copyStruct(
  dst: MessageBuilder,
  dstSegment: Segment,
  dstByte: number,
  src: MessageReader,
  srcSegment: Segment,
  dataByte: number,
  dataBytes: number,
  pointerByte: number,
  pointerCount: number,
  nestingLeft: number,
  options: CopyOptions,
): void {
  let copyBytes = dataBytes;
  let pointers = pointerCount;
  if (options.canonical) {
    copyBytes = trimmedLength(srcSegment.bytes, dataByte, dataBytes);
    pointers = trimmedPointers(srcSegment, pointerByte, pointerCount);
  }
  const builder = initStructPointer(dst, dstSegment, dstByte, Math.ceil(copyBytes / 8), pointers);
  builder.segment.bytes.set(
    srcSegment.bytes.subarray(dataByte, dataByte + copyBytes),
    builder.dataByte,
  );
  for (let i = 0; i < pointers; i++) {
    copyPointer(
      dst,
      builder.segment,
      builder.pointerByte + i * 8,
      src,
      srcSegment,
      pointerByte + i * 8,
      nestingLeft,
      options,
    );
  }
}

function copyList(
  dst: MessageBuilder,
  dstSegment: Segment,
  dstByte: number,
  src: MessageReader,
  refSegment: Segment,
  refByte: number,
  t: { segment: Segment; byte: number; lower: number; upper: number },
  nestingLeft: number,
  options: CopyOptions,
): void {
  const segment = t.segment;
  const elementSize = (t.upper & 7) as ElementSize;
  const count = t.upper >>> 3;
  if (elementSize === ElementSize.inlineComposite) {
    if (t.byte < 0 || t.byte + (count + 1) * 8 > segment.bytes.length) throw outOfBounds('list');
    const tagLower = segment.view.getUint32(t.byte, true);
    const tagUpper = segment.view.getUint32(t.byte + 4, true);
    if ((tagLower & 3) !== PointerKind.struct) {
      throw new WireError(
        'bad-pointer',
        'INLINE_COMPOSITE lists of non-STRUCT type are not supported.',
      );
    }
    const length = tagLower >>> 2;
    const declData = tagUpper & 0xffff;
    const declPointers = tagUpper >>> 16;
    const step = (declData + declPointers) * 8;
    if (length * (declData + declPointers) > count) {
      throw new WireError(
        'bad-pointer',
        "INLINE_COMPOSITE list's elements overrun its word count.",
      );
    }
    src.charge(refSegment, refByte, step === 0 ? length + 1 : count + 1);
    const first = t.byte + 8;
    let dataWords = declData;
    let pointers = declPointers;
    if (options.canonical) {
      dataWords = 0;
      pointers = 0;
      for (let e = 0; e < length; e++) {
        const base = first + e * step;
        dataWords = Math.max(
          dataWords,
          Math.ceil(trimmedLength(segment.bytes, base, declData * 8) / 8),
        );
        pointers = Math.max(pointers, trimmedPointers(segment, base + declData * 8, declPointers));
      }
    }
    const list = initCompositeListPointer(dst, dstSegment, dstByte, length, dataWords, pointers);
    for (let e = 0; e < length; e++) {
      const from = first + e * step;
      const to = list.elementByte(e);
      list.segment.bytes.set(segment.bytes.subarray(from, from + dataWords * 8), to);
      for (let i = 0; i < pointers; i++) {
        copyPointer(
          dst,
          list.segment,
          to + (dataWords + i) * 8,
          src,
          segment,
          from + (declData + i) * 8,
          nestingLeft,
          options,
        );
      }
    }
    return;
  }
  const bits = count * (STEP_BITS[elementSize] as number);
  const words = Math.ceil(bits / 64);
  if (t.byte < 0 || t.byte + words * 8 > segment.bytes.length) throw outOfBounds('list');
  src.charge(refSegment, refByte, elementSize === ElementSize.void ? count : words);
  const list = initListPointer(dst, dstSegment, dstByte, elementSize, count);
  if (elementSize === ElementSize.pointer) {
    for (let i = 0; i < count; i++) {
      copyPointer(
        dst,
        list.segment,
        list.byte + i * 8,
        src,
        segment,
        t.byte + i * 8,
        nestingLeft,
        options,
      );
    }
    return;
  }
  const whole = Math.floor(bits / 8);
  list.segment.bytes.set(segment.bytes.subarray(t.byte, t.byte + whole), list.byte);
  const leftover = bits % 8;
  if (leftover > 0) {
    list.segment.bytes[list.byte + whole] =
      (segment.bytes[t.byte + whole] as number) & ((1 << leftover) - 1);
  }
}

/**
 * Words a deep copy of the pointer's object would take (the reference's `totalSize()`): the
 * object, its list tag, and everything it points to, without landing pads.
 */
export function totalSize(
  src: MessageReader,
  segment: Segment,
  byte: number,
  nestingLeft: number = src.nestingLimit,
): number {
  const t = resolvePointer(src, segment, byte);
  if (t === null) return 0;
  const kind = t.lower & 3;
  if (kind === PointerKind.other) return 0;
  if (nestingLeft <= 0) throw nestingError();
  if (kind === PointerKind.struct) {
    const dataWords = t.upper & 0xffff;
    const pointers = t.upper >>> 16;
    if (t.byte < 0 || t.byte + (dataWords + pointers) * 8 > t.segment.bytes.length) {
      throw outOfBounds('struct');
    }
    src.charge(segment, byte, dataWords + pointers);
    let n = dataWords + pointers;
    for (let i = 0; i < pointers; i++) {
      n += totalSize(src, t.segment, t.byte + (dataWords + i) * 8, nestingLeft - 1);
    }
    return n;
  }
  const elementSize = (t.upper & 7) as ElementSize;
  const count = t.upper >>> 3;
  if (elementSize === ElementSize.inlineComposite) {
    if (t.byte < 0 || t.byte + (count + 1) * 8 > t.segment.bytes.length) throw outOfBounds('list');
    const tagLower = t.segment.view.getUint32(t.byte, true);
    const tagUpper = t.segment.view.getUint32(t.byte + 4, true);
    const length = tagLower >>> 2;
    const dataWords = tagUpper & 0xffff;
    const pointers = tagUpper >>> 16;
    if (length * (dataWords + pointers) > count) {
      throw new WireError(
        'bad-pointer',
        "INLINE_COMPOSITE list's elements overrun its word count.",
      );
    }
    src.charge(segment, byte, dataWords + pointers === 0 ? length + 1 : count + 1);
    let n = count + 1;
    for (let e = 0; e < length; e++) {
      const base = t.byte + 8 + e * (dataWords + pointers) * 8 + dataWords * 8;
      for (let i = 0; i < pointers; i++) {
        n += totalSize(src, t.segment, base + i * 8, nestingLeft - 1);
      }
    }
    return n;
  }
  const words = Math.ceil((count * (STEP_BITS[elementSize] as number)) / 64);
  if (t.byte < 0 || t.byte + words * 8 > t.segment.bytes.length) throw outOfBounds('list');
  src.charge(segment, byte, elementSize === ElementSize.void ? count : words);
  let n = words;
  if (elementSize === ElementSize.pointer) {
    for (let i = 0; i < count; i++) n += totalSize(src, t.segment, t.byte + i * 8, nestingLeft - 1);
  }
  return n;
}

/**
 * The canonical encoding of the message's root (or of the pointer at `byte` of `segment`): one
 * segment, no segment table, objects in pre-order, structs trimmed, no far pointers — what
 * `capnp convert binary:canonical` writes. Equal values have equal canonical bytes.
 */
export function canonicalize(src: MessageReader, segment?: Segment, byte = 0): Uint8Array {
  const from = segment ?? src.segments[0];
  if (from === undefined || from.bytes.length < byte + 8) {
    throw new WireError('truncated', 'Message is empty: it has no root pointer.');
  }
  const words = totalSize(src, from, byte) + 1;
  const dst = new MessageBuilder({ firstSegmentWords: words, growHeuristically: false });
  copyPointer(dst, dst.rootSegment(), 0, src, from, byte, src.nestingLimit, { canonical: true });
  return dst.toSegments()[0] as Uint8Array;
}

/** The canonical encoding of one struct, as the root of its own message. */
export function canonicalizeStruct(struct: StructReader): Uint8Array {
  const src = struct.message;
  let words = 1 + struct.dataBytes / 8 + struct.pointerCount;
  for (let i = 0; i < struct.pointerCount; i++) {
    words += totalSize(src, struct.segment, struct.pointerByte + i * 8, struct.nestingLeft);
  }
  const dst = new MessageBuilder({ firstSegmentWords: words, growHeuristically: false });
  copyStruct(
    dst,
    dst.rootSegment(),
    0,
    src,
    struct.segment,
    struct.dataByte,
    struct.dataBytes,
    struct.pointerByte,
    struct.pointerCount,
    struct.nestingLeft,
    { canonical: true },
  );
  return dst.toSegments()[0] as Uint8Array;
}

/**
 * Sets the pointer at `dstByte` of `dstSegment` to a deep copy of the struct `src` (which may
 * live in another message), keeping its section sizes (reference: `setStructPointer`).
 */
export function setStructPointer(
  dst: MessageBuilder,
  dstSegment: Segment,
  dstByte: number,
  src: StructReader,
  options: CopyOptions = {},
): void {
  copyStruct(
    dst,
    dstSegment,
    dstByte,
    src.message,
    src.segment,
    src.dataByte,
    src.dataBytes,
    src.pointerByte,
    src.pointerCount,
    src.nestingLeft,
    options,
  );
}

/**
 * Sets the pointer at `dstByte` of `dstSegment` to a deep copy of the list `src`, keeping its
 * encoding (reference: `setListPointer`).
 */
export function setListPointer(
  dst: MessageBuilder,
  dstSegment: Segment,
  dstByte: number,
  src: ListReader,
  options: CopyOptions = {},
): void {
  const { message, segment, length } = src;
  if (src.elementSize === ElementSize.inlineComposite) {
    const dataWords = src.structDataBytes / 8;
    const pointers = src.structPointerCount;
    const list = initCompositeListPointer(dst, dstSegment, dstByte, length, dataWords, pointers);
    for (let e = 0; e < length; e++) {
      const from = src.elementByte(e);
      const to = list.elementByte(e);
      list.segment.bytes.set(segment.bytes.subarray(from, from + src.structDataBytes), to);
      for (let i = 0; i < pointers; i++) {
        copyPointer(
          dst,
          list.segment,
          to + src.structDataBytes + i * 8,
          message,
          segment,
          from + src.structDataBytes + i * 8,
          src.nestingLeft,
          options,
        );
      }
    }
    return;
  }
  const list = initListPointer(dst, dstSegment, dstByte, src.elementSize, length);
  if (src.elementSize === ElementSize.pointer) {
    for (let i = 0; i < length; i++) {
      copyPointer(
        dst,
        list.segment,
        list.byte + i * 8,
        message,
        segment,
        src.byte + i * 8,
        src.nestingLeft,
        options,
      );
    }
    return;
  }
  const bits = length * (STEP_BITS[src.elementSize] as number);
  const whole = Math.floor(bits / 8);
  list.segment.bytes.set(segment.bytes.subarray(src.byte, src.byte + whole), list.byte);
  if (bits % 8 > 0) {
    list.segment.bytes[list.byte + whole] =
      (segment.bytes[src.byte + whole] as number) & ((1 << (bits % 8)) - 1);
  }
}
