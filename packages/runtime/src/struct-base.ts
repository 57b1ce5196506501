import {
  canonicalizeStruct,
  copyPointer,
  encodeFrame,
  encodeSegmentTable,
  type MessageBuilder,
  type MessageReader,
  PointerKind,
  packPieces,
  resolvePointer,
  type Segment,
  StructReader,
  totalSize,
  UNLIMITED_NESTING,
} from '@capnp-kit/wire';
import { whichAt } from './accessors.js';
import { CapnpError } from './errors.js';
import { feature } from './features.js';
import type { FieldWriters } from './field-writers.js';
import type { ObjectWrite } from './object-writer.js';
import type { SizeHint } from './size-hint.js';
import type { StreamSink } from './streams/write-bytes.js';
import type { FieldInfo, StructInfo } from './struct-info.js';
import { type ToObjectOptions, toObject } from './to-object.js';

/**
 * The state of every struct reader and builder lives in `_`-prefixed fields: Cap'n Proto names
 * cannot contain underscores, so no schema field (`message`, `segment`, …) can be shadowed by
 * them. Field accessors are prototype getters/setters of the generated subclasses.
 */

/**
 * What a struct's reader and builder classes know about it (on their prototypes as `$meta`):
 * its field tables and the operations the registry attached for it.
 */
export interface StructMeta {
  readonly info: StructInfo;
  /** Writers of the fields by name, for assigning plain objects without builder objects. */
  readonly writers: FieldWriters;
  /** Writes a plain object's fields into a struct of this type at a place. */
  readonly writeObject: ObjectWrite;
  /** Whole-struct size (groups: the enclosing struct's). */
  readonly dataWords: number;
  readonly pointerCount: number;
  /** First-segment size for new messages of this type (see SizeHint). */
  readonly sizeHint: SizeHint;
  init(builder: StructBuilderBase, f: FieldInfo, size?: number): unknown;
  clear(builder: StructBuilderBase, f: FieldInfo): void;
  has(struct: StructReaderBase | StructBuilderBase, f: FieldInfo): boolean;
  /** A builder of a new message holding a copy of `struct`. */
  copyToNewMessage(struct: StructReaderBase): StructBuilderBase;
  readonly Reader: ReaderClass;
  readonly Builder: BuilderClass;
  /** Enumerant tables of enums (by node ID), for conversions that need ordinals. */
  enumInfo(id: bigint): {
    readonly names: readonly string[];
    readonly ordinals: ReadonlyMap<string, number>;
  };
}

/** Constructor of a generated reader class. */
export type ReaderClass = new (
  message: MessageReader,
  segment: Segment,
  dataByte: number,
  dataBytes: number,
  pointerByte: number,
  pointerCount: number,
  nesting: number,
) => StructReaderBase;

/** Constructor of a generated builder class. */
export type BuilderClass = new (
  message: MessageBuilder,
  segment: Segment,
  dataByte: number,
  dataBytes: number,
  pointerByte: number,
  pointerCount: number,
) => StructBuilderBase;

function field(meta: StructMeta, name: string): FieldInfo {
  const f = meta.info.byName.get(name);
  if (f === undefined) {
    const names = meta.info.fields.map((x) => x.name).join(', ');
    throw new CapnpError(
      'unknown-field',
      `${meta.info.node.displayName} has no field '${name}'; its fields are: ${names}.`,
    );
  }
  return f;
}

/** The active union member's name of a struct or group, or undefined without a union. */
export function whichOf(
  s: StructReaderBase | StructBuilderBase,
  info: StructInfo,
): string | undefined {
  return whichAt(info, s._view, s._dataByte, s._dataBytes);
}

/** A struct being read. Field values are properties of the generated subclasses. */
export class StructReaderBase {
  declare readonly $meta: StructMeta;
  // Declared, not defined, fields, assigned by each struct type's own constructor
  // (class-codegen.ts), so that V8 sees one object shape at each store and can inline the whole
  // construction; class-field definitions in this base made reading a struct element about
  // three times as slow.
  /** @internal */ declare readonly _message: MessageReader;
  /** @internal */ declare readonly _segment: Segment;
  /** @internal */ declare readonly _dataByte: number;
  /** @internal */ declare readonly _dataBytes: number;
  /** @internal */ declare readonly _pointerByte: number;
  /** @internal */ declare readonly _pointerCount: number;
  /** @internal */ declare readonly _nesting: number;
  /** @internal */ declare readonly _view: DataView;

  /** The name of the active member of this struct's (or group's) union. */
  which(): string | undefined {
    return whichOf(this, this.$meta.info);
  }

  /** Whether field `name` is set: a non-null pointer, or the active union member. */
  has(name: string): boolean {
    return this.$meta.has(this, field(this.$meta, name));
  }

  /** A builder of a new message holding a copy of this struct. */
  asBuilder(): StructBuilderBase {
    return this.$meta.copyToNewMessage(this);
  }

  /** Words (and capabilities) a copy of this struct takes. */
  get totalSize(): { wordCount: number; capCount: number } {
    return sizeOf(this);
  }

  /** The canonical encoding of this struct (one segment, no segment table). */
  canonicalize(): Uint8Array {
    return canonicalizeStruct(wireReader(this));
  }

  /** This struct as a plain object (pycapnp's `to_dict`); see {@link ToObjectOptions}. */
  toObject(options?: Partial<ToObjectOptions>): Record<string, unknown> {
    return toObject(this, options);
  }

  /** The text format, as `capnp convert binary:text` prints it (see `formatText`). */
  toString(): string {
    return feature('formatText')(this);
  }

  /** The JSON value `capnp convert binary:json` writes, for `JSON.stringify` (see `formatJson`). */
  toJSON(): unknown {
    return feature('toJsonValue')(this);
  }
}

/** The wire-layer view of a struct reader. */
export function wireReader(r: StructReaderBase): StructReader {
  return new StructReader(
    r._message,
    r._segment,
    r._dataByte,
    r._dataBytes,
    r._pointerByte,
    r._pointerCount,
    r._nesting,
  );
}

function sizeOf(s: StructReaderBase): { wordCount: number; capCount: number } {
  let words = s._dataBytes / 8 + s._pointerCount;
  for (let i = 0; i < s._pointerCount; i++) {
    words += totalSize(s._message, s._segment, s._pointerByte + i * 8, s._nesting);
  }
  return { wordCount: words, capCount: s._message.capTable.length };
}

/** A struct being built. Field values are properties (getters and setters) of the subclasses. */
export class StructBuilderBase {
  declare readonly $meta: StructMeta;
  // Declared, not defined: see StructReaderBase.
  /** @internal */ declare readonly _message: MessageBuilder;
  /** @internal */ declare readonly _segment: Segment;
  /** @internal */ declare readonly _dataByte: number;
  /** @internal */ declare readonly _dataBytes: number;
  /** @internal */ declare readonly _pointerByte: number;
  /** @internal */ declare readonly _pointerCount: number;
  /** @internal */ declare readonly _view: DataView;

  /** @internal The reading side of this builder's message. */
  get _reader(): MessageReader {
    return this._message.asReader();
  }

  which(): string | undefined {
    return whichOf(this, this.$meta.info);
  }

  has(name: string): boolean {
    return this.$meta.has(this, field(this.$meta, name));
  }

  /**
   * Initializes field `name`: a new struct (or group) for struct fields, a list of `size`
   * elements for list fields; makes it the active union member. Returns its builder.
   */
  init(name: string, size?: number): unknown {
    return this.$meta.init(this, field(this.$meta, name), size);
  }

  /** Resets field `name` to its default (null pointer, zero data). */
  clear(name: string): void {
    this.$meta.clear(this, field(this.$meta, name));
  }

  /** A reader of this struct, over the same memory (no copy). */
  asReader(): StructReaderBase {
    return new this.$meta.Reader(
      this._reader,
      this._segment,
      this._dataByte,
      this._dataBytes,
      this._pointerByte,
      this._pointerCount,
      UNLIMITED_NESTING,
    );
  }

  /** A builder of a new message holding a copy of this struct. */
  copy(): StructBuilderBase {
    return this.$meta.copyToNewMessage(this.asReader());
  }

  get totalSize(): { wordCount: number; capCount: number } {
    return sizeOf(this.asReader());
  }

  canonicalize(): Uint8Array {
    return canonicalizeStruct(wireReader(this.asReader()));
  }

  toObject(options?: Partial<ToObjectOptions>): Record<string, unknown> {
    return toObject(this, options);
  }

  toString(): string {
    return feature('formatText')(this);
  }

  toJSON(): unknown {
    return feature('toJsonValue')(this);
  }

  /** The message's segments (views; copies of this struct first if it is not the root). */
  toSegments(): Uint8Array[] {
    const message = rootMessage(this);
    this.$meta.sizeHint.note(message);
    return message.toSegments();
  }

  /** The message in the standard stream framing (segment table, then segments). */
  toBytes(): Uint8Array {
    return encodeFrame(this.toSegments());
  }

  /** The message framed and packed, exactly as the reference packs it. */
  toBytesPacked(): Uint8Array {
    const segments = this.toSegments();
    return packPieces([encodeSegmentTable(segments), ...segments]);
  }

  /**
   * Writes the message in the standard framing to a Node Writable or a WHATWG WritableStream.
   * Resolves once the stream has taken it (so awaiting each write respects backpressure).
   */
  write(stream: StreamSink): Promise<void> {
    return feature('writeBytes')(stream, this.toBytes());
  }

  /** Writes the message framed and packed (as {@link toBytesPacked}); see {@link write}. */
  writePacked(stream: StreamSink): Promise<void> {
    return feature('writeBytes')(stream, this.toBytesPacked());
  }

  /** True if this is the root struct of its message. */
  isRoot(): boolean {
    const root = this._message.segments[0];
    if (root === undefined || root.bytes.length < 8) return false;
    const lower = root.view.getUint32(0, true);
    // A near struct pointer (nearly every root) is checked in place, without making the
    // message's reader: serializing a small message calls this once.
    if ((lower & 3) === PointerKind.struct) {
      return (
        (lower !== 0 || root.view.getUint32(4, true) !== 0) &&
        this._segment === root &&
        8 + (lower >> 2) * 8 === this._dataByte
      );
    }
    // The root pointer's target, through a far pointer when the root struct did not fit in
    // the first segment (a small `firstSegmentWords`).
    const target = resolvePointer(this._message.asReader(), root, 0);
    return (
      target !== null &&
      (target.lower & 3) === PointerKind.struct &&
      target.segment === this._segment &&
      target.byte === this._dataByte
    );
  }
}

// A message whose root is `b`: its own, or a copy for a struct deeper in a message. A function,
// not a private method: a class with private methods stamps every instance with a brand as it is
// constructed, which made constructing a builder (every list element and group) slower.
function rootMessage(b: StructBuilderBase): MessageBuilder {
  if (b.isRoot()) return b._message;
  return b.copy()._message;
}

/**
 * Copies `src` into a new message as its root, at least `dataWords`/`pointerCount` large (a
 * struct from an older schema grows to the current size, so every field can be set).
 */
export function copyToNewMessage(
  message: MessageBuilder,
  src: StructReaderBase,
  dataWords: number,
  pointerCount: number,
  Builder: BuilderClass,
): StructBuilderBase {
  const b = message.initRoot(
    Math.max(dataWords, src._dataBytes / 8),
    Math.max(pointerCount, src._pointerCount),
    Builder,
  );
  b._segment.bytes.set(
    src._segment.bytes.subarray(src._dataByte, src._dataByte + src._dataBytes),
    b._dataByte,
  );
  for (let i = 0; i < src._pointerCount; i++) {
    copyPointer(
      message,
      b._segment,
      b._pointerByte + i * 8,
      src._message,
      src._segment,
      src._pointerByte + i * 8,
      src._nesting,
    );
  }
  return b;
}
