import type { Type } from '@capnp-kit/compiler/schema';
import { ListBuilderBase, ListReaderBase } from './list-base.js';
import { StructBuilderBase, StructReaderBase, whichOf } from './struct-base.js';
import type { FieldInfo, StructInfo } from './struct-info.js';

/** How {@link toObject} presents values that have more than one natural JavaScript form. */
export interface ToObjectOptions {
  /** Int64/UInt64 as `bigint` (default), decimal `string`, or `number` (may lose precision). */
  int64: 'bigint' | 'string' | 'number';
  /** Data as a copied `Uint8Array` (default), a `base64` string, or an `array` of numbers. */
  data: 'uint8array' | 'base64' | 'array';
  /** Enums as enumerant `name`s (default) or `ordinal` numbers. */
  enums: 'name' | 'ordinal';
}

const DEFAULTS: ToObjectOptions = { int64: 'bigint', data: 'uint8array', enums: 'name' };

type Struct = StructReaderBase | StructBuilderBase;

/**
 * A struct as a plain object (pycapnp's `to_dict`): every data field, every pointer field that
 * is set (non-null), the active union member (even if it is an unset pointer), groups as nested
 * objects, lists as arrays. Unset pointer fields are left out, as pycapnp and `capnp convert
 * binary:text`/`binary:json` leave them out: reading them would give their defaults, which
 * for a struct that contains itself never end, and on a builder would allocate them.
 * The result shares nothing with the message, except AnyPointer fields: with no type to read them
 * as, they come out as AnyPointerReader views (use `getAs(T)`).
 */
export function toObject(
  struct: Struct,
  options?: Partial<ToObjectOptions>,
): Record<string, unknown> {
  return structObject(struct, { ...DEFAULTS, ...options });
}

function structObject(s: Struct, o: ToObjectOptions): Record<string, unknown> {
  const info: StructInfo = s.$meta.info;
  const enums = s.$meta.enumInfo;
  const out: Record<string, unknown> = {};
  const record = s as unknown as Record<string, unknown>;
  const add = (f: FieldInfo) => {
    out[f.name] = value(record[f.name], f.type, o, enums);
  };
  const meta = s.$meta;
  for (const f of info.fields) {
    if (f.inUnion) continue;
    // `has` is true for data fields and groups, and for pointer fields that are non-null.
    if (meta.has(s, f)) add(f);
  }
  const active = whichOf(s, info);
  if (active !== undefined) {
    const f = info.byName.get(active);
    if (f !== undefined) add(f);
  }
  return out;
}

type EnumLookup = (id: bigint) => { readonly ordinals: ReadonlyMap<string, number> };

function value(v: unknown, type: Type | undefined, o: ToObjectOptions, enums: EnumLookup): unknown {
  if (v instanceof StructReaderBase || v instanceof StructBuilderBase) return structObject(v, o);
  if (v instanceof ListReaderBase || v instanceof ListBuilderBase) {
    const element = type?.which === 'list' ? type.elementType : undefined;
    return v.toArray().map((x) => value(x, element, o, enums));
  }
  if (typeof v === 'bigint') {
    if (o.int64 === 'string') return v.toString();
    if (o.int64 === 'number') return Number(v);
    return v;
  }
  if (v instanceof Uint8Array) {
    if (o.data === 'base64') return base64(v);
    if (o.data === 'array') return Array.from(v);
    return v.slice();
  }
  // Unknown enumerants (from newer schemas) are already numbers.
  if (type?.which === 'enum' && o.enums === 'ordinal' && typeof v === 'string') {
    return enums(type.typeId).ordinals.get(v) ?? v;
  }
  return v;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2];
    out += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : B64[c & 63];
  }
  return out;
}
