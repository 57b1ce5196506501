import { type Field, lgSizeOf, type Node, type Type, type Value } from '@capnp-kit/compiler/schema';

/** Finds a schema node by ID (undefined when the schema at hand does not have it). */
export type NodeLookup = (id: bigint) => Node | undefined;

/** A field stored in a struct's sections, named by its path from the struct (`employment.school`). */
export interface PlacedField {
  readonly path: string;
  readonly type: Type;
  /** In units of the field's size: bits for Bool, pointer index for pointers. */
  readonly offset: number;
  readonly defaultValue: Value;
}

/** A union's tag, as stored in the data section. */
export interface PlacedTag {
  /** The group holding the union ('' for the struct's own). */
  readonly path: string;
  /** In 16-bit units. */
  readonly offset: number;
  /** The active member's name, or its number when the schema has no member with that tag. */
  readonly active: string;
}

/** The fields of a struct value that are stored: the non-union ones and the active members. */
export interface StructLayout {
  readonly fields: readonly PlacedField[];
  readonly tags: readonly PlacedTag[];
  /** Union members not active, whose slots the active member may leave unused. */
  readonly inactive: readonly PlacedField[];
}

/**
 * The stored fields of a struct value: every non-union field and, in each union, only the
 * active member (read from `readTag`, the u16 at a data-section offset), with groups flattened
 * into dotted paths. Union members share storage, so showing only the active one is what makes
 * a word's annotation true.
 */
export function structLayout(
  node: Node,
  lookup: NodeLookup,
  readTag: (offset16: number) => number,
): StructLayout {
  const fields: PlacedField[] = [];
  const tags: PlacedTag[] = [];
  const inactive: PlacedField[] = [];
  const visit = (group: Node, prefix: string, depth: number, into: PlacedField[]): void => {
    if (group.which !== 'struct' || depth > 32) return;
    const all = group.struct.fields ?? [];
    const hasUnion = group.struct.discriminantCount > 0;
    const tag = hasUnion ? readTag(group.struct.discriminantOffset) : -1;
    if (hasUnion) {
      const member = all.find((f) => f.discriminantValue === tag);
      tags.push({
        path: prefix.slice(0, -1),
        offset: group.struct.discriminantOffset,
        active: member?.name ?? String(tag),
      });
    }
    for (const field of all) {
      const active = field.discriminantValue === 0xffff || field.discriminantValue === tag;
      place(field, prefix, depth, active ? into : inactive);
    }
  };
  const place = (field: Field, prefix: string, depth: number, into: PlacedField[]): void => {
    const path = `${prefix}${field.name}`;
    if (field.which === 'group') {
      const group = lookup(field.group.typeId);
      if (group !== undefined) visit(group, `${path}.`, depth + 1, into);
      return;
    }
    const { type, offset, defaultValue } = field.slot;
    if (type.which !== 'void') into.push({ path, type, offset, defaultValue });
  };
  visit(node, '', 0, fields);
  return { fields, tags, inactive };
}

/** True for types stored in the pointer section. */
export function isPointerType(type: Type): boolean {
  return lgSizeOf(type) === -2;
}

/** Width in bits of a data-section type (0 for Void; pointers have none). */
export function bitsOf(type: Type): number {
  const lg = lgSizeOf(type);
  return lg < 0 ? 0 : 1 << lg;
}

// The default's bits, laid out as the field is, so that stored bits XOR default = value.
function writeDefault(view: DataView, type: Type, value: Value): void {
  if (value.which !== type.which && !(type.which === 'enum' && value.which === 'enum')) return;
  const v = (value as { value?: unknown }).value;
  switch (type.which) {
    case 'bool':
      view.setUint8(0, v ? 1 : 0);
      break;
    case 'int8':
    case 'uint8':
      view.setUint8(0, Number(v) & 0xff);
      break;
    case 'int16':
    case 'uint16':
    case 'enum':
      view.setUint16(0, Number(v) & 0xffff, true);
      break;
    case 'int32':
    case 'uint32':
      view.setUint32(0, Number(v) >>> 0, true);
      break;
    case 'float32':
      view.setFloat32(0, Number(v), true);
      break;
    case 'float64':
      view.setFloat64(0, Number(v), true);
      break;
    case 'int64':
    case 'uint64':
      view.setBigUint64(0, BigInt.asUintN(64, v as bigint), true);
      break;
    default:
      break;
  }
}

/**
 * The value of data field `field` of a struct whose data section is `data` (its bytes), shown
 * as the text format would show it. Fields past the end of the section (a message written with
 * an older schema) read as their defaults, as the encoding rules say.
 */
export function formatDataField(data: Uint8Array, field: PlacedField, lookup: NodeLookup): string {
  const bits = bitsOf(field.type);
  const bitOffset = field.offset * bits;
  const stored = new DataView(new ArrayBuffer(8));
  const fallback = new DataView(new ArrayBuffer(8));
  writeDefault(fallback, field.type, field.defaultValue);
  if (bitOffset + bits <= data.length * 8) {
    if (bits === 1) {
      stored.setUint8(0, ((data[bitOffset >> 3] as number) >> (bitOffset & 7)) & 1);
    } else {
      for (let i = 0; i < bits / 8; i++) stored.setUint8(i, data[bitOffset / 8 + i] as number);
    }
  }
  for (let i = 0; i < 8; i++) stored.setUint8(i, stored.getUint8(i) ^ fallback.getUint8(i));
  return formatBits(stored, field.type, lookup);
}

/** Formats the value whose bits start `stored` (little-endian), typed `type`. */
export function formatBits(stored: DataView, type: Type, lookup: NodeLookup): string {
  switch (type.which) {
    case 'bool':
      return stored.getUint8(0) & 1 ? 'true' : 'false';
    case 'int8':
      return String(stored.getInt8(0));
    case 'uint8':
      return String(stored.getUint8(0));
    case 'int16':
      return String(stored.getInt16(0, true));
    case 'uint16':
      return String(stored.getUint16(0, true));
    case 'int32':
      return String(stored.getInt32(0, true));
    case 'uint32':
      return String(stored.getUint32(0, true));
    case 'int64':
      return String(stored.getBigInt64(0, true));
    case 'uint64':
      return String(stored.getBigUint64(0, true));
    case 'float32':
      return String(stored.getFloat32(0, true));
    case 'float64':
      return String(stored.getFloat64(0, true));
    case 'enum': {
      const ordinal = stored.getUint16(0, true);
      const node = lookup(type.typeId);
      const name = node?.which === 'enum' ? node.enum.enumerants[ordinal]?.name : undefined;
      return name ?? String(ordinal);
    }
    default:
      return '';
  }
}
