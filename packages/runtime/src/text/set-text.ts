import { ElementSize, initListPointer, type MessageBuilder, type Segment } from '@capnp-kit/wire';
import type { ListBuilderBase } from '../list-base.js';
import type { StructBuilderBase } from '../struct-base.js';
import type { FieldInfo } from '../struct-info.js';

/**
 * Writes Text from raw bytes. The text and JSON readers produce Text byte for byte (an escape
 * like `\xff` yields a byte that is not UTF-8), which string setters cannot carry.
 */

function writeText(message: MessageBuilder, segment: Segment, at: number, bytes: Uint8Array): void {
  // Text is a byte list holding the bytes and a NUL (encoding spec: Blobs).
  const list = initListPointer(message, segment, at, ElementSize.byte, bytes.length + 1);
  list.segment.bytes.set(bytes, list.byte);
}

/** Sets Text field `f` of `b` (making it the active union member) to `bytes`. */
export function setTextBytes(b: StructBuilderBase, f: FieldInfo, bytes: Uint8Array): void {
  if (f.field.which !== 'slot') return;
  const info = b.$meta.info;
  if (f.inUnion) b._view.setUint16(b._dataByte + info.discriminantByte, f.discriminant, true);
  writeText(b._message, b._segment, b._pointerByte + f.field.slot.offset * 8, bytes);
}

/** Sets element `i` of a List(Text) builder to `bytes`. */
export function setTextElementBytes(list: ListBuilderBase, i: number, bytes: Uint8Array): void {
  list.checkIndex(i);
  writeText(list.message, list.segment, list.pointerByte(i), bytes);
}
