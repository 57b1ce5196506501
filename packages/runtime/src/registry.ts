import { type Brand, lgSizeOf, type Node, type Type } from '@capnp-kit/compiler/schema';
import {
  clearPointer,
  copyPointer,
  ElementSize,
  initCompositeListPointer,
  initListPointer,
  initStructPointer,
  ListBuilder,
  ListReader,
  MessageBuilder,
  MessageReader,
  readListPointer,
  Segment,
  setDataPointer,
  setListPointer,
  setStructPointer,
  UNLIMITED_NESTING,
} from '@capnp-kit/wire';
import {
  dataRead,
  type FieldBuild,
  type FieldRead,
  groupBuild,
  groupRead,
  pointerBuild,
  pointerRead,
  textDefault,
  unionChecked,
  unionLayout,
} from './accessors.js';
import { AnyPointerBuilder, AnyPointerReader } from './any-pointer.js';
import { existingList, existingStruct } from './builder-pointers.js';
import { builderClass, type FieldAccess, type InlineRead, readerClass } from './class-codegen.js';
import { CapnpError } from './errors.js';
import {
  clearField,
  type FieldWrite,
  fieldWriter,
  isStruct,
  listAsReader,
  replaceStruct,
  writeListAt,
  writeStructAt,
} from './field-writers.js';
import type { ListBuilderBase, ListReaderBase } from './list-base.js';
import { type ListClasses, makeListClasses } from './list-classes.js';
import { objectWriter } from './object-writer.js';
import { SizeHint } from './size-hint.js';
import {
  type BuilderClass,
  copyToNewMessage,
  type ReaderClass,
  StructBuilderBase,
  type StructMeta,
  StructReaderBase,
  wireReader,
} from './struct-base.js';
import { type FieldInfo, type StructInfo, type StructNode, structInfo } from './struct-info.js';

export type { ListClasses };

/** The classes of one struct or group (with one brand). */
export interface StructClasses {
  readonly meta: StructMeta;
  readonly Reader: ReaderClass;
  readonly Builder: BuilderClass;
}

/** An enum's enumerant names by ordinal, and ordinals by name. */
export interface EnumInfo {
  readonly names: readonly string[];
  readonly ordinals: ReadonlyMap<string, number>;
  /** The ordinal of enumerant `name` (undefined if none has it): what writers call. */
  readonly ordinalOf: (name: string) => number | undefined;
}

/**
 * Most enums are small, and names written are nearly always the schema's own (internalized)
 * strings: comparing them in turn is cheaper than hashing into a Map.
 */
function ordinalLookup(
  names: readonly string[],
  ordinals: ReadonlyMap<string, number>,
): (name: string) => number | undefined {
  if (names.length > 8) return (name) => ordinals.get(name);
  return (name) => {
    for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
    return undefined;
  };
}

const UNLIMITED = {
  traversalLimitInWords: Number.POSITIVE_INFINITY,
  nestingLimit: Number.POSITIVE_INFINITY,
};
const EMPTY_SEGMENT = new Segment(0, new Uint8Array(8));
const EMPTY_MESSAGE = new MessageReader([EMPTY_SEGMENT], UNLIMITED);

/** A stable text key for a type (with its brand), for caches. */
export function typeKey(t: Type | Brand | null | undefined): string {
  return JSON.stringify(t ?? null, (_k, v) => (typeof v === 'bigint' ? v.toString(16) : v));
}

/**
 * The loaded schema nodes, by ID, and the classes built from them (once per node and brand).
 * Loading a node that differs from the one already known under its ID (a schema edited and
 * reloaded) drops every built class: later lookups build fresh ones, while objects made with
 * the old classes keep working.
 */
export class Registry {
  readonly #nodes = new Map<bigint, Node>();
  readonly #fingerprints = new Map<bigint, string>();
  #structs = new Map<string, StructClasses>();
  #lists = new Map<string, ListClasses>();
  #enums = new Map<bigint, EnumInfo>();
  #empty = new WeakMap<object, StructReaderBase | ListReaderBase>();
  /** The struct or list classes of a field's type, resolved once per field. */
  #fieldClasses = new WeakMap<FieldInfo, StructClasses | ListClasses>();
  /** Bumped whenever a loaded node replaces a different one; caches keyed on it reset. */
  generation = 0;

  /** Adds nodes; returns true if any replaced a different node of the same ID. */
  add(nodes: readonly Node[]): boolean {
    let changed = false;
    for (const node of nodes) {
      const print = typeKey(node as never);
      const old = this.#fingerprints.get(node.id);
      if (old === print) continue;
      if (old !== undefined) changed = true;
      this.#nodes.set(node.id, node);
      this.#fingerprints.set(node.id, print);
    }
    if (changed) {
      this.#structs = new Map();
      this.#lists = new Map();
      this.#enums = new Map();
      this.#empty = new WeakMap();
      this.#fieldClasses = new WeakMap();
      this.generation++;
    }
    return changed;
  }

  /** The node with `id`. */
  node(id: bigint): Node {
    const node = this.#nodes.get(id);
    if (node === undefined)
      throw new CapnpError(
        'unknown-type',
        `No loaded schema defines the node @0x${id.toString(16)}.`,
      );
    return node;
  }

  has(id: bigint): boolean {
    return this.#nodes.has(id);
  }

  enumInfo(id: bigint): EnumInfo {
    let info = this.#enums.get(id);
    if (info === undefined) {
      const node = this.node(id);
      if (node.which !== 'enum')
        throw new CapnpError('unknown-type', `${node.displayName} is not an enum.`);
      const names = node.enum.enumerants.map((e) => e.name);
      const ordinals = new Map(names.map((n, i) => [n, i]));
      info = { names, ordinals, ordinalOf: ordinalLookup(names, ordinals) };
      this.#enums.set(id, info);
    }
    return info;
  }

  listClasses(type: Type & { which: 'list' }): ListClasses {
    const key = typeKey(type.elementType);
    let c = this.#lists.get(key);
    if (c === undefined) {
      c = makeListClasses(this, type);
      this.#lists.set(key, c);
    }
    return c;
  }

  /** The classes of struct (or group) `id` with generic bindings `brand`. */
  structClasses(id: bigint, brand: Brand | null): StructClasses {
    const key = `${id.toString(16)}:${typeKey(brand)}`;
    const known = this.#structs.get(key);
    if (known !== undefined) return known;
    const node = this.node(id);
    if (node.which !== 'struct')
      throw new CapnpError('unknown-type', `${node.displayName} is not a struct.`);
    return this.#buildStruct(node, brand, key);
  }

  #buildStruct(node: StructNode, brand: Brand | null, key: string): StructClasses {
    const info = structInfo(node, brand);
    const fields = info.fields.map((f) => this.#fieldAccess(info, f, brand));
    const union = unionLayout(info);
    const name = node.displayName.slice(node.displayNamePrefixLength);
    const Reader = readerClass(StructReaderBase, name, fields, union);
    const Builder = builderClass(StructBuilderBase, name, fields, union);
    const writers: Record<string, FieldWrite> = Object.create(null);
    for (const f of fields) writers[f.name] = f.write;
    const meta: StructMeta = {
      info,
      writers,
      writeObject: objectWriter(info, writers),
      dataWords: node.struct.dataWordCount,
      pointerCount: node.struct.pointerCount,
      sizeHint: new SizeHint(),
      Reader,
      Builder,
      init: (b, f, size) => this.#init(b, info, f, size, brand),
      clear: (b, f) =>
        clearField(this, info, f, b._message, b._segment, b._dataByte, b._pointerByte),
      has: (s, f) => this.#has(s, info, f),
      copyToNewMessage: (src) =>
        copyToNewMessage(new MessageBuilder(), src, meta.dataWords, meta.pointerCount, Builder),
      enumInfo: (id) => this.enumInfo(id),
    };
    Object.defineProperty(Reader.prototype, '$meta', { value: meta });
    Object.defineProperty(Builder.prototype, '$meta', { value: meta });
    const classes: StructClasses = { meta, Reader, Builder };
    this.#structs.set(key, classes);
    return classes;
  }

  // The accessors of one field. Types a field refers to are resolved on first use: a struct
  // may contain itself.
  #fieldAccess(info: StructInfo, f: FieldInfo, brand: Brand | null): FieldAccess {
    let read: FieldRead;
    let build: FieldBuild;
    if (f.field.which === 'group') {
      const groupId = f.field.group.typeId;
      let g: StructClasses | undefined;
      const classes = () => {
        g ??= this.structClasses(groupId, brand);
        return g;
      };
      read = groupRead(classes);
      build = groupBuild(classes);
    } else {
      const type = f.type as Type;
      const slot = f.field.slot;
      if (lgSizeOf(type) === -2) {
        read = pointerRead(this, f, type, slot.offset, slot.defaultValue);
        build = pointerBuild(this, f, type, slot.offset, slot.defaultValue);
      } else {
        const names = type.which === 'enum' ? this.enumInfo(type.typeId).names : undefined;
        read = build = dataRead(type, slot.offset, slot.defaultValue, names);
      }
    }
    const write = fieldWriter(this, info, f);
    if (f.inUnion) {
      read = unionChecked(info, f, read);
      build = unionChecked(info, f, build);
    }
    return { name: f.name, read, build, write, inline: this.#inlineRead(info, f, brand) };
  }

  #inlineRead(info: StructInfo, f: FieldInfo, brand: Brand | null): InlineRead | undefined {
    const union = f.inUnion ? { byte: info.discriminantByte, value: f.discriminant } : undefined;
    if (f.field.which === 'group') {
      const id = f.field.group.typeId;
      return { kind: 'group', union, classes: () => this.structClasses(id, brand) };
    }
    const slot = f.field.slot;
    const type = f.type as Type;
    switch (type.which) {
      case 'text':
        return {
          kind: 'text',
          index: slot.offset,
          union,
          fallback: textDefault(slot.defaultValue),
        };
      case 'list':
        return { kind: 'list', index: slot.offset, union, classes: () => this.listClasses(type) };
      case 'struct': {
        const { typeId, brand: b } = type;
        const classes = () => this.structClasses(typeId, b);
        return { kind: 'struct', index: slot.offset, union, classes };
      }
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // init / clear / has

  #init(
    b: StructBuilderBase,
    info: StructInfo,
    f: FieldInfo,
    size: number | undefined,
    brand: Brand | null,
  ): unknown {
    if (f.field.which === 'group') {
      clearField(this, info, f, b._message, b._segment, b._dataByte, b._pointerByte);
      const g = this.structClasses(f.field.group.typeId, brand);
      return new g.Builder(
        b._message,
        b._segment,
        b._dataByte,
        b._dataBytes,
        b._pointerByte,
        b._pointerCount,
      );
    }
    if (f.inUnion) b._view.setUint16(b._dataByte + info.discriminantByte, f.discriminant, true);
    const type = f.type as Type;
    const at = b._pointerByte + f.field.slot.offset * 8;
    switch (type.which) {
      case 'struct':
        return this.initStructAt(
          b._message,
          b._segment,
          at,
          this.#classesOf(f, type) as StructClasses,
        );
      case 'list':
        if (size === undefined) {
          throw new CapnpError('invalid-value', `init('${f.name}') needs a list size.`);
        }
        return this.initListAt(
          b._message,
          b._segment,
          at,
          this.#classesOf(f, type) as ListClasses,
          size,
        );
      case 'data': {
        if (size === undefined)
          throw new CapnpError('invalid-value', `init('${f.name}') needs a size.`);
        setDataPointer(b._message, b._segment, at, new Uint8Array(size));
        return (b as unknown as Record<string, unknown>)[f.name];
      }
      case 'anyPointer':
        clearPointer(b._message, b._segment, at);
        return AnyPointerBuilder.of(this, b, at);
      default:
        throw new CapnpError(
          'invalid-value',
          `init('${f.name}'): only struct, group, list, Data and AnyPointer fields can be initialized.`,
        );
    }
  }

  #classesOf(f: FieldInfo, type: Type): StructClasses | ListClasses {
    let c = this.#fieldClasses.get(f);
    if (c === undefined) {
      if (type.which === 'list') c = this.listClasses(type);
      else if (type.which === 'struct') c = this.structClasses(type.typeId, type.brand);
      else throw new Error(`no classes for a ${type.which} field`);
      this.#fieldClasses.set(f, c);
    }
    return c;
  }

  #has(s: StructReaderBase | StructBuilderBase, info: StructInfo, f: FieldInfo): boolean {
    if (f.inUnion) {
      const d =
        s._dataBytes >= info.discriminantByte + 2
          ? s._view.getUint16(s._dataByte + info.discriminantByte, true)
          : 0;
      if (d !== f.discriminant) return false;
    }
    if (f.field.which === 'group' || lgSizeOf(f.type as Type) !== -2) return true;
    const index = f.field.slot.offset;
    if (index >= s._pointerCount) return false;
    return s._view.getBigUint64(s._pointerByte + index * 8, true) !== 0n;
  }

  // ---------------------------------------------------------------------------------------------
  // Defaults

  /** The default of a struct field: its explicit default value, or an all-defaults struct. */
  defaultStruct(c: StructClasses, bytes: Uint8Array | null): StructReaderBase {
    if (bytes !== null) {
      const m = MessageReader.fromSegments([bytes], UNLIMITED);
      const r = m.root(c.Reader);
      if (r !== null) return r;
    }
    let empty = this.#empty.get(c) as StructReaderBase | undefined;
    if (empty === undefined) {
      empty = new c.Reader(EMPTY_MESSAGE, EMPTY_SEGMENT, 0, 0, 0, 0, 64);
      this.#empty.set(c, empty);
    }
    return empty;
  }

  /** The default of a list field: its explicit default value, or an empty list. */
  defaultList(c: ListClasses, bytes: Uint8Array | null): ListReaderBase {
    if (bytes !== null) {
      const m = MessageReader.fromSegments([bytes], UNLIMITED);
      const r = readListPointer(
        m,
        m.segments[0] as Segment,
        0,
        UNLIMITED_NESTING,
        c.expectedSize,
        c.Reader,
      );
      if (r !== null) return r;
    }
    let empty = this.#empty.get(c) as ListReaderBase | undefined;
    if (empty === undefined) {
      empty = new c.Reader(EMPTY_MESSAGE, EMPTY_SEGMENT, 0, 0, c.shape.elementSize, 0, 0, 0, 64);
      this.#empty.set(c, empty);
    }
    return empty;
  }

  /** A detached empty list builder (what a builder reads for a list field that is not set). */
  emptyListBuilder(c: ListClasses): ListBuilderBase {
    return new c.Builder(
      new MessageBuilder({ firstSegmentWords: 1 }),
      EMPTY_SEGMENT,
      0,
      0,
      c.shape.elementSize,
      0,
      0,
      0,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Pointer operations (at a pointer of a struct, a list or an AnyPointer)

  initStructAt(m: MessageBuilder, s: Segment, at: number, c: StructClasses): StructBuilderBase {
    return initStructPointer(m, s, at, c.meta.dataWords, c.meta.pointerCount, c.Builder);
  }

  getOrInitStructAt(
    m: MessageBuilder,
    s: Segment,
    at: number,
    c: StructClasses,
  ): StructBuilderBase {
    return (
      existingStruct(m, s, at, c.meta.dataWords, c.meta.pointerCount, c.Builder) ??
      this.initStructAt(m, s, at, c)
    );
  }

  /** A struct field's builder when it is not set yet: a copy of its default, or a new struct. */
  initStructWithDefault(
    m: MessageBuilder,
    s: Segment,
    at: number,
    c: StructClasses,
    bytes: Uint8Array | null,
  ): StructBuilderBase {
    if (bytes !== null) {
      const d = MessageReader.fromSegments([bytes], UNLIMITED);
      copyPointer(m, s, at, d, d.segments[0] as Segment, 0);
      const existing = existingStruct(m, s, at, c.meta.dataWords, c.meta.pointerCount, c.Builder);
      if (existing !== undefined) return existing;
    }
    return this.initStructAt(m, s, at, c);
  }

  /** A list field's builder when it is not set yet: a copy of its default, or an empty list. */
  initListWithDefault(
    m: MessageBuilder,
    s: Segment,
    at: number,
    c: ListClasses,
    bytes: Uint8Array | null,
  ): ListBuilderBase {
    if (bytes !== null) {
      const d = MessageReader.fromSegments([bytes], UNLIMITED);
      copyPointer(m, s, at, d, d.segments[0] as Segment, 0);
      const existing = existingList(m, s, at, c.shape, c.Builder);
      if (existing !== undefined) return existing;
    }
    return this.emptyListBuilder(c);
  }

  getListAt(m: MessageBuilder, s: Segment, at: number, c: ListClasses): ListBuilderBase {
    return existingList(m, s, at, c.shape, c.Builder) ?? this.emptyListBuilder(c);
  }

  initListAt(
    m: MessageBuilder,
    s: Segment,
    at: number,
    c: ListClasses,
    length: number,
  ): ListBuilderBase {
    if (!Number.isInteger(length) || length < 0) {
      throw new CapnpError(
        'invalid-value',
        `A list size must be a non-negative integer, got ${String(length)}.`,
      );
    }
    const shape = c.shape;
    if (shape.elementSize === ElementSize.inlineComposite) {
      return initCompositeListPointer(
        m,
        s,
        at,
        length,
        shape.dataWords ?? 0,
        shape.pointerCount ?? 0,
        c.Builder,
      );
    }
    return initListPointer(m, s, at, shape.elementSize, length, c.Builder);
  }

  /** Sets a struct pointer from a reader/builder (copied) or a plain object (fields assigned). */
  setStructAt(
    m: MessageBuilder,
    s: Segment,
    at: number,
    c: StructClasses,
    v: unknown,
    what: string,
  ): void {
    writeStructAt(m, s, at, c, v, what);
  }

  /** Replaces the content of a struct list element with a copy of a struct, or assigns an object. */
  setStructElement(element: StructBuilderBase, v: unknown): void {
    replaceStruct(
      element._message,
      element._segment,
      element._dataByte,
      element._dataBytes,
      element._pointerByte,
      element._pointerCount,
      { meta: element.$meta } as StructClasses,
      v,
      element.$meta.info.node.displayName,
    );
  }

  /** Sets a list pointer from an array (elements set one by one) or a list reader/builder (copied). */
  setListAt(
    m: MessageBuilder,
    s: Segment,
    at: number,
    c: ListClasses,
    v: unknown,
    what: string,
  ): void {
    writeListAt(this, m, s, at, c, v, what);
  }

  /** Sets an AnyPointer from a struct or list reader/builder, or another AnyPointer (copied). */
  setAnyPointerAt(m: MessageBuilder, s: Segment, at: number, v: unknown): void {
    if (v === null || v === undefined) clearPointer(m, s, at);
    else if (isStruct(v)) {
      setStructPointer(m, s, at, wireReader(v instanceof StructBuilderBase ? v.asReader() : v));
    } else if (v instanceof ListReader) setListPointer(m, s, at, v);
    else if (v instanceof ListBuilder) setListPointer(m, s, at, listAsReader(v));
    else if (v instanceof AnyPointerReader || v instanceof AnyPointerBuilder) {
      const r = v instanceof AnyPointerBuilder ? v.asReader() : v;
      if (r._byte < 0) clearPointer(m, s, at);
      else copyPointer(m, s, at, r._message, r._segment, r._byte, r._nesting);
    } else {
      throw new CapnpError(
        'invalid-value',
        'An AnyPointer takes a struct, a list or another AnyPointer; use setAs(type, value) for others.',
      );
    }
  }

  /**
   * Sets the fields of `b` from a plain object (keys are field names), or copies a struct.
   * `fresh`: `b` was just allocated (all zeros).
   */
  assign(b: StructBuilderBase, v: unknown, fresh = false): void {
    if (v === null || v === undefined) return;
    const meta = b.$meta;
    if (typeof v === 'object' && !Array.isArray(v) && !isStruct(v)) {
      meta.writeObject(b._message, b._segment, b._dataByte, b._pointerByte, v, fresh);
    } else this.setStructElement(b, v);
  }
}
