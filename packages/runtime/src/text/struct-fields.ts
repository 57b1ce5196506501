import { lgSizeOf, type Type } from '@capnp-kit/compiler/schema';
import {
  MessageBuilder,
  type MessageReader,
  readDataPointer,
  type Segment,
  WireError,
} from '@capnp-kit/wire';
import { ListBuilderBase, ListReaderBase } from '../list-base.js';
import { StructBuilderBase, type StructReaderBase } from '../struct-base.js';
import type { FieldInfo, StructInfo } from '../struct-info.js';

/**
 * Field-level questions the text and JSON writers ask of a struct, answered as the reference's
 * dynamic API answers them (`has`, `which`, field indexes), plus raw access to Text bytes.
 */

/** A struct reader or builder. */
export type AnyStruct = StructReaderBase | StructBuilderBase;
/** A list reader or builder. */
export type AnyList = ListReaderBase | ListBuilderBase;

/** The reader of a struct (a builder's reader over the same memory; no copy). */
export function readerOf(s: AnyStruct): StructReaderBase {
  return s instanceof StructBuilderBase ? s.asReader() : s;
}

/**
 * Whether `f` is set, as the reference's `has(field)` answers it by default (HasMode NON_NULL),
 * leaving unions aside: groups and data fields (Void included) always are, pointer fields when
 * their pointer is not null.
 */
export function isFieldSet(s: StructReaderBase, f: FieldInfo): boolean {
  if (f.field.which === 'group' || lgSizeOf(f.type as Type) !== -2) return true;
  const index = f.field.slot.offset;
  if (index >= s._pointerCount) return false;
  const at = s._pointerByte + index * 8;
  return s._view.getUint32(at, true) !== 0 || s._view.getUint32(at + 4, true) !== 0;
}

/** The raw discriminant of a struct's (or group's) union; 0 past the data section. */
export function discriminantOf(s: AnyStruct, info: StructInfo): number {
  return s._dataBytes >= info.discriminantByte + 2
    ? s._view.getUint16(s._dataByte + info.discriminantByte, true)
    : 0;
}

/** The active union member; undefined without a union or for a discriminant it does not know. */
export function activeMember(s: AnyStruct, info: StructInfo): FieldInfo | undefined {
  if (info.discriminantByte < 0) return undefined;
  return info.unionFields[discriminantOf(s, info)];
}

const indexes = new WeakMap<StructInfo, Map<FieldInfo, number>>();

/** A field's position in its struct's field list (the reference's `Field::getIndex()`). */
export function fieldIndex(info: StructInfo, f: FieldInfo): number {
  let map = indexes.get(info);
  if (map === undefined) {
    map = new Map(info.fields.map((x, i) => [x, i]));
    indexes.set(info, map);
  }
  return map.get(f) ?? -1;
}

/** A field's value as its accessor presents it (the struct must be a reader). */
export function fieldValue(s: StructReaderBase, f: FieldInfo): unknown {
  return (s as unknown as Record<string, unknown>)[f.name];
}

/** The bytes of the Text pointer at `byte` (without the NUL), or null for a null pointer. */
export function readTextBytes(
  message: MessageReader,
  segment: Segment,
  byte: number,
): Uint8Array | null {
  const bytes = readDataPointer(message, segment, byte);
  if (bytes === null) return null;
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0) {
    throw new WireError('bad-text', 'Message contains text that is not NUL-terminated.');
  }
  return bytes.subarray(0, bytes.length - 1);
}

const EMPTY = new Uint8Array(0);

/** The bytes of a Text field: its pointer's, or its default's when the pointer is null. */
export function textFieldBytes(s: StructReaderBase, f: FieldInfo): Uint8Array {
  if (f.field.which !== 'slot') return EMPTY;
  const index = f.field.slot.offset;
  const bytes =
    index < s._pointerCount
      ? readTextBytes(s._message, s._segment, s._pointerByte + index * 8)
      : null;
  if (bytes !== null) return bytes;
  const def = f.field.slot.defaultValue;
  return def.which === 'text' && def.value !== null ? def.value : EMPTY;
}

/** The message a list reads from (a builder's reading side). */
export function listMessage(list: AnyList): MessageReader {
  return list.message instanceof MessageBuilder ? list.message.asReader() : list.message;
}

/** The bytes of element `i` of a List(Text) (empty for a null element). */
export function textElementBytes(list: AnyList, i: number): Uint8Array {
  list.checkIndex(i);
  return readTextBytes(listMessage(list), list.segment, list.pointerByte(i)) ?? EMPTY;
}

/** The element type of a typed list (set on the list classes by the registry). */
export function listElementType(list: AnyList): Type | undefined {
  return (list as unknown as { $elementType?: Type }).$elementType;
}

/** True for list readers and builders of this runtime. */
export function isList(v: unknown): v is AnyList {
  return v instanceof ListReaderBase || v instanceof ListBuilderBase;
}
