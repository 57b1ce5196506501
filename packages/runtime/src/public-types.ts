import type { BuilderOptions, PointerTargetKind } from '@capnp-kit/wire';
import type { FromJsonOptions } from './json/decode.js';
import type { ReaderOptions } from './read-options.js';
import type { DeclarationSchema, EnumSchema, StructSchema } from './reflection.js';
import type { StreamSource } from './streams/sources.js';
import type { StreamSink } from './streams/write-bytes.js';
import type { FromTextOptions } from './text/parse.js';
import type { ToObjectOptions } from './to-object.js';
import type { TypeToken } from './type-token.js';

/**
 * The static types of loaded schemas: what the declarations generated for `.capnp` files
 * (`capnp-kit types`, the tsserver plugin of `@capnp-kit/ts-plugin`) are written in. Type-only:
 * nothing here exists at run time. Each interface describes the public surface of a runtime
 * class (struct-base.ts, list-base.ts, any-pointer.ts, struct-type.ts) exactly, typed for one
 * schema type; the classes' internal state (`_`-prefixed fields, `$meta`) is left out.
 */

// Never set: a key only the types below can name, so the phantom property below can never be
// read or collide with a field.
declare const valueTypes: unique symbol;

/** How values of one Cap'n Proto type appear: read, built, assigned and in `toObject()`. */
export interface ValueTypes {
  /** What a reader's field (or list element) gives. */
  readonly reader: unknown;
  /** What a builder's field (or list element) gives. */
  readonly builder: unknown;
  /** What a builder's field, a list element and a `newMessage(init)` key accept. */
  readonly init: unknown;
  /** What `toObject()` (default options) gives. */
  readonly object: unknown;
}

/**
 * A type token (see `TypeToken`) that also tells TypeScript how values of its type appear:
 * generic applications (`Box(Text)`) and AnyPointer views (`getAs(Person)`) are typed from it.
 * The property is never present at run time.
 */
export interface TypedToken<V extends ValueTypes = ValueTypes> extends TypeToken {
  readonly [valueTypes]?: V;
}

/** The value types a token stands for (`unknown` throughout for an untyped token). */
export type ValuesOf<T> = T extends TypedToken<infer V extends ValueTypes> ? V : ValueTypes;

/** Data as a builder field, list element or init key accepts it (copied when assigned). */
export type DataInit = Uint8Array | ArrayBuffer | readonly number[] | null;

/** The value types of the built-in types, by schema type name. */
export interface BuiltinValues {
  void: { reader: null; builder: null; init: null; object: null };
  bool: { reader: boolean; builder: boolean; init: boolean; object: boolean };
  int8: NumberValues;
  int16: NumberValues;
  int32: NumberValues;
  uint8: NumberValues;
  uint16: NumberValues;
  uint32: NumberValues;
  float32: NumberValues;
  float64: NumberValues;
  int64: { reader: bigint; builder: bigint; init: number | bigint; object: bigint };
  uint64: { reader: bigint; builder: bigint; init: number | bigint; object: bigint };
  text: { reader: string; builder: string; init: string | null; object: string };
  data: { reader: Uint8Array; builder: Uint8Array; init: DataInit; object: Uint8Array };
  anyPointer: {
    reader: AnyReader;
    builder: AnyBuilder;
    init: AnyInit;
    object: AnyReader | AnyBuilder;
  };
}

/** The value types of AnyPointer (and of generic parameters left unbound). */
export type AnyPointerValues = BuiltinValues['anyPointer'];

/**
 * Numbers up to 32 bits and floats: setters also take a bigint (converted, range-checked), as
 * the runtime's value checks do.
 */
export interface NumberValues {
  reader: number;
  builder: number;
  init: number | bigint;
  object: number;
}

/** The value types of struct type (`R` reader, `B` builder, `I` init object, `O` object). */
export interface StructValues<R, B, I, O> {
  reader: R;
  builder: B;
  init: I | R | B | null;
  object: O;
}

/** The value types of an enum whose enumerant names are `N` (unknown ordinals read as numbers). */
export interface EnumValues<N extends string> {
  reader: N | number;
  builder: N | number;
  init: N | number;
  object: N | number;
}

/** The value types of lists of `E`. */
export interface ListValues<E extends ValueTypes> {
  reader: ListReader<E['reader']>;
  builder: E extends ListValues<ValueTypes>
    ? NestedListBuilder<E['builder'], E['init']>
    : ListBuilder<E['builder'], E['init']>;
  init: ListInit<E['init'], E['reader'], E['builder']>;
  object: E['object'][];
}

/**
 * The value types of an interface: a field holds what was put into the message's capability
 * table (a client `C`, or a server `S` put there by this program); readers of received messages
 * give clients.
 */
export interface CapabilityValues<C, S> {
  reader: C | null;
  builder: C | S | null;
  init: C | S | null;
  object: C | S | null;
}

/** What a list field (or `newMessage` key) accepts: an array-like of element values, or a list. */
export type ListInit<I, R, B> = ArrayLike<I> | ListReader<R> | ListBuilder<B, I> | null;

/** What an AnyPointer field accepts: a struct or list (copied), another AnyPointer, or null. */
export type AnyInit =
  | StructReader
  | StructBuilder
  | ListReader<unknown>
  | ListBuilder<unknown, never>
  | AnyReader
  | AnyBuilder
  | null;

// --------------------------------------------------------------------------------------------
// toObject()

/** Every option of `toObject(options)` resolved to one choice (or a union when not known). */
export interface ToObjectConfig {
  readonly int64: ToObjectOptions['int64'];
  readonly data: ToObjectOptions['data'];
  readonly enums: ToObjectOptions['enums'];
}

/** `toObject()` without options. */
export interface DefaultToObjectConfig {
  readonly int64: 'bigint';
  readonly data: 'uint8array';
  readonly enums: 'name';
}

// An option's value as given (every choice when the option may be undefined adds the default).
type OptionOf<O, K extends keyof ToObjectOptions, D> = K extends keyof O
  ? Exclude<O[K], undefined> | (undefined extends O[K] ? D : never)
  : D;

/** The {@link ToObjectConfig} of `toObject(options)` called with options of type `O`. */
export interface ToObjectConfigOf<O extends Partial<ToObjectOptions>> {
  readonly int64: OptionOf<O, 'int64', 'bigint'>;
  readonly data: OptionOf<O, 'data', 'uint8array'>;
  readonly enums: OptionOf<O, 'enums', 'name'>;
}

/** An Int64/UInt64 value in `toObject()` output. */
export type Int64Out<C extends ToObjectConfig> = C['int64'] extends infer K
  ? K extends 'string'
    ? string
    : K extends 'number'
      ? number
      : bigint
  : never;

/** A Data value in `toObject()` output. */
export type DataOut<C extends ToObjectConfig> = C['data'] extends infer K
  ? K extends 'base64'
    ? string
    : K extends 'array'
      ? number[]
      : Uint8Array
  : never;

/** An enum value in `toObject()` output (unknown enumerants stay numbers). */
export type EnumOut<C extends ToObjectConfig, N extends string> = C['enums'] extends infer K
  ? K extends 'ordinal'
    ? number
    : N | number
  : never;

/**
 * A generic parameter's value in `toObject()` output: its default form, or `unknown` under
 * options (the parameter's type is not known to the declaration).
 */
export type ParamOut<
  V extends ValueTypes,
  C extends ToObjectConfig,
> = C extends DefaultToObjectConfig ? V['object'] : unknown;

// --------------------------------------------------------------------------------------------
// Structs

/** Words (and capabilities) a copy of a struct takes. */
export interface MessageSize {
  readonly wordCount: number;
  readonly capCount: number;
}

/**
 * What every struct reader has (see `StructReaderBase`): `F` are its field names, `W` what
 * `which()` returns, `B` its builder type. Fields are properties of the generated interfaces.
 */
export interface StructReader<
  F extends string = string,
  W = string | undefined,
  B = StructBuilder,
> {
  /** The active member of the struct's (or group's) union; undefined without a union. */
  which(): W;
  /** Whether field `name` is set: a non-null pointer, or the active union member. */
  has(name: F): boolean;
  /** A builder of a new message holding a copy of this struct. */
  asBuilder(): B;
  /** Words (and capabilities) a copy of this struct takes. */
  readonly totalSize: MessageSize;
  /** The canonical encoding of this struct (one segment, no segment table). */
  canonicalize(): Uint8Array;
  /** The text format, as `capnp convert binary:text` prints it. */
  toString(): string;
  /** The JSON value `capnp convert binary:json` writes. */
  toJSON(): unknown;
}

/** What every struct builder has (see `StructBuilderBase`); `R` is its reader type. */
export interface StructBuilder<
  F extends string = string,
  W = string | undefined,
  R = StructReader<F, W, unknown>,
> {
  which(): W;
  has(name: F): boolean;
  /** Resets field `name` to its default (null pointer, zero data; groups: every field). */
  clear(name: F): void;
  /** A reader of this struct, over the same memory (no copy). */
  asReader(): R;
  /** A builder of a new message holding a copy of this struct. */
  copy(): this;
  readonly totalSize: MessageSize;
  canonicalize(): Uint8Array;
  toString(): string;
  toJSON(): unknown;
  /** The message's segments (copies this struct first if it is not the root). */
  toSegments(): Uint8Array[];
  /** The message in the standard stream framing. */
  toBytes(): Uint8Array;
  /** The message framed and packed. */
  toBytesPacked(): Uint8Array;
  /** Writes the message framed to a Node Writable or a WHATWG WritableStream. */
  write(stream: StreamSink): Promise<void>;
  /** Writes the message framed and packed. */
  writePacked(stream: StreamSink): Promise<void>;
  /** True if this is the root struct of its message. */
  isRoot(): boolean;
}

/**
 * A struct type of a loaded schema (see `StructType`): `R` its reader, `B` its builder, `I` its
 * init object, `O` its `toObject()` output.
 */
export interface StructTypeOf<R, B, I, O> extends TypedToken<StructValues<R, B, I, O>> {
  /** The struct's name (without its scope). */
  readonly name: string;
  /** Reflection: fields, union members, annotations, and the schema node's properties. */
  readonly schema: StructSchema;
  /** The reader class (for `instanceof`). */
  readonly Reader: abstract new (
    ...args: never
  ) => R;
  /** The builder class (for `instanceof`). */
  readonly Builder: abstract new (
    ...args: never
  ) => B;
  /** A builder of a new message whose root is this struct, fields set from `init`. */
  newMessage(init?: I | R | B | null, options?: Partial<BuilderOptions>): B;
  /** Reads a message in the standard framing (zero-copy; the bytes are never modified). */
  fromBytes(bytes: Uint8Array, options?: Partial<ReaderOptions>): R;
  /** Reads a packed message. */
  fromBytesPacked(bytes: Uint8Array, options?: Partial<ReaderOptions>): R;
  /** Reads a message given as its segments (zero-copy). */
  fromSegments(segments: readonly Uint8Array[], options?: Partial<ReaderOptions>): R;
  /** Reads consecutive framed messages from one buffer. */
  readMultipleBytes(bytes: Uint8Array, options?: Partial<ReaderOptions>): Iterable<R>;
  /** Reads consecutive packed messages from one buffer. */
  readMultipleBytesPacked(bytes: Uint8Array, options?: Partial<ReaderOptions>): Iterable<R>;
  /** Reads one framed message from a stream, consuming exactly its bytes. */
  read(stream: StreamSource, options?: Partial<ReaderOptions>): Promise<R>;
  /** Reads one packed message from a stream. */
  readPacked(stream: StreamSource, options?: Partial<ReaderOptions>): Promise<R>;
  /** Reads consecutive framed messages from a stream until it ends. */
  readMultiple(stream: StreamSource, options?: Partial<ReaderOptions>): AsyncIterable<R>;
  /** Reads consecutive packed messages from a stream until it ends. */
  readMultiplePacked(stream: StreamSource, options?: Partial<ReaderOptions>): AsyncIterable<R>;
  /** A new message holding the struct written in the Cap'n Proto text format. */
  fromText(text: string | Uint8Array, options?: Partial<FromTextOptions>): B;
  /** A new message holding the struct given as JSON (as `capnp convert json:binary` reads it). */
  fromJSON(json: string | Uint8Array | object, options?: Partial<FromJsonOptions>): B;
}

/** An enum of a loaded schema whose enumerant names are `N` (the ordinals are properties). */
export interface EnumTypeOf<N extends string> extends TypedToken<EnumValues<N>> {
  readonly schema: EnumSchema;
}

/** An annotation declaration of a loaded schema. */
export interface AnnotationObject extends TypeToken {
  readonly schema: DeclarationSchema;
}

// --------------------------------------------------------------------------------------------
// Lists

/** A list being read (see `ListReaderBase`); `list[i]` is `get(i)`. */
export interface ListReader<T> extends Iterable<T> {
  readonly length: number;
  /** Element `i`; throws `out-of-range` past the end (never wraps). */
  get(index: number): T;
  readonly [index: number]: T;
  /** The elements as an array. */
  toArray(): T[];
  toString(): string;
  toJSON(): unknown;
}

/**
 * A list being built (see `ListBuilderBase`): `T` what elements read as, `I` what `set` takes.
 * (`list[i] = v` works too, but TypeScript types index writes as reads: use `set` for values of
 * another type, such as plain objects for struct elements.)
 */
export interface ListBuilder<T, I = T> extends Iterable<T> {
  readonly length: number;
  get(index: number): T;
  /** Replaces element `i` (struct elements: with a copy of a struct or a plain object's fields). */
  set(index: number, value: I): void;
  [index: number]: T;
  toArray(): T[];
  toString(): string;
  toJSON(): unknown;
}

/** A list of lists being built: also initializes an element as a new list. */
export interface NestedListBuilder<T, I = T> extends ListBuilder<T, I> {
  /** Initializes element `i` as a new list of `length` elements and returns its builder. */
  init(index: number, length: number): T;
}

// --------------------------------------------------------------------------------------------
// AnyPointer

/** An AnyPointer field being read (see `AnyPointerReader`). */
export interface AnyReader {
  /** What the pointer points to. */
  readonly kind: PointerTargetKind;
  isNull(): boolean;
  /** The target read as `type`; a null pointer reads as that type's default. */
  getAs<T extends TypeToken>(type: T): ValuesOf<T>['reader'];
}

/** An AnyPointer field being built (see `AnyPointerBuilder`). */
export interface AnyBuilder {
  readonly kind: PointerTargetKind;
  isNull(): boolean;
  /** A reader of the target (no copy). */
  asReader(): AnyReader;
  /** The target as a builder of `type` (structs and lists), or its value (Text, Data). */
  getAs<T extends TypeToken>(type: T): ValuesOf<T>['builder'];
  /** Initializes the target as a new `type` (a struct, or a list of `size`). */
  initAs<T extends TypeToken>(type: T, size?: number): ValuesOf<T>['builder'];
  /** Sets the target to `value` as `type`. */
  setAs<T extends TypeToken>(type: T, value: ValuesOf<T>['init']): void;
  /** Sets the target to a copy of a struct or list, or of another AnyPointer. */
  set(value: AnyInit): void;
  clear(): void;
}
