import {
  copyPointer,
  ElementSize,
  initCompositeListPointer,
  initStructPointer,
  type ListBuilder,
  type ListBuilderClass,
  type MessageBuilder,
  PointerKind,
  resolvePointer,
  type Segment,
  type StructBuilderClass,
  WireError,
} from '@capnp-kit/wire';
import type { StructBuilderBase } from './struct-base.js';

/**
 * Builder-side access to existing pointers: what a builder getter returns for a struct or list
 * field that was already set. A struct written by an older schema may be smaller than the
 * current one; like the reference, it is then moved into a new struct of the current size
 * (the old copy is zeroed) so every field of the current schema can be written.
 */

/** The struct builder for the pointer at `byte`, or undefined if the pointer is null. */
export function existingStruct<T extends StructBuilderBase>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  dataWords: number,
  pointerCount: number,
  ctor: StructBuilderClass<T>,
): T | undefined {
  const t = resolvePointer(message.asReader(), segment, byte);
  if (t === null) return undefined;
  if ((t.lower & 3) !== PointerKind.struct) {
    throw new WireError(
      'wrong-pointer-kind',
      'Message contains non-struct pointer where struct pointer was expected.',
    );
  }
  const oldData = t.upper & 0xffff;
  const oldPointers = t.upper >>> 16;
  if (oldData >= dataWords && oldPointers >= pointerCount) {
    return new ctor(message, t.segment, t.byte, oldData * 8, t.byte + oldData * 8, oldPointers);
  }
  // Upgrade: a new struct of the larger size, data copied, pointers moved.
  const source = message.asReader();
  const upgraded = initStructPointerKeep(
    message,
    segment,
    byte,
    Math.max(dataWords, oldData),
    Math.max(pointerCount, oldPointers),
    ctor,
  );
  upgraded._segment.bytes.set(
    t.segment.bytes.subarray(t.byte, t.byte + oldData * 8),
    upgraded._dataByte,
  );
  for (let i = 0; i < oldPointers; i++) {
    copyPointer(
      message,
      upgraded._segment,
      upgraded._pointerByte + i * 8,
      source,
      t.segment,
      t.byte + (oldData + i) * 8,
    );
  }
  t.segment.bytes.fill(0, t.byte, t.byte + (oldData + oldPointers) * 8);
  return upgraded;
}

/** Like initStructPointer, but without zeroing what the pointer pointed to (we move it). */
function initStructPointerKeep<T extends StructBuilderBase>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  dataWords: number,
  pointerCount: number,
  ctor: StructBuilderClass<T>,
): T {
  segment.view.setBigUint64(byte, 0n, true);
  return initStructPointer(message, segment, byte, dataWords, pointerCount, ctor);
}

/** Element size a list of this kind is written with, for reading it back from a builder. */
export interface ListShape {
  readonly elementSize: ElementSize;
  /** Struct lists: the current element size. */
  readonly dataWords?: number;
  readonly pointerCount?: number;
}

/** The list builder for the pointer at `byte`, or undefined if the pointer is null. */
export function existingList<T extends ListBuilder>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  shape: ListShape,
  ctor: ListBuilderClass<T>,
): T | undefined {
  const t = resolvePointer(message.asReader(), segment, byte);
  if (t === null) return undefined;
  if ((t.lower & 3) !== PointerKind.list) {
    throw new WireError(
      'wrong-pointer-kind',
      'Message contains non-list pointer where list pointer was expected.',
    );
  }
  const elementSize = (t.upper & 7) as ElementSize;
  const count = t.upper >>> 3;
  if (elementSize === ElementSize.inlineComposite) {
    const tagLower = t.segment.view.getUint32(t.byte, true);
    const tagUpper = t.segment.view.getUint32(t.byte + 4, true);
    const length = tagLower >>> 2;
    const dataWords = tagUpper & 0xffff;
    const pointers = tagUpper >>> 16;
    const want = shape.elementSize === ElementSize.inlineComposite;
    if (!want) checkStructsAs(shape.elementSize, dataWords, pointers);
    if (want && (dataWords < (shape.dataWords ?? 0) || pointers < (shape.pointerCount ?? 0))) {
      return upgradeStructList(
        message,
        segment,
        byte,
        t.segment,
        t.byte + 8,
        length,
        dataWords,
        pointers,
        shape,
        ctor,
      );
    }
    return new ctor(
      message,
      t.segment,
      t.byte + 8,
      length,
      elementSize,
      (dataWords + pointers) * 64,
      dataWords * 8,
      pointers,
    );
  }
  checkElementsAs(shape.elementSize, elementSize);
  if (shape.elementSize === ElementSize.inlineComposite) {
    // An old list of primitives or pointers whose elements have since become structs: the
    // reference upgrades it into a struct list, each element's value in the first field.
    const step = [0, 1, 8, 16, 32, 64, 64, 0][elementSize] as number;
    return upgradeStructList(
      message,
      segment,
      byte,
      t.segment,
      t.byte,
      count,
      elementSize === ElementSize.pointer ? 0 : Math.ceil(step / 64),
      elementSize === ElementSize.pointer ? 1 : 0,
      shape,
      ctor,
      step,
    );
  }
  const step = [0, 1, 8, 16, 32, 64, 64, 0][elementSize] as number;
  return new ctor(
    message,
    t.segment,
    t.byte,
    count,
    elementSize,
    step,
    elementSize === ElementSize.pointer ? 0 : step >>> 3,
    elementSize === ElementSize.pointer ? 1 : 0,
  );
}

// Builders write elements in place, so an existing list must be at least as wide as what the
// schema expects, or writes would land outside it (the reference's getWritableListPointer and
// getWritableStructListPointer checks, with its messages).

const DATA_BITS = [0, 1, 8, 16, 32, 64, 0, 0];
const POINTERS = [0, 0, 0, 0, 0, 0, 1, 0];

function incompatible(message: string): WireError {
  return new WireError('wrong-element-size', message);
}

/** Checks that a list of structs can be written as a list of `expected` elements. */
function checkStructsAs(expected: ElementSize, dataWords: number, pointers: number): void {
  if (expected === ElementSize.bit) {
    throw incompatible(
      'Found struct list where bit list was expected; upgrading boolean lists to structs is no longer supported.',
    );
  }
  if ((DATA_BITS[expected] as number) > 0 && dataWords === 0) {
    throw incompatible('Existing list value is incompatible with expected type.');
  }
  if (expected === ElementSize.pointer && pointers === 0) {
    throw incompatible('Existing list value is incompatible with expected type.');
  }
}

/** Checks that a non-struct list of `found` elements can be written as `expected` elements. */
function checkElementsAs(expected: ElementSize, found: ElementSize): void {
  if (expected === ElementSize.inlineComposite) {
    if (found === ElementSize.bit) {
      throw incompatible(
        'Found bit list where struct list was expected; upgrading boolean lists to structs is no longer supported.',
      );
    }
    return;
  }
  if ((expected === ElementSize.bit) !== (found === ElementSize.bit)) {
    throw incompatible(
      expected === ElementSize.bit
        ? 'Found non-bit list where bit list was expected.'
        : 'Found bit list where non-bit list was expected.',
    );
  }
  if (
    (DATA_BITS[found] as number) < (DATA_BITS[expected] as number) ||
    (POINTERS[found] as number) < (POINTERS[expected] as number)
  ) {
    throw incompatible('Existing list value is incompatible with expected type.');
  }
}

function upgradeStructList<T extends ListBuilder>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  oldSegment: Segment,
  oldStart: number,
  length: number,
  oldData: number,
  oldPointers: number,
  shape: ListShape,
  ctor: ListBuilderClass<T>,
  primitiveStepBits?: number,
): T {
  const source = message.asReader();
  const dataWords = Math.max(oldData, shape.dataWords ?? 0);
  const pointers = Math.max(oldPointers, shape.pointerCount ?? 0);
  segment.view.setBigUint64(byte, 0n, true);
  const list = initCompositeListPointer(message, segment, byte, length, dataWords, pointers, ctor);
  for (let i = 0; i < length; i++) {
    const dst = list.byte + i * (dataWords + pointers) * 8;
    if (primitiveStepBits !== undefined) {
      const bytes = primitiveStepBits >>> 3;
      const from = oldStart + i * bytes;
      if (oldPointers === 0)
        list.segment.bytes.set(oldSegment.bytes.subarray(from, from + bytes), dst);
      else
        copyPointer(
          message,
          list.segment,
          dst + dataWords * 8,
          source,
          oldSegment,
          oldStart + i * 8,
        );
      continue;
    }
    const from = oldStart + i * (oldData + oldPointers) * 8;
    list.segment.bytes.set(oldSegment.bytes.subarray(from, from + oldData * 8), dst);
    for (let p = 0; p < oldPointers; p++) {
      copyPointer(
        message,
        list.segment,
        dst + (dataWords + p) * 8,
        source,
        oldSegment,
        from + (oldData + p) * 8,
      );
    }
  }
  return list;
}
