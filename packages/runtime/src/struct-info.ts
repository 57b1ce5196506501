import {
  type Brand,
  type Field,
  NO_DISCRIMINANT,
  type Node,
  substitute,
  type Type,
} from '@capnp-kit/compiler/schema';

/** A struct (or group) node. */
export type StructNode = Node & { which: 'struct' };

/** What the runtime knows about one field of a struct or group, with generics applied. */
export interface FieldInfo {
  readonly name: string;
  readonly field: Field;
  /** The field's type with the struct's generic bindings applied (slots only). */
  readonly type: Type | undefined;
  /** The group node (groups only). */
  readonly groupId: bigint | undefined;
  /** `discriminantValue`, or NO_DISCRIMINANT if the field is not in a union. */
  readonly discriminant: number;
  readonly inUnion: boolean;
}

/**
 * What the runtime knows about a struct or group: its fields by name and by discriminant, and
 * where its union's discriminant lives. Shared by the reader and builder classes of the node.
 */
export interface StructInfo {
  readonly node: StructNode;
  readonly brand: Brand | null;
  readonly fields: readonly FieldInfo[];
  readonly byName: ReadonlyMap<string, FieldInfo>;
  /** Union members indexed by discriminant value. */
  readonly unionFields: readonly FieldInfo[];
  readonly nonUnionFields: readonly FieldInfo[];
  /** Byte offset of the discriminant in the data section, or -1 without a union. */
  readonly discriminantByte: number;
}

/** Builds the field tables of a struct or group node with `brand` applied. */
export function structInfo(node: StructNode, brand: Brand | null): StructInfo {
  const fields = (node.struct.fields ?? []).map((field): FieldInfo => {
    const discriminant = field.discriminantValue;
    return {
      name: field.name,
      field,
      type: field.which === 'slot' ? substitute(field.slot.type, brand) : undefined,
      groupId: field.which === 'group' ? field.group.typeId : undefined,
      discriminant,
      inUnion: discriminant !== NO_DISCRIMINANT,
    };
  });
  const unionFields: FieldInfo[] = [];
  for (const f of fields) if (f.inUnion) unionFields[f.discriminant] = f;
  return {
    node,
    brand,
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    unionFields,
    nonUnionFields: fields.filter((f) => !f.inUnion),
    discriminantByte: node.struct.discriminantCount > 0 ? node.struct.discriminantOffset * 2 : -1,
  };
}
