import type { Type, Value } from '@capnp-kit/compiler/schema';
import {
  clearPointer,
  type ElementSize,
  initStructPointer,
  readCapabilityPointer,
  readDataPointer,
  readListPointer,
  readStructPointer,
  readTextPointer,
  setCapabilityPointer,
  setDataPointer,
  setTextPointer,
} from '@capnp-kit/wire';
import { AnyPointerBuilder, AnyPointerReader } from './any-pointer.js';
import { existingList, existingStruct } from './builder-pointers.js';
import { CapnpError } from './errors.js';
import type { ListClasses, Registry, StructClasses } from './registry.js';
import type { StructBuilderBase, StructReaderBase } from './struct-base.js';
import type { FieldInfo, StructInfo } from './struct-info.js';
import { decodeUtf8, valueBytes } from './value-bytes.js';
import { toBigInt, toBool, toData, toEnum, toFloat, toSmallInt, toText, toVoid } from './values.js';

/**
 * Property accessors for struct fields, built once per struct type. Each is a closure over the
 * field's constant offsets and default, so a read is one bounds check and one DataView access:
 * no allocation for scalar fields, no lookups by name.
 */

type Getter = (this: StructReaderBase) => unknown;
type BuilderGetter = (this: StructBuilderBase) => unknown;
type Setter = (this: StructBuilderBase, value: unknown) => void;

const scratch = new DataView(new ArrayBuffer(8));

/** The raw bits a default value stores, for XOR (encoding spec: data fields XOR defaults). */
export function defaultBits(v: Value): bigint {
  switch (v.which) {
    case 'bool':
      return v.value ? 1n : 0n;
    case 'int8':
      return BigInt.asUintN(8, BigInt(v.value));
    case 'int16':
      return BigInt.asUintN(16, BigInt(v.value));
    case 'int32':
      return BigInt.asUintN(32, BigInt(v.value));
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'enum':
      return BigInt(v.value);
    case 'int64':
      return BigInt.asUintN(64, v.value);
    case 'uint64':
      return v.value;
    case 'float32':
      scratch.setFloat32(0, v.value, true);
      return BigInt(scratch.getUint32(0, true));
    case 'float64':
      scratch.setFloat64(0, v.value, true);
      return scratch.getBigUint64(0, true);
    default:
      return 0n;
  }
}

function inactive(
  info: StructInfo,
  f: FieldInfo,
  s: StructReaderBase | StructBuilderBase,
): CapnpError {
  const d =
    s._dataBytes >= info.discriminantByte + 2
      ? s._view.getUint16(s._dataByte + info.discriminantByte, true)
      : 0;
  const active = info.unionFields[d]?.name ?? `#${d}`;
  return new CapnpError(
    'inactive-union-member',
    `${f.name} is not the active member of the union of ${info.node.displayName} (which() is '${active}').`,
  );
}

/** Wraps `get` so that reading an inactive union member throws. */
function unionChecked<T extends StructReaderBase | StructBuilderBase>(
  info: StructInfo,
  f: FieldInfo,
  get: (this: T) => unknown,
) {
  const at = info.discriminantByte;
  const end = at + 2;
  const value = f.discriminant;
  return function (this: T): unknown {
    const d = this._dataBytes >= end ? this._view.getUint16(this._dataByte + at, true) : 0;
    if (d !== value) throw inactive(info, f, this);
    return get.call(this);
  };
}

/** Sets the union discriminant so that `f` is the active member (no-op outside unions). */
export function setInUnion(info: StructInfo, f: FieldInfo, s: StructBuilderBase): void {
  if (f.inUnion) s._view.setUint16(s._dataByte + info.discriminantByte, f.discriminant, true);
}

// ---------------------------------------------------------------------------------------------
// Data fields (shared by readers and builders: both have view/dataByte/dataBytes)

/** A getter for a data field of `type` at `offset` (units of its size) with default `def`. */
export function dataGetter(
  type: Type,
  offset: number,
  def: Value,
  names?: readonly string[],
): Getter {
  const d = defaultBits(def);
  switch (type.which) {
    case 'void':
      return () => null;
    case 'bool': {
      const byte = offset >>> 3;
      const mask = 1 << (offset & 7);
      const dv = d !== 0n;
      return function () {
        return this._dataBytes > byte
          ? ((this._view.getUint8(this._dataByte + byte) & mask) !== 0) !== dv
          : dv;
      };
    }
    case 'int8': {
      const dn = Number(d);
      const dd = (dn << 24) >> 24;
      return function () {
        return this._dataBytes > offset
          ? ((this._view.getUint8(this._dataByte + offset) ^ dn) << 24) >> 24
          : dd;
      };
    }
    case 'uint8': {
      const dn = Number(d);
      return function () {
        return this._dataBytes > offset ? this._view.getUint8(this._dataByte + offset) ^ dn : dn;
      };
    }
    case 'int16': {
      const byte = offset * 2;
      const dn = Number(d);
      const dd = (dn << 16) >> 16;
      return function () {
        return this._dataBytes >= byte + 2
          ? ((this._view.getUint16(this._dataByte + byte, true) ^ dn) << 16) >> 16
          : dd;
      };
    }
    case 'uint16': {
      const byte = offset * 2;
      const dn = Number(d);
      return function () {
        return this._dataBytes >= byte + 2
          ? this._view.getUint16(this._dataByte + byte, true) ^ dn
          : dn;
      };
    }
    case 'enum': {
      const byte = offset * 2;
      const dn = Number(d);
      const table = names ?? [];
      return function () {
        const raw =
          this._dataBytes >= byte + 2 ? this._view.getUint16(this._dataByte + byte, true) ^ dn : dn;
        return table[raw] ?? raw;
      };
    }
    case 'int32': {
      const byte = offset * 4;
      const dn = Number(d) | 0;
      if (dn === 0) {
        return function () {
          return this._dataBytes >= byte + 4 ? this._view.getInt32(this._dataByte + byte, true) : 0;
        };
      }
      return function () {
        return this._dataBytes >= byte + 4
          ? this._view.getInt32(this._dataByte + byte, true) ^ dn
          : dn;
      };
    }
    case 'uint32': {
      const byte = offset * 4;
      const dn = Number(d) | 0;
      if (dn === 0) {
        return function () {
          return this._dataBytes >= byte + 4
            ? this._view.getUint32(this._dataByte + byte, true)
            : 0;
        };
      }
      return function () {
        return this._dataBytes >= byte + 4
          ? (this._view.getUint32(this._dataByte + byte, true) ^ dn) >>> 0
          : dn >>> 0;
      };
    }
    case 'float32': {
      const byte = offset * 4;
      const dn = Number(d);
      if (dn === 0) {
        return function () {
          return this._dataBytes >= byte + 4
            ? this._view.getFloat32(this._dataByte + byte, true)
            : 0;
        };
      }
      const fallback = def.which === 'float32' ? def.value : 0;
      return function () {
        if (this._dataBytes < byte + 4) return fallback;
        scratch.setUint32(0, this._view.getUint32(this._dataByte + byte, true) ^ dn, true);
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
          ? function () {
              return this._dataBytes >= byte + 8
                ? this._view.getBigInt64(this._dataByte + byte, true)
                : 0n;
            }
          : function () {
              return this._dataBytes >= byte + 8
                ? this._view.getBigUint64(this._dataByte + byte, true)
                : 0n;
            };
      }
      return function () {
        if (this._dataBytes < byte + 8) return dd;
        const raw = this._view.getBigUint64(this._dataByte + byte, true) ^ d;
        return signed ? BigInt.asIntN(64, raw) : raw;
      };
    }
    case 'float64': {
      const byte = offset * 8;
      if (d === 0n) {
        return function () {
          return this._dataBytes >= byte + 8
            ? this._view.getFloat64(this._dataByte + byte, true)
            : 0;
        };
      }
      const fallback = def.which === 'float64' ? def.value : 0;
      return function () {
        if (this._dataBytes < byte + 8) return fallback;
        scratch.setBigUint64(0, this._view.getBigUint64(this._dataByte + byte, true) ^ d, true);
        return scratch.getFloat64(0, true);
      };
    }
    default:
      throw new Error(`not a data type: ${type.which}`);
  }
}

/** A setter for a data field; values are checked (never wrapped) and stored XOR the default. */
export function dataSetter(
  info: StructInfo,
  f: FieldInfo,
  type: Type,
  offset: number,
  def: Value,
  reg: Registry,
): Setter {
  const d = defaultBits(def);
  const what = `${info.node.displayName}.${f.name}`;
  switch (type.which) {
    case 'void':
      return function (v) {
        toVoid(v, what);
        setInUnion(info, f, this);
      };
    case 'bool': {
      const byte = offset >>> 3;
      const mask = 1 << (offset & 7);
      const dv = d !== 0n;
      return function (v) {
        const b = toBool(v, what) !== dv;
        setInUnion(info, f, this);
        const at = this._dataByte + byte;
        const old = this._view.getUint8(at);
        this._view.setUint8(at, b ? old | mask : old & ~mask);
      };
    }
    case 'int8':
    case 'uint8': {
      const dn = Number(d);
      const kind = type.which;
      return function (v) {
        const n = toSmallInt(v, kind, what);
        setInUnion(info, f, this);
        this._view.setUint8(this._dataByte + offset, (n ^ dn) & 0xff);
      };
    }
    case 'int16':
    case 'uint16': {
      const byte = offset * 2;
      const dn = Number(d);
      const kind = type.which;
      return function (v) {
        const n = toSmallInt(v, kind, what);
        setInUnion(info, f, this);
        this._view.setUint16(this._dataByte + byte, (n ^ dn) & 0xffff, true);
      };
    }
    case 'enum': {
      const byte = offset * 2;
      const dn = Number(d);
      const { names, ordinals } = reg.enumInfo(type.typeId);
      return function (v) {
        const n = toEnum(v, names, ordinals, what);
        setInUnion(info, f, this);
        this._view.setUint16(this._dataByte + byte, (n ^ dn) & 0xffff, true);
      };
    }
    case 'int32':
    case 'uint32': {
      const byte = offset * 4;
      const dn = Number(d);
      const kind = type.which;
      return function (v) {
        const n = toSmallInt(v, kind, what);
        setInUnion(info, f, this);
        this._view.setUint32(this._dataByte + byte, (n ^ dn) >>> 0, true);
      };
    }
    case 'float32': {
      const byte = offset * 4;
      const dn = Number(d);
      return function (v) {
        const x = toFloat(v, what);
        setInUnion(info, f, this);
        if (dn === 0) this._view.setFloat32(this._dataByte + byte, x, true);
        else {
          scratch.setFloat32(0, x, true);
          this._view.setUint32(
            this._dataByte + byte,
            (scratch.getUint32(0, true) ^ dn) >>> 0,
            true,
          );
        }
      };
    }
    case 'int64':
    case 'uint64': {
      const byte = offset * 8;
      const kind = type.which;
      return function (v) {
        const b = toBigInt(v, kind, what);
        setInUnion(info, f, this);
        this._view.setBigUint64(this._dataByte + byte, BigInt.asUintN(64, b) ^ d, true);
      };
    }
    case 'float64': {
      const byte = offset * 8;
      return function (v) {
        const x = toFloat(v, what);
        setInUnion(info, f, this);
        if (d === 0n) this._view.setFloat64(this._dataByte + byte, x, true);
        else {
          scratch.setFloat64(0, x, true);
          this._view.setBigUint64(this._dataByte + byte, scratch.getBigUint64(0, true) ^ d, true);
        }
      };
    }
    default:
      throw new Error(`not a data type: ${type.which}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Pointer fields

/** Lazily resolved classes (types may refer to themselves). */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) value = make();
    return value;
  };
}

/** The element size a list of `classes` is read with. */
function expected(classes: ListClasses): ElementSize {
  return classes.expectedSize;
}

/** A reader getter for a pointer field. */
export function pointerGetter(
  reg: Registry,
  f: FieldInfo,
  type: Type,
  index: number,
  def: Value,
): Getter {
  switch (type.which) {
    case 'text': {
      const fallback = def.which === 'text' && def.value !== null ? decodeUtf8(def.value) : '';
      return function () {
        if (index >= this._pointerCount) return fallback;
        return (
          readTextPointer(this._message, this._segment, this._pointerByte + index * 8) ?? fallback
        );
      };
    }
    case 'data': {
      const fallback = def.which === 'data' && def.value !== null ? def.value : new Uint8Array(0);
      return function () {
        if (index >= this._pointerCount) return fallback;
        return (
          readDataPointer(this._message, this._segment, this._pointerByte + index * 8) ?? fallback
        );
      };
    }
    case 'struct': {
      const classes = lazy(() => reg.structClasses(type.typeId, type.brand));
      const fallback = lazy(() => reg.defaultStruct(classes(), valueBytes(def)));
      return function () {
        if (index < this._pointerCount) {
          const r = readStructPointer(
            this._message,
            this._segment,
            this._pointerByte + index * 8,
            this._nesting,
            classes().Reader,
          );
          if (r !== null) return r;
        }
        return fallback();
      };
    }
    case 'list': {
      const classes = lazy(() => reg.listClasses(type));
      const fallback = lazy(() => reg.defaultList(classes(), valueBytes(def)));
      return function () {
        if (index < this._pointerCount) {
          const c = classes();
          const r = readListPointer(
            this._message,
            this._segment,
            this._pointerByte + index * 8,
            this._nesting,
            expected(c),
            c.Reader,
          );
          if (r !== null) return r;
        }
        return fallback();
      };
    }
    case 'anyPointer':
      return function () {
        return new AnyPointerReader(
          reg,
          this._message,
          this._segment,
          index < this._pointerCount ? this._pointerByte + index * 8 : -1,
          this._nesting,
        );
      };
    case 'interface':
      return function () {
        if (index >= this._pointerCount) return null;
        const i = readCapabilityPointer(
          this._message,
          this._segment,
          this._pointerByte + index * 8,
        );
        return i === null ? null : (this._message.capTable[i] ?? null);
      };
    default:
      throw new Error(`not a pointer type: ${type.which} (${f.name})`);
  }
}

/** A builder getter for a pointer field: struct fields are initialized (with their default) on first access. */
export function pointerBuilderGetter(
  reg: Registry,
  f: FieldInfo,
  type: Type,
  index: number,
  def: Value,
): BuilderGetter {
  switch (type.which) {
    case 'text': {
      const fallback = def.which === 'text' && def.value !== null ? decodeUtf8(def.value) : '';
      return function () {
        return (
          readTextPointer(this._reader, this._segment, this._pointerByte + index * 8) ?? fallback
        );
      };
    }
    case 'data': {
      const fallback = def.which === 'data' && def.value !== null ? def.value : new Uint8Array(0);
      return function () {
        return (
          readDataPointer(this._reader, this._segment, this._pointerByte + index * 8) ?? fallback
        );
      };
    }
    case 'interface':
      return function () {
        const i = readCapabilityPointer(this._reader, this._segment, this._pointerByte + index * 8);
        return i === null ? null : (this._message.capTable[i] ?? null);
      };
    case 'struct': {
      const classes = lazy(() => reg.structClasses(type.typeId, type.brand));
      return function () {
        const c = classes();
        const at = this._pointerByte + index * 8;
        return (
          existingStruct(
            this._message,
            this._segment,
            at,
            c.meta.dataWords,
            c.meta.pointerCount,
            c.Builder,
          ) ?? reg.initStructWithDefault(this, at, c, valueBytes(def))
        );
      };
    }
    case 'list': {
      const classes = lazy(() => reg.listClasses(type));
      return function () {
        const c = classes();
        const at = this._pointerByte + index * 8;
        return (
          existingList(this._message, this._segment, at, c.shape, c.Builder) ??
          reg.initListWithDefault(this, at, c, valueBytes(def))
        );
      };
    }
    case 'anyPointer':
      return function () {
        return AnyPointerBuilder.of(reg, this, this._pointerByte + index * 8);
      };
    default:
      throw new Error(`not a pointer type: ${type.which} (${f.name})`);
  }
}

/** A setter for a pointer field: takes plain values (strings, arrays, objects) or readers/builders. */
export function pointerSetter(
  reg: Registry,
  info: StructInfo,
  f: FieldInfo,
  type: Type,
  index: number,
): Setter {
  const what = `${info.node.displayName}.${f.name}`;
  switch (type.which) {
    case 'text':
      return function (v) {
        setInUnion(info, f, this);
        const at = this._pointerByte + index * 8;
        if (v === null || v === undefined) clearPointer(this._message, this._segment, at);
        else setTextPointer(this._message, this._segment, at, toText(v, what));
      };
    case 'data':
      return function (v) {
        setInUnion(info, f, this);
        const at = this._pointerByte + index * 8;
        if (v === null || v === undefined) clearPointer(this._message, this._segment, at);
        else setDataPointer(this._message, this._segment, at, toData(v, what));
      };
    case 'struct': {
      const classes = lazy(() => reg.structClasses(type.typeId, type.brand));
      return function (v) {
        setInUnion(info, f, this);
        reg.setStruct(this, this._pointerByte + index * 8, classes(), v, what);
      };
    }
    case 'list': {
      const classes = lazy(() => reg.listClasses(type));
      return function (v) {
        setInUnion(info, f, this);
        reg.setList(this, this._pointerByte + index * 8, classes(), v, what);
      };
    }
    case 'anyPointer':
      return function (v) {
        setInUnion(info, f, this);
        AnyPointerBuilder.of(reg, this, this._pointerByte + index * 8).set(v);
      };
    case 'interface':
      return function (v) {
        setInUnion(info, f, this);
        const at = this._pointerByte + index * 8;
        if (v === null || v === undefined) clearPointer(this._message, this._segment, at);
        else {
          this._message.capTable.push(v);
          setCapabilityPointer(this._message, this._segment, at, this._message.capTable.length - 1);
        }
      };
    default:
      throw new Error(`not a pointer type: ${type.which}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Groups

/** A getter returning the group's view of the same struct. */
export function groupGetter(classes: () => StructClasses, reader: boolean): Getter | BuilderGetter {
  if (reader) {
    return function (this: StructReaderBase) {
      return new (classes().Reader)(
        this._message,
        this._segment,
        this._dataByte,
        this._dataBytes,
        this._pointerByte,
        this._pointerCount,
        this._nesting,
      );
    };
  }
  return function (this: StructBuilderBase) {
    return new (classes().Builder)(
      this._message,
      this._segment,
      this._dataByte,
      this._dataBytes,
      this._pointerByte,
      this._pointerCount,
    );
  };
}

/** Union-checked variants of getters (reading an inactive member throws). */
export { unionChecked };

/** Initializes a fresh struct at a pointer (for `init(name)`). */
export function initStruct(
  b: StructBuilderBase,
  at: number,
  classes: StructClasses,
): StructBuilderBase {
  return initStructPointer(
    b._message,
    b._segment,
    at,
    classes.meta.dataWords,
    classes.meta.pointerCount,
    classes.Builder,
  );
}
