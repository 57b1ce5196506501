import {
  copyPointer,
  ElementSize,
  initCompositeListPointer,
  initListPointer,
  type ListBuilder,
  MessageBuilder,
  type MessageReader,
  type Segment,
  type StructBuilder,
  setDataPointer,
  totalSize,
} from '@capnp-kit/wire';
import type { Field, Node, StructNode, Type, Value } from './schema/model.js';
import { NO_DISCRIMINANT } from './schema/model.js';
import { substitute } from './schema/types.js';
import { valueMessage } from './schema/value-message.js';

/**
 * Values being compiled (defaults, constants, annotation values), and their encoding. Struct and
 * list values are built in messages of their own, like the reference's orphans, and copied into
 * place when used: the final CodeGeneratorRequest re-copies everything in pre-order, so only the
 * content matters, not where these scratch objects were allocated.
 */
export type DynValue =
  | { readonly kind: 'void' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int' | 'uint'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'text' | 'data'; readonly bytes: Uint8Array }
  | { readonly kind: 'enum'; readonly type: Type; readonly value: number }
  | {
      readonly kind: 'list' | 'struct' | 'anyPointer';
      readonly type: Type;
      /** A message whose root pointer is the value. */
      readonly source: MessageReader;
    };

/** Finds the (bootstrap) schema of a node by ID. */
export type NodeLookup = (id: bigint) => Node | undefined;

const scratch = new DataView(new ArrayBuffer(8));

/** The raw bits of a primitive value of `type`, as a bigint (for XOR with defaults). */
function bits(type: Type, v: DynValue | Value): bigint {
  switch (type.which) {
    case 'float32':
      scratch.setFloat32(0, toNumber(v), true);
      return BigInt(scratch.getUint32(0, true));
    case 'float64':
      scratch.setFloat64(0, toNumber(v), true);
      return scratch.getBigUint64(0, true);
    case 'bool':
      return 'value' in v && v.value === true ? 1n : 0n;
    default:
      return toBigInt(v);
  }
}

function toNumber(v: DynValue | Value): number {
  if (!('value' in v)) return 0;
  const x = v.value;
  return typeof x === 'bigint' ? Number(x) : typeof x === 'number' ? x : 0;
}

function toBigInt(v: DynValue | Value): bigint {
  if (!('value' in v)) return 0n;
  const x = v.value;
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return BigInt(Math.trunc(x));
  return x === true ? 1n : 0n;
}

const LG_BITS: Record<string, number> = {
  bool: 1,
  int8: 8,
  uint8: 8,
  int16: 16,
  uint16: 16,
  enum: 16,
  int32: 32,
  uint32: 32,
  float32: 32,
  int64: 64,
  uint64: 64,
  float64: 64,
};

/**
 * Writes the primitive `value` of `type` at `offset` (in units of the type's size) of a data
 * section, XOR the field's default (pass undefined for list elements, which have none).
 */
function writePrimitive(
  segment: Segment,
  dataByte: number,
  offset: number,
  type: Type,
  value: DynValue,
  defaultValue: Value | undefined,
): void {
  const width = LG_BITS[type.which];
  if (width === undefined) return;
  let raw = bits(type, value);
  if (defaultValue !== undefined) raw ^= bits(type, defaultValue);
  raw = BigInt.asUintN(width, raw);
  const view = segment.view;
  if (width === 1) {
    const at = dataByte + (offset >>> 3);
    const mask = 1 << (offset & 7);
    const old = segment.bytes[at] as number;
    segment.bytes[at] = raw ? old | mask : old & ~mask;
    return;
  }
  const at = dataByte + offset * (width / 8);
  if (width === 8) view.setUint8(at, Number(raw));
  else if (width === 16) view.setUint16(at, Number(raw), true);
  else if (width === 32) view.setUint32(at, Number(raw), true);
  else view.setBigUint64(at, raw, true);
}

/** Writes a pointer-typed value into the pointer at `byte` of `segment`. */
function writePointer(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  value: DynValue,
): void {
  switch (value.kind) {
    case 'text': {
      const list = initListPointer(
        message,
        segment,
        byte,
        ElementSize.byte,
        value.bytes.length + 1,
      );
      list.segment.bytes.set(value.bytes, list.byte);
      return;
    }
    case 'data':
      setDataPointer(message, segment, byte, value.bytes);
      return;
    case 'list':
    case 'struct':
    case 'anyPointer':
      copyPointer(message, segment, byte, value.source, value.source.segments[0] as Segment, 0);
      return;
    default:
      return;
  }
}

/** A struct value under construction, seen through one scope (the struct or one of its groups). */
export class StructValueBuilder {
  constructor(
    readonly lookup: NodeLookup,
    /** The struct type (with its brand) the value belongs to. */
    readonly type: Type & { which: 'struct' },
    /** The node of this scope: the struct, or a group of it. */
    readonly node: Node & { which: 'struct' },
    readonly builder: StructBuilder,
  ) {}

  /** A new value of the struct `type`, or undefined if its schema is unknown. */
  static create(
    lookup: NodeLookup,
    type: Type & { which: 'struct' },
  ): StructValueBuilder | undefined {
    const node = lookup(type.typeId);
    if (node?.which !== 'struct') return undefined;
    const message = new MessageBuilder();
    const builder = message.initRoot(node.struct.dataWordCount, node.struct.pointerCount);
    return new StructValueBuilder(lookup, type, node, builder);
  }

  /** The field `name` of this scope. */
  findField(name: string): Field | undefined {
    return this.node.struct.fields?.find((f) => f.name === name);
  }

  /** The type of a slot field, with the struct's generic bindings applied. */
  fieldType(field: Field & { which: 'slot' }): Type {
    return substitute(field.slot.type, this.type.brand);
  }

  /** Makes `field` the active member of its union, if it is in one. */
  #setInUnion(field: Field): void {
    if (field.discriminantValue === NO_DISCRIMINANT) return;
    const b = this.builder;
    b.segment.view.setUint16(
      b.dataByte + this.node.struct.discriminantOffset * 2,
      field.discriminantValue,
      true,
    );
  }

  /** Sets a slot field to `value` (already checked against the field's type). */
  set(field: Field & { which: 'slot' }, value: DynValue): void {
    this.#setInUnion(field);
    const type = this.fieldType(field);
    const b = this.builder;
    if (value.kind === 'void') return;
    if (
      value.kind === 'text' ||
      value.kind === 'data' ||
      value.kind === 'list' ||
      value.kind === 'struct' ||
      value.kind === 'anyPointer'
    ) {
      writePointer(b.message, b.segment, b.pointerByte + field.slot.offset * 8, value);
      return;
    }
    writePrimitive(b.segment, b.dataByte, field.slot.offset, type, value, field.slot.defaultValue);
  }

  /** Resets a group to its defaults (union on its first member) and returns a builder for it. */
  initGroup(field: Field & { which: 'group' }): StructValueBuilder | undefined {
    this.#setInUnion(field);
    const node = this.lookup(field.group.typeId);
    if (node?.which !== 'struct') return undefined;
    const group = new StructValueBuilder(this.lookup, this.type, node, this.builder);
    group.clearScope();
    return group;
  }

  clearScope(): void {
    const fields = this.node.struct.fields ?? [];
    const first = fields.find((f) => f.discriminantValue === 0);
    if (first !== undefined) this.#clear(first);
    for (const f of fields) if (f.discriminantValue === NO_DISCRIMINANT) this.#clear(f);
  }

  #clear(field: Field): void {
    this.#setInUnion(field);
    if (field.which === 'group') {
      const node = this.lookup(field.group.typeId);
      if (node?.which === 'struct') {
        new StructValueBuilder(this.lookup, this.type, node, this.builder).clearScope();
      }
      return;
    }
    const b = this.builder;
    const lg = LG_BITS[field.slot.type.which];
    if (lg === undefined) {
      if (field.slot.type.which !== 'void') {
        const at = b.pointerByte + field.slot.offset * 8;
        b.segment.view.setBigUint64(at, 0n, true);
      }
      return;
    }
    writePrimitive(
      b.segment,
      b.dataByte,
      field.slot.offset,
      field.slot.type,
      { kind: 'uint', value: 0n },
      undefined,
    );
  }

  /** The finished value. */
  finish(): DynValue {
    return { kind: 'struct', type: this.type, source: this.builder.message.asReader() };
  }
}

/** The element size of lists of `type`. */
function elementSize(type: Type, lookup: NodeLookup): { size: ElementSize; node?: StructNode } {
  switch (type.which) {
    case 'void':
      return { size: ElementSize.void };
    case 'bool':
      return { size: ElementSize.bit };
    case 'int8':
    case 'uint8':
      return { size: ElementSize.byte };
    case 'int16':
    case 'uint16':
    case 'enum':
      return { size: ElementSize.twoBytes };
    case 'int32':
    case 'uint32':
    case 'float32':
      return { size: ElementSize.fourBytes };
    case 'int64':
    case 'uint64':
    case 'float64':
      return { size: ElementSize.eightBytes };
    case 'struct': {
      const node = lookup(type.typeId);
      return node?.which === 'struct'
        ? { size: ElementSize.inlineComposite, node: node.struct }
        : { size: ElementSize.inlineComposite, node: undefined };
    }
    default:
      return { size: ElementSize.pointer };
  }
}

/** A list value under construction. */
export class ListValueBuilder {
  private constructor(
    readonly lookup: NodeLookup,
    readonly type: Type & { which: 'list' },
    readonly list: ListBuilder,
  ) {}

  static create(
    lookup: NodeLookup,
    type: Type & { which: 'list' },
    length: number,
  ): ListValueBuilder {
    const message = new MessageBuilder();
    const root = message.rootSegment();
    const { size, node } = elementSize(type.elementType, lookup);
    const list =
      size === ElementSize.inlineComposite
        ? initCompositeListPointer(
            message,
            root,
            0,
            length,
            node?.dataWordCount ?? 0,
            node?.pointerCount ?? 0,
          )
        : initListPointer(message, root, 0, size, length);
    return new ListValueBuilder(lookup, type, list);
  }

  /** Sets element `i` to `value` (already checked against the element type). */
  set(i: number, value: DynValue): void {
    const list = this.list;
    const type = this.type.elementType;
    switch (value.kind) {
      case 'void':
        return;
      case 'struct': {
        const src = value.source;
        const root = src.root();
        if (root === null) return;
        const dst = list.structElement(i);
        const dataBytes = Math.min(root.dataBytes, dst.dataBytes);
        dst.segment.bytes.set(
          root.segment.bytes.subarray(root.dataByte, root.dataByte + dataBytes),
          dst.dataByte,
        );
        const pointers = Math.min(root.pointerCount, dst.pointerCount);
        for (let p = 0; p < pointers; p++) {
          copyPointer(
            list.message,
            dst.segment,
            dst.pointerByte + p * 8,
            src,
            root.segment,
            root.pointerByte + p * 8,
          );
        }
        return;
      }
      case 'text':
      case 'data':
      case 'list':
      case 'anyPointer':
        writePointer(list.message, list.segment, list.byte + i * 8, value);
        return;
      default:
        writePrimitive(list.segment, list.byte, i, type, value, undefined);
    }
  }

  finish(): DynValue {
    return { kind: 'list', type: this.type, source: this.list.message.asReader() };
  }
}

/** A message holding a pointer value, flattened to one segment (root pointer first). */
function flatten(source: MessageReader): Uint8Array {
  const root = source.segments[0] as Segment;
  const words = totalSize(source, root, 0) + 1;
  const dst = new MessageBuilder({ firstSegmentWords: words, growHeuristically: false });
  copyPointer(dst, dst.rootSegment(), 0, source, root, 0);
  return dst.toSegments()[0] as Uint8Array;
}

/** The schema Value of `value` for a slot of `type`. */
export function toSchemaValue(type: Type, value: DynValue): Value {
  switch (type.which) {
    case 'void':
      return { which: 'void' };
    case 'bool':
      return { which: 'bool', value: value.kind === 'bool' && value.value };
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return { which: type.which, value: Number(toBigInt(value)) };
    case 'int64':
      return { which: 'int64', value: BigInt.asIntN(64, toBigInt(value)) };
    case 'uint64':
      return { which: 'uint64', value: BigInt.asUintN(64, toBigInt(value)) };
    case 'float32':
      return { which: 'float32', value: Math.fround(toFloat(value)) };
    case 'float64':
      return { which: 'float64', value: toFloat(value) };
    case 'enum':
      return { which: 'enum', value: value.kind === 'enum' ? value.value : 0 };
    case 'text':
    case 'data':
      return { which: type.which, value: 'bytes' in value ? value.bytes : null };
    case 'list':
    case 'struct':
    case 'anyPointer':
      return { which: type.which, value: 'source' in value ? flatten(value.source) : null };
    case 'interface':
      return { which: 'interface' };
  }
}

function toFloat(value: DynValue): number {
  if (value.kind === 'float') return value.value;
  if (value.kind === 'int' || value.kind === 'uint') return Number(value.value);
  return 0;
}

/** The DynValue of a compiled schema Value (a constant being referenced) of `type`. */
export function fromSchemaValue(type: Type, value: Value): DynValue | undefined {
  switch (value.which) {
    case 'void':
      return { kind: 'void' };
    case 'bool':
      return { kind: 'bool', value: value.value };
    case 'int8':
    case 'int16':
    case 'int32':
      return { kind: 'int', value: BigInt(value.value) };
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return { kind: 'uint', value: BigInt(value.value) };
    case 'int64':
      return { kind: 'int', value: value.value };
    case 'uint64':
      return { kind: 'uint', value: value.value };
    case 'float32':
    case 'float64':
      return { kind: 'float', value: value.value };
    case 'enum':
      // The reference reads a constant through `Value`'s `enum` member, a UInt16: so an
      // enum-typed constant is a number, and using it where an enum is expected is a mismatch.
      return { kind: 'uint', value: BigInt(value.value) };
    case 'text':
    case 'data':
      return { kind: value.which, bytes: value.value ?? new Uint8Array(0) };
    case 'list':
    case 'struct':
    case 'anyPointer': {
      if (value.value === null) return undefined;
      const kind =
        type.which === 'list' ? 'list' : type.which === 'struct' ? 'struct' : 'anyPointer';
      return { kind, type, source: valueMessage(value.value) };
    }
    default:
      return undefined;
  }
}
