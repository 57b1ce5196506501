import {
  canonicalizeStruct,
  copyPointer,
  encodeFrame,
  encodeSegmentTable,
  type MessageBuilder,
  type MessageReader,
  packPieces,
  type Segment,
  StructReader,
  totalSize,
} from '@capnp-kit/wire';
import { CapnpError } from './errors.js';
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
  /** Whole-struct size (groups: the enclosing struct's). */
  readonly dataWords: number;
  readonly pointerCount: number;
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
  if (info.discriminantByte < 0) return undefined;
  const d =
    s._dataBytes >= info.discriminantByte + 2
      ? s._view.getUint16(s._dataByte + info.discriminantByte, true)
      : 0;
  const member = info.unionFields[d];
  // A discriminant from a newer schema names a member this schema does not know.
  return member === undefined ? `(unknown union member ${d})` : member.name;
}

/** A struct being read. Field values are properties of the generated subclasses. */
export class StructReaderBase {
  declare readonly $meta: StructMeta;
  /** @internal */ readonly _view: DataView;

  constructor(
    /** @internal */ readonly _message: MessageReader,
    /** @internal */ readonly _segment: Segment,
    /** @internal */ readonly _dataByte: number,
    /** @internal */ readonly _dataBytes: number,
    /** @internal */ readonly _pointerByte: number,
    /** @internal */ readonly _pointerCount: number,
    /** @internal */ readonly _nesting: number,
  ) {
    this._view = _segment.view;
  }

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
  /** @internal */ readonly _view: DataView;

  constructor(
    /** @internal */ readonly _message: MessageBuilder,
    /** @internal */ readonly _segment: Segment,
    /** @internal */ readonly _dataByte: number,
    /** @internal */ readonly _dataBytes: number,
    /** @internal */ readonly _pointerByte: number,
    /** @internal */ readonly _pointerCount: number,
  ) {
    this._view = _segment.view;
  }

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
      Number.POSITIVE_INFINITY,
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

  /** The message's segments (views; copies of this struct first if it is not the root). */
  toSegments(): Uint8Array[] {
    return this.#rootMessage().toSegments();
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

  // A message whose root is this struct: its own, or a copy for a struct deeper in a message.
  #rootMessage(): MessageBuilder {
    if (this.isRoot()) return this._message;
    return this.copy()._message;
  }

  /** True if this is the root struct of its message. */
  isRoot(): boolean {
    const root = this._message.segments[0];
    if (root === undefined || this._segment !== root) return false;
    const lower = root.view.getUint32(0, true);
    return lower !== 0 && this._dataByte === 8 + (lower >> 2) * 8;
  }
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
