import type { Type, Value } from '@capnp-kit/compiler/schema';
import {
  type MessageBuilder,
  type MessageReader,
  readCapabilityPointer,
  readDataPointer,
  readListPointer,
  readStructPointer,
  readTextPointer,
  type Segment,
} from '@capnp-kit/wire';
import { AnyPointerBuilder, AnyPointerReader } from './any-pointer.js';
import { existingList, existingStruct } from './builder-pointers.js';
import type { UnionLayout } from './class-codegen.js';
import { defaultBits } from './default-bits.js';
import { CapnpError } from './errors.js';
import type { ListClasses, Registry, StructClasses } from './registry.js';
import { capabilityFromTable } from './rpc/cap-codec.js';
import type { FieldInfo, StructInfo } from './struct-info.js';
import { decodeUtf8, valueBytes } from './value-bytes.js';

/**
 * Field readers, built once per struct type and field. Each takes the struct's place as
 * arguments (not `this`), so its code is shared by every struct type without its property
 * loads seeing many object shapes; the per-class accessors (see class-codegen.ts) pass the
 * place along. A scalar read is one bounds check and one DataView access, with no allocation.
 */

/** Reads a field of the struct at a place (readers). */
export type FieldRead = (
  m: MessageReader,
  s: Segment,
  view: DataView,
  data: number,
  dataBytes: number,
  ptr: number,
  ptrCount: number,
  nesting: number,
) => unknown;

/** Reads a field of the struct at a place (builders: pointer fields give builders). */
export type FieldBuild = (
  m: MessageBuilder,
  s: Segment,
  view: DataView,
  data: number,
  dataBytes: number,
  ptr: number,
  ptrCount: number,
) => unknown;

/** Reads the data field part only; valid as both a {@link FieldRead} and a {@link FieldBuild}. */
type DataRead = (
  m: unknown,
  s: Segment,
  view: DataView,
  data: number,
  dataBytes: number,
) => unknown;

const scratch = new DataView(new ArrayBuffer(8));

function discriminantAt(view: DataView, data: number, dataBytes: number, at: number): number {
  return dataBytes >= at + 2 ? view.getUint16(data + at, true) : 0;
}

/** The name of the active union member of the struct (or group) at a place. */
export function whichAt(
  info: StructInfo,
  view: DataView,
  data: number,
  dataBytes: number,
): string | undefined {
  if (info.discriminantByte < 0) return undefined;
  const d = discriminantAt(view, data, dataBytes, info.discriminantByte);
  return info.unionFields[d]?.name ?? unknownMember(d);
}

/** What `which()` gives for a discriminant from a newer schema, naming no member of this one. */
function unknownMember(d: number): string {
  return `(unknown union member ${d})`;
}

/** The union of a struct as its generated classes' `which()` reads it; undefined without one. */
export function unionLayout(info: StructInfo): UnionLayout | undefined {
  if (info.discriminantByte < 0) return undefined;
  const count = info.unionFields.length;
  const names = Array.from({ length: count }, (_, d) => info.unionFields[d]?.name);
  return { byte: info.discriminantByte, names, unknown: unknownMember };
}

/** Wraps `read` so that reading an inactive union member throws. */
export function unionChecked<F extends FieldRead | FieldBuild>(
  info: StructInfo,
  f: FieldInfo,
  read: F,
): F {
  const at = info.discriminantByte;
  const end = at + 2;
  const value = f.discriminant;
  const r = read as (...args: unknown[]) => unknown;
  return ((
    m: never,
    s: Segment,
    view: DataView,
    data: number,
    dataBytes: number,
    ptr: number,
    ptrCount: number,
    nesting: number,
  ) => {
    const d = dataBytes >= end ? view.getUint16(data + at, true) : 0;
    if (d !== value) throw inactiveMember(info, f, d);
    return r(m, s, view, data, dataBytes, ptr, ptrCount, nesting);
  }) as F;
}

// Out of line: a throw with its message built in place would make every union member's reader
// too large for V8 to inline.
function inactiveMember(info: StructInfo, f: FieldInfo, d: number): CapnpError {
  const active = info.unionFields[d]?.name ?? `#${d}`;
  return new CapnpError(
    'inactive-union-member',
    `${f.name} is not the active member of the union of ${info.node.displayName} (which() is '${active}').`,
  );
}

// ---------------------------------------------------------------------------------------------
// Data fields (the same for readers and builders). Values are stored XOR their default.

/** The reader of a data field of `type` at `offset` (units of its size) with default `def`. */
export function dataRead(
  type: Type,
  offset: number,
  def: Value,
  names?: readonly string[],
): FieldRead & FieldBuild {
  return dataReadOf(type, offset, def, names) as FieldRead & FieldBuild;
}

function dataReadOf(
  type: Type,
  offset: number,
  def: Value,
  names: readonly string[] | undefined,
): DataRead {
  const d = defaultBits(def);
  switch (type.which) {
    case 'void':
      return () => null;
    case 'bool': {
      const byte = offset >>> 3;
      const mask = 1 << (offset & 7);
      const dv = d !== 0n;
      return (_m, _s, view, data, dataBytes) =>
        dataBytes > byte ? ((view.getUint8(data + byte) & mask) !== 0) !== dv : dv;
    }
    case 'int8': {
      const dn = Number(d);
      const dd = (dn << 24) >> 24;
      return (_m, _s, view, data, dataBytes) =>
        dataBytes > offset ? ((view.getUint8(data + offset) ^ dn) << 24) >> 24 : dd;
    }
    case 'uint8': {
      const dn = Number(d);
      return (_m, _s, view, data, dataBytes) =>
        dataBytes > offset ? view.getUint8(data + offset) ^ dn : dn;
    }
    case 'int16': {
      const byte = offset * 2;
      const dn = Number(d);
      const dd = (dn << 16) >> 16;
      return (_m, _s, view, data, dataBytes) =>
        dataBytes >= byte + 2 ? ((view.getUint16(data + byte, true) ^ dn) << 16) >> 16 : dd;
    }
    case 'uint16': {
      const byte = offset * 2;
      const dn = Number(d);
      return (_m, _s, view, data, dataBytes) =>
        dataBytes >= byte + 2 ? view.getUint16(data + byte, true) ^ dn : dn;
    }
    case 'enum': {
      const byte = offset * 2;
      const dn = Number(d);
      const table = names ?? [];
      return (_m, _s, view, data, dataBytes) => {
        const raw = dataBytes >= byte + 2 ? view.getUint16(data + byte, true) ^ dn : dn;
        return table[raw] ?? raw;
      };
    }
    case 'int32': {
      const byte = offset * 4;
      const dn = Number(d) | 0;
      return (_m, _s, view, data, dataBytes) =>
        dataBytes >= byte + 4 ? view.getInt32(data + byte, true) ^ dn : dn;
    }
    case 'uint32': {
      const byte = offset * 4;
      const dn = Number(d) | 0;
      if (dn === 0) {
        return (_m, _s, view, data, dataBytes) =>
          dataBytes >= byte + 4 ? view.getUint32(data + byte, true) : 0;
      }
      return (_m, _s, view, data, dataBytes) =>
        dataBytes >= byte + 4 ? (view.getUint32(data + byte, true) ^ dn) >>> 0 : dn >>> 0;
    }
    case 'float32': {
      const byte = offset * 4;
      const dn = Number(d);
      if (dn === 0) {
        return (_m, _s, view, data, dataBytes) =>
          dataBytes >= byte + 4 ? view.getFloat32(data + byte, true) : 0;
      }
      const fallback = def.which === 'float32' ? def.value : 0;
      return (_m, _s, view, data, dataBytes) => {
        if (dataBytes < byte + 4) return fallback;
        scratch.setUint32(0, view.getUint32(data + byte, true) ^ dn, true);
        return scratch.getFloat32(0, true);
      };
    }
    case 'int64':
    case 'uint64': {
      const byte = offset * 8;
      const signed = type.which === 'int64';
      const dd = signed ? BigInt.asIntN(64, d) : d;
      if (d === 0n) {
        return signed
          ? (_m, _s, view, data, dataBytes) =>
              dataBytes >= byte + 8 ? view.getBigInt64(data + byte, true) : 0n
          : (_m, _s, view, data, dataBytes) =>
              dataBytes >= byte + 8 ? view.getBigUint64(data + byte, true) : 0n;
      }
      return (_m, _s, view, data, dataBytes) => {
        if (dataBytes < byte + 8) return dd;
        const raw = view.getBigUint64(data + byte, true) ^ d;
        return signed ? BigInt.asIntN(64, raw) : raw;
      };
    }
    case 'float64': {
      const byte = offset * 8;
      if (d === 0n) {
        return (_m, _s, view, data, dataBytes) =>
          dataBytes >= byte + 8 ? view.getFloat64(data + byte, true) : 0;
      }
      const fallback = def.which === 'float64' ? def.value : 0;
      return (_m, _s, view, data, dataBytes) => {
        if (dataBytes < byte + 8) return fallback;
        scratch.setBigUint64(0, view.getBigUint64(data + byte, true) ^ d, true);
        return scratch.getFloat64(0, true);
      };
    }
    default:
      throw new Error(`not a data type: ${type.which}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Pointer fields

/** A Text field's value when its pointer is null. */
export function textDefault(def: Value): string {
  return def.which === 'text' && def.value !== null ? decodeUtf8(def.value) : '';
}

function dataDefault(def: Value): Uint8Array {
  return def.which === 'data' && def.value !== null ? def.value : new Uint8Array(0);
}

/** The reader of pointer field number `index` of type `type` with default `def`. */
export function pointerRead(
  reg: Registry,
  f: FieldInfo,
  type: Type,
  index: number,
  def: Value,
): FieldRead {
  const slot = index * 8;
  switch (type.which) {
    case 'text': {
      const fallback = textDefault(def);
      return (m, s, _v, _d, _ds, ptr, ptrCount) =>
        index < ptrCount ? (readTextPointer(m, s, ptr + slot) ?? fallback) : fallback;
    }
    case 'data': {
      const fallback = dataDefault(def);
      return (m, s, _v, _d, _ds, ptr, ptrCount) =>
        index < ptrCount ? (readDataPointer(m, s, ptr + slot) ?? fallback) : fallback;
    }
    case 'struct': {
      let c: StructClasses | undefined;
      let fallback: unknown;
      return (m, s, _v, _d, _ds, ptr, ptrCount, nesting) => {
        c ??= reg.structClasses(type.typeId, type.brand);
        if (index < ptrCount) {
          const r = readStructPointer(m, s, ptr + slot, nesting, c.Reader);
          if (r !== null) return r;
        }
        fallback ??= reg.defaultStruct(c, valueBytes(def));
        return fallback;
      };
    }
    case 'list': {
      let c: ListClasses | undefined;
      let fallback: unknown;
      return (m, s, _v, _d, _ds, ptr, ptrCount, nesting) => {
        c ??= reg.listClasses(type);
        if (index < ptrCount) {
          const r = readListPointer(m, s, ptr + slot, nesting, c.expectedSize, c.Reader);
          if (r !== null) return r;
        }
        fallback ??= reg.defaultList(c, valueBytes(def));
        return fallback;
      };
    }
    case 'anyPointer':
      return (m, s, _v, _d, _ds, ptr, ptrCount, nesting) =>
        new AnyPointerReader(reg, m, s, index < ptrCount ? ptr + slot : -1, nesting);
    case 'interface':
      return (m, s, _v, _d, _ds, ptr, ptrCount) => {
        if (index >= ptrCount) return null;
        const i = readCapabilityPointer(m, s, ptr + slot);
        return i === null ? null : capabilityFromTable(reg, m.capTable[i], type);
      };
    default:
      throw new Error(`not a pointer type: ${type.which} (${f.name})`);
  }
}

/**
 * The builder-side reader of a pointer field: struct and list fields give builders, and an
 * unset struct field is initialized (with its default) on first access, as in C++.
 */
export function pointerBuild(
  reg: Registry,
  f: FieldInfo,
  type: Type,
  index: number,
  def: Value,
): FieldBuild {
  const slot = index * 8;
  switch (type.which) {
    case 'text': {
      const fallback = textDefault(def);
      return (m, s, _v, _d, _ds, ptr) => readTextPointer(m.asReader(), s, ptr + slot) ?? fallback;
    }
    case 'data': {
      const fallback = dataDefault(def);
      return (m, s, _v, _d, _ds, ptr) => readDataPointer(m.asReader(), s, ptr + slot) ?? fallback;
    }
    case 'interface':
      return (m, s, _v, _d, _ds, ptr) => {
        const i = readCapabilityPointer(m.asReader(), s, ptr + slot);
        return i === null ? null : capabilityFromTable(reg, m.capTable[i], type);
      };
    case 'struct': {
      let c: StructClasses | undefined;
      return (m, s, _v, _d, _ds, ptr) => {
        c ??= reg.structClasses(type.typeId, type.brand);
        const at = ptr + slot;
        return (
          existingStruct(m, s, at, c.meta.dataWords, c.meta.pointerCount, c.Builder) ??
          reg.initStructWithDefault(m, s, at, c, valueBytes(def))
        );
      };
    }
    case 'list': {
      let c: ListClasses | undefined;
      return (m, s, _v, _d, _ds, ptr) => {
        c ??= reg.listClasses(type);
        const at = ptr + slot;
        return (
          existingList(m, s, at, c.shape, c.Builder) ??
          reg.initListWithDefault(m, s, at, c, valueBytes(def))
        );
      };
    }
    case 'anyPointer':
      return (m, s, _v, _d, _ds, ptr) => new AnyPointerBuilder(reg, m, s, ptr + slot);
    default:
      throw new Error(`not a pointer type: ${type.which} (${f.name})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Groups: a view of the same struct through the group's classes.

/** The reader of a group field. */
export function groupRead(classes: () => StructClasses): FieldRead {
  return (m, s, _v, data, dataBytes, ptr, ptrCount, nesting) =>
    new (classes().Reader)(m, s, data, dataBytes, ptr, ptrCount, nesting);
}

/** The builder-side reader of a group field. */
export function groupBuild(classes: () => StructClasses): FieldBuild {
  return (m, s, _v, data, dataBytes, ptr, ptrCount) =>
    new (classes().Builder)(m, s, data, dataBytes, ptr, ptrCount);
}
