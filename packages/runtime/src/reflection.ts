import {
  type Annotation,
  type Brand,
  type Field,
  NO_DISCRIMINANT,
  type Node,
  shortName,
  substitute,
  type Type,
  typeName,
} from '@capnp-kit/compiler/schema';
import type { Registry } from './registry.js';

/**
 * Reflection: what `T.schema` (and `E.schema`, `Module.schema`, `I.schema`) tells about a loaded
 * declaration, in the spirit of pycapnp's `schema.fields` / `union_fields` / `enumerants`. Each
 * schema object has the schema node as its prototype, so every node property (`id`,
 * `displayName`, `struct.fields`, `nestedNodes`, …) reads as on the node; the raw node is
 * also `schema.node`.
 */

/** An annotation applied to a declaration, field, enumerant or method, with its value. */
export interface AnnotationValue {
  readonly id: bigint;
  /** The annotation's name (e.g. `namespace`), if its declaration is loaded. */
  readonly name: string | undefined;
  /** The value, as the runtime presents values of the annotation's type. */
  readonly value: unknown;
}

/** A field of a struct (or group). */
export interface FieldSchema {
  readonly name: string;
  /** Position in the struct's fields (code order). */
  readonly index: number;
  /** The `@N` ordinal; undefined for groups and unions' own fields without one. */
  readonly ordinal: number | undefined;
  /** The union discriminant value; undefined outside a union. */
  readonly discriminant: number | undefined;
  readonly isGroup: boolean;
  /** The field's type, with the struct's generic bindings applied (undefined for groups). */
  readonly type: Type | undefined;
  /** The type as the schema language writes it (`List(Text)`, `Person`, `group`). */
  readonly typeName: string;
  /** The schema of the group (groups only). */
  readonly group: StructSchema | undefined;
  readonly annotations: readonly AnnotationValue[];
  readonly field: Field;
}

/** Reflection of a struct type. */
export type StructSchema = Node & { readonly which: 'struct' } & {
  readonly node: Node & { which: 'struct' };
  /** The short name (`PhoneNumber`). */
  readonly name: string;
  /** The generic bindings this type was made with (null if none). */
  readonly brand: Brand | null;
  /** Fields by name, in code order. */
  readonly fields: Readonly<Record<string, FieldSchema>>;
  readonly fieldNames: readonly string[];
  /** Names of the members of the struct's unnamed union. */
  readonly unionFields: readonly string[];
  readonly nonUnionFields: readonly string[];
  readonly annotations: readonly AnnotationValue[];
};

/** An enumerant of an enum. */
export interface EnumerantSchema {
  readonly name: string;
  readonly ordinal: number;
  readonly annotations: readonly AnnotationValue[];
}

/** Reflection of an enum. */
export type EnumSchema = Node & { readonly which: 'enum' } & {
  readonly node: Node & { which: 'enum' };
  readonly name: string;
  readonly enumerants: readonly EnumerantSchema[];
  readonly annotations: readonly AnnotationValue[];
};

/** A method of an interface. */
export interface MethodSchema {
  readonly name: string;
  readonly ordinal: number;
  /** The struct type IDs of the parameter and result lists. */
  readonly paramStructType: bigint;
  readonly resultStructType: bigint;
  readonly annotations: readonly AnnotationValue[];
}

/** Reflection of an interface. */
export type InterfaceSchema = Node & { readonly which: 'interface' } & {
  readonly node: Node & { which: 'interface' };
  readonly name: string;
  /** Methods by name, in ordinal order. */
  readonly methods: Readonly<Record<string, MethodSchema>>;
  /** IDs of the interfaces this one extends. */
  readonly superclasses: readonly bigint[];
  readonly annotations: readonly AnnotationValue[];
};

/** Reflection of any other declaration (file, constant, annotation). */
export type DeclarationSchema = Node & {
  readonly node: Node;
  readonly name: string;
  readonly annotations: readonly AnnotationValue[];
};

/** Turns an annotation's schema value into a runtime value (see TypeObjects.constValue). */
export type AnnotationDecoder = (a: Annotation) => unknown;

/** Builds reflection objects for the nodes of a registry. */
export class Reflection {
  constructor(
    readonly registry: Registry,
    readonly decode: AnnotationDecoder,
  ) {}

  annotations(list: readonly Annotation[] | null | undefined): readonly AnnotationValue[] {
    return Object.freeze(
      (list ?? []).map((a) => {
        const node = this.registry.has(a.id) ? this.registry.node(a.id) : undefined;
        return Object.freeze({
          id: a.id,
          name: node === undefined ? undefined : shortName(node),
          value: this.decode(a),
        });
      }),
    );
  }

  #typeName(type: Type): string {
    return typeName(type, (id) => (this.registry.has(id) ? this.registry.node(id) : undefined));
  }

  /** Reflection of struct `node` with `brand`. */
  struct(node: Node & { which: 'struct' }, brand: Brand | null): StructSchema {
    const fields: Record<string, FieldSchema> = {};
    (node.struct.fields ?? []).forEach((field, index) => {
      const type = field.which === 'slot' ? substitute(field.slot.type, brand) : undefined;
      const reflection = this;
      let group: StructSchema | undefined;
      fields[field.name] = Object.freeze({
        name: field.name,
        index,
        ordinal: field.ordinal ?? undefined,
        discriminant:
          field.discriminantValue === NO_DISCRIMINANT ? undefined : field.discriminantValue,
        isGroup: field.which === 'group',
        type,
        typeName: type === undefined ? 'group' : this.#typeName(type),
        get group(): StructSchema | undefined {
          if (field.which !== 'group') return undefined;
          const g = reflection.registry.node(field.group.typeId);
          group ??= g.which === 'struct' ? reflection.struct(g, brand) : undefined;
          return group;
        },
        annotations: this.annotations(field.annotations),
        field,
      });
    });
    const all = Object.values(fields);
    return withNode(node, {
      name: shortName(node),
      brand,
      fields: Object.freeze(fields),
      fieldNames: Object.freeze(all.map((f) => f.name)),
      unionFields: Object.freeze(
        all.filter((f) => f.discriminant !== undefined).map((f) => f.name),
      ),
      nonUnionFields: Object.freeze(
        all.filter((f) => f.discriminant === undefined).map((f) => f.name),
      ),
      annotations: this.annotations(node.annotations),
    }) as StructSchema;
  }

  /** Reflection of enum `node`. */
  enum(node: Node & { which: 'enum' }): EnumSchema {
    return withNode(node, {
      name: shortName(node),
      enumerants: Object.freeze(
        node.enum.enumerants.map((e, ordinal) =>
          Object.freeze({ name: e.name, ordinal, annotations: this.annotations(e.annotations) }),
        ),
      ),
      annotations: this.annotations(node.annotations),
    }) as EnumSchema;
  }

  /** Reflection of interface `node`. */
  interface(node: Node & { which: 'interface' }): InterfaceSchema {
    const methods: Record<string, MethodSchema> = {};
    node.interface.methods.forEach((m, ordinal) => {
      methods[m.name] = Object.freeze({
        name: m.name,
        ordinal,
        paramStructType: m.paramStructType,
        resultStructType: m.resultStructType,
        annotations: this.annotations(m.annotations),
      });
    });
    return withNode(node, {
      name: shortName(node),
      methods: Object.freeze(methods),
      superclasses: Object.freeze(node.interface.superclasses.map((s) => s.id)),
      annotations: this.annotations(node.annotations),
    }) as InterfaceSchema;
  }

  /** Reflection of any other node. */
  other(node: Node): DeclarationSchema {
    return withNode(node, {
      name: shortName(node),
      annotations: this.annotations(node.annotations),
    }) as DeclarationSchema;
  }
}

// An object with the node as prototype (node properties read through) and `extra` as own,
// read-only properties.
function withNode(node: Node, extra: Record<string, unknown>): object {
  const schema = Object.create(node) as Record<string, unknown>;
  Object.defineProperty(schema, 'node', { value: node, enumerable: false });
  for (const [key, value] of Object.entries(extra))
    Object.defineProperty(schema, key, { value, enumerable: true });
  return Object.freeze(schema);
}
