import { lgSizeOf, type Type } from '@capnp-kit/compiler/schema';
import {
  allocateCompositeListAt,
  allocateListAt,
  allocateStructAt,
  clearPointer,
  copyPointer,
  ElementSize,
  ListBuilder,
  ListReader,
  lastAllocation,
  type MessageBuilder,
  type Segment,
  setCapabilityPointer,
  setDataPointer,
  setListPointer,
  setStructPointer,
  setTextPointer,
  UNLIMITED_NESTING,
} from '@capnp-kit/wire';
import { defaultBits } from './default-bits.js';
import { CapnpError } from './errors.js';
import type { ListClasses, Registry, StructClasses } from './registry.js';
import { capabilityToTable } from './rpc/cap-codec.js';
import { StructBuilderBase, StructReaderBase, wireReader } from './struct-base.js';
import type { FieldInfo, StructInfo } from './struct-info.js';
import {
  INT_LIMITS,
  toBigInt,
  toBool,
  toData,
  toEnum,
  toFloat,
  toSmallInt,
  toText,
  toVoid,
} from './values.js';

/**
 * Writers: functions that put a value into a struct at a known place (segment, data section
 * byte, pointer section byte), with no builder object in between. Builder setters are thin
 * wrappers around them, and `newMessage(init)` / assigning plain objects walks them directly,
 * which is what makes encoding from plain objects cheap.
 *
 * Writers assume a struct with the full size of its schema: builders always have it (structs
 * from older schemas are upgraded before a builder is made).
 */

/**
 * Writes one field of the struct whose data section starts at `data` and pointers at `ptr`.
 * `fresh` says the struct is all zeros (just allocated or cleared), so a group written into it
 * need not be reset first; only group writers look at it.
 */
export type FieldWrite = (
  m: MessageBuilder,
  s: Segment,
  data: number,
  ptr: number,
  v: unknown,
  fresh?: boolean,
) => void;

/** A struct type's field writers by field name (a null-prototype record). */
export type FieldWriters = Readonly<Record<string, FieldWrite>>;

const scratch = new DataView(new ArrayBuffer(8));

/** A struct reader or builder (as opposed to a plain object of fields). */
export function isStruct(v: unknown): v is StructReaderBase | StructBuilderBase {
  return v instanceof StructReaderBase || v instanceof StructBuilderBase;
}

function expectObject(v: unknown, what: string, expected: string): object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new CapnpError(
      'invalid-value',
      `${what}: expected ${expected}, got ${Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v}.`,
    );
  }
  return v;
}

function checkSameStruct(v: StructReaderBase | StructBuilderBase, c: StructClasses, what: string) {
  if (v.$meta.info.node.id !== c.meta.info.node.id) {
    throw new CapnpError(
      'invalid-value',
      `${what}: expected a ${c.meta.info.node.displayName}, got a ${v.$meta.info.node.displayName}.`,
    );
  }
}

/** Sets the pointer at `at` to a struct: a copy of a reader/builder, or a plain object's fields. */
export function writeStructAt(
  m: MessageBuilder,
  s: Segment,
  at: number,
  c: StructClasses,
  v: unknown,
  what: string,
): void {
  if (v === null || v === undefined) {
    clearPointer(m, s, at);
    return;
  }
  if (isStruct(v)) {
    checkSameStruct(v, c, what);
    setStructPointer(m, s, at, wireReader(v instanceof StructBuilderBase ? v.asReader() : v));
    return;
  }
  const object = expectObject(v, what, `an object or a ${c.meta.info.node.displayName}`);
  const meta = c.meta;
  allocateStructAt(m, s, at, meta.dataWords, meta.pointerCount);
  const seg = lastAllocation.segment;
  const data = lastAllocation.byte;
  meta.writeObject(m, seg, data, data + meta.dataWords * 8, object, true);
}

/**
 * Replaces the content of the struct at a place (a list element, a root) with a copy of a
 * struct, or with the fields of a plain object (other fields reset to their defaults).
 */
export function replaceStruct(
  m: MessageBuilder,
  s: Segment,
  data: number,
  dataBytes: number,
  ptr: number,
  pointerCount: number,
  c: StructClasses,
  v: unknown,
  what: string,
): void {
  for (let i = 0; i < pointerCount; i++) clearPointer(m, s, ptr + i * 8);
  s.bytes.fill(0, data, data + dataBytes);
  if (v === null || v === undefined) return;
  if (isStruct(v)) {
    checkSameStruct(v, c, what);
    const src = v instanceof StructBuilderBase ? v.asReader() : v;
    const n = Math.min(src._dataBytes, dataBytes);
    s.bytes.set(src._segment.bytes.subarray(src._dataByte, src._dataByte + n), data);
    const pointers = Math.min(src._pointerCount, pointerCount);
    for (let i = 0; i < pointers; i++) {
      copyPointer(
        m,
        s,
        ptr + i * 8,
        src._message,
        src._segment,
        src._pointerByte + i * 8,
        src._nesting,
      );
    }
    return;
  }
  const object = expectObject(v, what, `an object or a ${c.meta.info.node.displayName}`);
  c.meta.writeObject(m, s, data, ptr, object, true);
}

/** A list builder's content as a wire reader (for copying). */
export function listAsReader(v: ListBuilder): ListReader {
  return new ListReader(
    v.message.asReader(),
    v.segment,
    v.byte,
    v.length,
    v.elementSize,
    v.stepBits,
    v.structDataBytes,
    v.structPointerCount,
    UNLIMITED_NESTING,
  );
}

/** Sets the pointer at `at` to a list: a copy of a list reader/builder, or an array's elements. */
export function writeListAt(
  reg: Registry,
  m: MessageBuilder,
  s: Segment,
  at: number,
  c: ListClasses,
  v: unknown,
  what: string,
): void {
  // Arrays first: the common case, and cheaper to recognize than the list classes.
  if (Array.isArray(v)) {
    writeArrayAt(reg, m, s, at, c, v, what);
    return;
  }
  if (v === null || v === undefined) {
    clearPointer(m, s, at);
    return;
  }
  if (v instanceof ListReader) {
    setListPointer(m, s, at, v);
    return;
  }
  if (v instanceof ListBuilder) {
    setListPointer(m, s, at, listAsReader(v));
    return;
  }
  if (typeof v !== 'object' || typeof (v as ArrayLike<unknown>).length !== 'number') {
    throw new CapnpError(
      'invalid-value',
      `${what}: expected an array or a list, got ${typeof v === 'object' ? 'an object' : typeof v}.`,
    );
  }
  writeArrayAt(reg, m, s, at, c, v as ArrayLike<unknown>, what);
}

// Allocates a list for `items` and writes each element, one loop per element type.
function writeArrayAt(
  reg: Registry,
  m: MessageBuilder,
  s: Segment,
  at: number,
  c: ListClasses,
  items: ArrayLike<unknown>,
  what: string,
): void {
  const n = items.length;
  const type = c.elementType;
  const shape = c.shape;
  if (shape.elementSize === ElementSize.inlineComposite) {
    const dw = shape.dataWords ?? 0;
    const pc = shape.pointerCount ?? 0;
    allocateCompositeListAt(m, s, at, n, dw, pc);
    const seg = lastAllocation.segment;
    const base = lastAllocation.byte;
    const struct = c.element as StructClasses;
    const writeObject = struct.meta.writeObject;
    const step = (dw + pc) * 8;
    for (let i = 0; i < n; i++) {
      const data = base + i * step;
      const item = items[i];
      if (item === null || item === undefined) continue;
      // The element is fresh (all zeros), so an object's fields go straight in; only copies
      // of structs and bad values need replaceStruct.
      if (typeof item === 'object' && !Array.isArray(item) && !isStruct(item))
        writeObject(m, seg, data, data + dw * 8, item, true);
      else replaceStruct(m, seg, data, dw * 8, data + dw * 8, pc, struct, item, `${what}[${i}]`);
    }
    return;
  }
  allocateListAt(m, s, at, shape.elementSize, n);
  const seg = lastAllocation.segment;
  const base = lastAllocation.byte;
  const view = seg.view;
  const bytes = seg.bytes;
  const el = (i: number) => `${what}[${i}]`;
  switch (type.which) {
    case 'void':
      for (let i = 0; i < n; i++) toVoid(items[i], el(i));
      return;
    case 'bool':
      for (let i = 0; i < n; i++) {
        const b = items[i];
        if (typeof b === 'boolean' ? b : toBool(b, el(i))) bytes[base + (i >>> 3)] |= 1 << (i & 7);
      }
      return;
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32': {
      const kind = type.which;
      const [min, max] = INT_LIMITS[kind];
      const size = 1 << (lgSizeOf(type) - 3);
      for (let i = 0; i < n; i++) {
        const v = items[i];
        const x =
          typeof v === 'number' && v >= min && v <= max && Math.floor(v) === v
            ? v
            : toSmallInt(v, kind, el(i));
        if (size === 1) view.setUint8(base + i, x & 0xff);
        else if (size === 2) view.setUint16(base + i * 2, x & 0xffff, true);
        else view.setUint32(base + i * 4, x >>> 0, true);
      }
      return;
    }
    case 'float32':
      for (let i = 0; i < n; i++) view.setFloat32(base + i * 4, toFloat(items[i], el(i)), true);
      return;
    case 'float64':
      for (let i = 0; i < n; i++) view.setFloat64(base + i * 8, toFloat(items[i], el(i)), true);
      return;
    case 'int64':
    case 'uint64':
      for (let i = 0; i < n; i++) {
        view.setBigUint64(
          base + i * 8,
          BigInt.asUintN(64, toBigInt(items[i], type.which, el(i))),
          true,
        );
      }
      return;
    case 'enum': {
      const { names, ordinals, ordinalOf } = reg.enumInfo(type.typeId);
      for (let i = 0; i < n; i++) {
        const v = items[i];
        const o =
          (typeof v === 'string' ? ordinalOf(v) : undefined) ?? toEnum(v, names, ordinals, el(i));
        view.setUint16(base + i * 2, o, true);
      }
      return;
    }
    case 'text':
      for (let i = 0; i < n; i++) {
        const v = items[i];
        if (typeof v === 'string') setTextPointer(m, seg, base + i * 8, v);
        else if (v !== null && v !== undefined) toText(v, el(i));
      }
      return;
    case 'data':
      for (let i = 0; i < n; i++) {
        const v = items[i];
        if (v !== null && v !== undefined) setDataPointer(m, seg, base + i * 8, toData(v, el(i)));
      }
      return;
    case 'list': {
      const inner = c.element as ListClasses;
      for (let i = 0; i < n; i++) writeListAt(reg, m, seg, base + i * 8, inner, items[i], el(i));
      return;
    }
    case 'anyPointer':
      for (let i = 0; i < n; i++) reg.setAnyPointerAt(m, seg, base + i * 8, items[i]);
      return;
    case 'interface':
      for (let i = 0; i < n; i++) writeCapabilityAt(m, seg, base + i * 8, items[i]);
      return;
    default:
      throw new Error(`unexpected list element type ${type.which}`);
  }
}

/** Puts a capability into the message's cap table and points the pointer at it. */
export function writeCapabilityAt(m: MessageBuilder, s: Segment, at: number, v: unknown): void {
  // A client or Server becomes a capability of the RPC layer, with its own reference.
  const entry = capabilityToTable(m, v);
  if (entry === null) clearPointer(m, s, at);
  else {
    m.capTable.push(entry);
    setCapabilityPointer(m, s, at, m.capTable.length - 1);
  }
}

/** Resets field `f` of the struct at a place to its default (groups: every field of the group). */
export function clearField(
  reg: Registry,
  info: StructInfo,
  f: FieldInfo,
  m: MessageBuilder,
  s: Segment,
  data: number,
  ptr: number,
): void {
  if (f.inUnion) s.view.setUint16(data + info.discriminantByte, f.discriminant, true);
  if (f.field.which === 'group') {
    clearGroup(reg, reg.structClasses(f.field.group.typeId, info.brand).meta.info, m, s, data, ptr);
    return;
  }
  const offset = f.field.slot.offset;
  const lg = lgSizeOf(f.type as Type);
  if (lg === -2) clearPointer(m, s, ptr + offset * 8);
  else if (lg === 0) s.bytes[data + (offset >>> 3)] &= ~(1 << (offset & 7));
  else if (lg > 0) {
    const size = 1 << (lg - 3);
    s.bytes.fill(0, data + offset * size, data + (offset + 1) * size);
  }
}

/** Resets a group: its union to its first member, every other field to its default. */
export function clearGroup(
  reg: Registry,
  info: StructInfo,
  m: MessageBuilder,
  s: Segment,
  data: number,
  ptr: number,
): void {
  const first = info.unionFields[0];
  if (first !== undefined) clearField(reg, info, first, m, s, data, ptr);
  for (const f of info.nonUnionFields) clearField(reg, info, f, m, s, data, ptr);
}

/** The writer of field `f` of a struct described by `info`. */
export function fieldWriter(reg: Registry, info: StructInfo, f: FieldInfo): FieldWrite {
  const what = `${info.node.displayName}.${f.name}`;
  const union = f.inUnion;
  const discAt = info.discriminantByte;
  const disc = f.discriminant;
  if (f.field.which === 'group') {
    const groupId = f.field.group.typeId;
    let g: StructClasses | undefined;
    return (m, s, data, ptr, v, fresh = false) => {
      g ??= reg.structClasses(groupId, info.brand);
      if (union) s.view.setUint16(data + discAt, disc, true);
      if (!fresh) clearGroup(reg, g.meta.info, m, s, data, ptr);
      if (isStruct(v)) {
        checkSameStruct(v, g, what);
        copyGroup(g.meta.info, g.meta.writers, v, m, s, data, ptr);
      } else {
        const object = expectObject(v, what, 'an object of the group’s fields');
        // Still fresh only if it was: clearGroup leaves union members other than the first as
        // they were, so a cleared group is not all zeros.
        g.meta.writeObject(m, s, data, ptr, object, fresh);
      }
    };
  }
  const type = f.type as Type;
  const offset = f.field.slot.offset;
  return lgSizeOf(type) === -2
    ? pointerWriter(reg, type, offset, what, union ? discAt : -1, disc)
    : dataWriter(reg, type, offset, f.field.slot.defaultValue, what, union ? discAt : -1, disc);
}

// A group read from another struct of the same type: its set fields, written one by one.
function copyGroup(
  info: StructInfo,
  writers: FieldWriters,
  from: StructReaderBase | StructBuilderBase,
  m: MessageBuilder,
  s: Segment,
  data: number,
  ptr: number,
): void {
  const source = from as unknown as Record<string, unknown>;
  const active = from.which();
  for (const f of info.fields) {
    if (f.inUnion && f.name !== active) continue;
    (writers[f.name] as FieldWrite)(m, s, data, ptr, source[f.name]);
  }
}

// Data fields: values are checked (never wrapped) and stored XOR the default. `discAt` is the
// union discriminant's byte, or -1 outside unions.
function dataWriter(
  reg: Registry,
  type: Type,
  offset: number,
  def: Parameters<typeof defaultBits>[0],
  what: string,
  discAt: number,
  disc: number,
): FieldWrite {
  const d = defaultBits(def);
  switch (type.which) {
    case 'void':
      return (_m, s, data, _p, v) => {
        toVoid(v, what);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
      };
    case 'bool': {
      const byte = offset >>> 3;
      const mask = 1 << (offset & 7);
      const flip = d !== 0n;
      return (_m, s, data, _p, v) => {
        const b = (typeof v === 'boolean' ? v : toBool(v, what)) !== flip;
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        const bytes = s.bytes;
        bytes[data + byte] = b ? bytes[data + byte]! | mask : bytes[data + byte]! & ~mask;
      };
    }
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32': {
      const kind = type.which;
      const [min, max] = INT_LIMITS[kind];
      const dn = Number(d);
      const size = 1 << (lgSizeOf(type) - 3);
      const byte = offset * size;
      const checked = (v: unknown): number =>
        typeof v === 'number' && v >= min && v <= max && Math.floor(v) === v
          ? v
          : toSmallInt(v, kind, what);
      if (size === 4) {
        return (_m, s, data, _p, v) => {
          const n = checked(v);
          if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
          s.view.setUint32(data + byte, (n ^ dn) >>> 0, true);
        };
      }
      if (size === 2) {
        return (_m, s, data, _p, v) => {
          const n = checked(v);
          if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
          s.view.setUint16(data + byte, (n ^ dn) & 0xffff, true);
        };
      }
      return (_m, s, data, _p, v) => {
        const n = checked(v);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        s.bytes[data + byte] = (n ^ dn) & 0xff;
      };
    }
    case 'enum': {
      const byte = offset * 2;
      const dn = Number(d);
      const { names, ordinals, ordinalOf } = reg.enumInfo(type.typeId);
      return (_m, s, data, _p, v) => {
        const known = typeof v === 'string' ? ordinalOf(v) : undefined;
        const n = known ?? toEnum(v, names, ordinals, what);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        s.view.setUint16(data + byte, (n ^ dn) & 0xffff, true);
      };
    }
    case 'float32': {
      const byte = offset * 4;
      const dn = Number(d);
      return (_m, s, data, _p, v) => {
        const x = typeof v === 'number' ? v : toFloat(v, what);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        if (dn === 0) s.view.setFloat32(data + byte, x, true);
        else {
          scratch.setFloat32(0, x, true);
          s.view.setUint32(data + byte, (scratch.getUint32(0, true) ^ dn) >>> 0, true);
        }
      };
    }
    case 'float64': {
      const byte = offset * 8;
      return (_m, s, data, _p, v) => {
        const x = typeof v === 'number' ? v : toFloat(v, what);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        if (d === 0n) s.view.setFloat64(data + byte, x, true);
        else {
          scratch.setFloat64(0, x, true);
          s.view.setBigUint64(data + byte, scratch.getBigUint64(0, true) ^ d, true);
        }
      };
    }
    case 'int64':
    case 'uint64': {
      const byte = offset * 8;
      const kind = type.which;
      return (_m, s, data, _p, v) => {
        const b = toBigInt(v, kind, what);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        s.view.setBigUint64(data + byte, BigInt.asUintN(64, b) ^ d, true);
      };
    }
    default:
      throw new Error(`not a data type: ${type.which}`);
  }
}

// Pointer fields: plain values (strings, arrays, objects) or readers/builders (copied).
function pointerWriter(
  reg: Registry,
  type: Type,
  index: number,
  what: string,
  discAt: number,
  disc: number,
): FieldWrite {
  const slot = index * 8;
  switch (type.which) {
    case 'text':
      return (m, s, data, ptr, v) => {
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        if (typeof v === 'string') setTextPointer(m, s, ptr + slot, v);
        else if (v === null || v === undefined) clearPointer(m, s, ptr + slot);
        else toText(v, what);
      };
    case 'data':
      return (m, s, data, ptr, v) => {
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        if (v === null || v === undefined) clearPointer(m, s, ptr + slot);
        else setDataPointer(m, s, ptr + slot, toData(v, what));
      };
    case 'struct': {
      let c: StructClasses | undefined;
      return (m, s, data, ptr, v) => {
        c ??= reg.structClasses(type.typeId, type.brand);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        writeStructAt(m, s, ptr + slot, c, v, what);
      };
    }
    case 'list': {
      let c: ListClasses | undefined;
      return (m, s, data, ptr, v) => {
        c ??= reg.listClasses(type);
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        writeListAt(reg, m, s, ptr + slot, c, v, what);
      };
    }
    case 'anyPointer':
      return (m, s, data, ptr, v) => {
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        reg.setAnyPointerAt(m, s, ptr + slot, v);
      };
    case 'interface':
      return (m, s, data, ptr, v) => {
        if (discAt >= 0) s.view.setUint16(data + discAt, disc, true);
        writeCapabilityAt(m, s, ptr + slot, v);
      };
    default:
      throw new Error(`not a pointer type: ${type.which}`);
  }
}
