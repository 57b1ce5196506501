/**
 * The schema model: plain typed objects mirroring `schema.capnp`'s Node, Field, Type, Value and
 * friends — what the compiler produces and what the runtime loads. IDs are bigints (64-bit).
 *
 * `null` means "pointer not set" wherever the reference distinguishes a null pointer from an
 * empty list or struct (that difference is visible in the CodeGeneratorRequest bytes).
 */

/** A schema node: a file, struct (or group), enum, interface, const or annotation. */
export type Node = NodeCommon &
  (
    | { readonly which: 'file' }
    | { readonly which: 'struct'; readonly struct: StructNode }
    | { readonly which: 'enum'; readonly enum: EnumNode }
    | { readonly which: 'interface'; readonly interface: InterfaceNode }
    | { readonly which: 'const'; readonly const: ConstNode }
    | { readonly which: 'annotation'; readonly annotation: AnnotationNode }
  );

/** What every node has. */
export interface NodeCommon {
  id: bigint;
  displayName: string;
  displayNamePrefixLength: number;
  /** The lexical parent; 0 for files and for auto-generated param/result structs. */
  scopeId: bigint;
  /** Declared nested nodes (null for groups and param structs). */
  nestedNodes: NestedNode[] | null;
  annotations: Annotation[] | null;
  /** Generic parameters this node itself declares (null if none). */
  parameters: Parameter[] | null;
  /** True if this node or any lexical ancestor declares generic parameters. */
  isGeneric: boolean;
}

export interface NestedNode {
  name: string;
  id: bigint;
}

export interface Parameter {
  name: string;
}

export interface StructNode {
  dataWordCount: number;
  pointerCount: number;
  /** Always `inlineComposite` (7) for compiled structs. */
  preferredListEncoding: number;
  isGroup: boolean;
  discriminantCount: number;
  /** In 16-bit units. */
  discriminantOffset: number;
  fields: Field[] | null;
}

/** `Field.discriminantValue` of a field that is not in a union. */
export const NO_DISCRIMINANT = 0xffff;

export type Field = FieldCommon &
  (
    | { readonly which: 'slot'; readonly slot: FieldSlot }
    | { readonly which: 'group'; readonly group: { typeId: bigint } }
  );

export interface FieldCommon {
  name: string;
  codeOrder: number;
  annotations: Annotation[] | null;
  discriminantValue: number;
  /** The explicit `@n`, or null for groups and unions without one. */
  ordinal: number | null;
}

export interface FieldSlot {
  /** In units of the field's own size (bits for Bool, pointer index for pointers). */
  offset: number;
  type: Type;
  defaultValue: Value;
  hadExplicitDefault: boolean;
}

export interface EnumNode {
  enumerants: Enumerant[];
}

export interface Enumerant {
  name: string;
  codeOrder: number;
  annotations: Annotation[] | null;
}

export interface InterfaceNode {
  methods: Method[];
  superclasses: Superclass[];
}

export interface Superclass {
  id: bigint;
  brand: Brand | null;
}

export interface Method {
  name: string;
  codeOrder: number;
  implicitParameters: Parameter[];
  paramStructType: bigint;
  paramBrand: Brand | null;
  resultStructType: bigint;
  resultBrand: Brand | null;
  annotations: Annotation[] | null;
}

export interface ConstNode {
  type: Type;
  value: Value;
}

/** The targets an annotation may be applied to. */
export const ANNOTATION_TARGETS = [
  'file',
  'const',
  'enum',
  'enumerant',
  'struct',
  'field',
  'union',
  'group',
  'interface',
  'method',
  'param',
  'annotation',
] as const;
export type AnnotationTargetName = (typeof ANNOTATION_TARGETS)[number];

export interface AnnotationNode {
  type: Type;
  targets: Record<AnnotationTargetName, boolean>;
}

/** The types without parameters: everything but lists, enums, structs, interfaces, AnyPointer. */
export type PrimitiveTypeName =
  | 'void'
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'text'
  | 'data';

/** A type, as `schema.Type`. */
export type Type =
  | { readonly which: PrimitiveTypeName }
  | { readonly which: 'list'; readonly elementType: Type }
  | {
      readonly which: 'enum' | 'struct' | 'interface';
      readonly typeId: bigint;
      readonly brand: Brand | null;
    }
  | { readonly which: 'anyPointer'; readonly anyPointer: AnyPointerType };

export type AnyPointerType =
  | {
      readonly which: 'unconstrained';
      readonly kind: 'anyKind' | 'struct' | 'list' | 'capability';
    }
  | { readonly which: 'parameter'; readonly scopeId: bigint; readonly parameterIndex: number }
  | { readonly which: 'implicitMethodParameter'; readonly parameterIndex: number };

/** Generic parameter bindings; `scopes` innermost first (null when the struct is empty). */
export interface Brand {
  scopes: BrandScope[] | null;
}

export type BrandScope =
  | { readonly scopeId: bigint; readonly which: 'bind'; readonly bind: Binding[] }
  | { readonly scopeId: bigint; readonly which: 'inherit' };

export type Binding =
  | { readonly which: 'unbound' }
  | { readonly which: 'type'; readonly type: Type };

/**
 * A value, as `schema.Value`. Pointer values (text, data, list, struct, anyPointer) are null
 * when the pointer is null. Text keeps its exact bytes (without the NUL): a literal may contain
 * escapes that are not UTF-8. List, struct and anyPointer contents are encoded messages:
 * one segment whose first word is the root pointer, in the reference's layout.
 */
export type Value =
  | { readonly which: 'void' }
  | { readonly which: 'bool'; readonly value: boolean }
  | {
      readonly which: 'int8' | 'int16' | 'int32' | 'uint8' | 'uint16' | 'uint32' | 'enum';
      readonly value: number;
    }
  | { readonly which: 'int64' | 'uint64'; readonly value: bigint }
  | { readonly which: 'float32' | 'float64'; readonly value: number }
  | { readonly which: 'text' | 'data'; readonly value: Uint8Array | null }
  | { readonly which: 'list' | 'struct' | 'anyPointer'; readonly value: Uint8Array | null }
  | { readonly which: 'interface' };

export interface Annotation {
  id: bigint;
  /** The reference always writes a (possibly empty) brand here. */
  brand: Brand;
  value: Value;
}

/** Doc comments of a node and of its members (fields, enumerants or methods). */
export interface SourceInfo {
  id: bigint;
  docComment: string | null;
  members: { docComment: string | null }[] | null;
}

export interface RequestedFile {
  id: bigint;
  filename: string;
  imports: { id: bigint; name: string }[];
}

/** What `capnp compile -o-` writes: everything a code generator needs. */
export interface CodeGeneratorRequest {
  capnpVersion: { major: number; minor: number; micro: number };
  nodes: Node[];
  sourceInfo: SourceInfo[];
  requestedFiles: RequestedFile[];
}

/** The reference version whose output this compiler reproduces. */
export const CAPNP_VERSION = Object.freeze({ major: 0, minor: 9, micro: 2 });
