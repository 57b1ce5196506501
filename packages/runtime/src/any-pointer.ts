import {
  clearPointer,
  type MessageBuilder,
  type MessageReader,
  type PointerTargetKind,
  pointerTargetKind,
  readCapabilityPointer,
  readDataPointer,
  readListPointer,
  readStructPointer,
  readTextPointer,
  type Segment,
  setDataPointer,
  setTextPointer,
  UNLIMITED_NESTING,
} from '@capnp-kit/wire';
import { CapnpError } from './errors.js';
import { writeCapabilityAt } from './field-writers.js';
import type { Registry } from './registry.js';
import { capabilityFromTable } from './rpc/cap-codec.js';
import type { StructBuilderBase } from './struct-base.js';
import { isTypeToken, type TypeToken } from './type-token.js';

function typeOf(t: TypeToken | unknown): TypeToken['$type'] {
  if (!isTypeToken(t))
    throw new CapnpError(
      'invalid-value',
      'Expected a type (a struct type, List(…), Text or Data).',
    );
  return t.$type;
}

/**
 * An AnyPointer field being read: what it points to is only known when asked for as a type
 * (`getAs(Person)`, `getAs(Text)`, `getAs(List(Int32))`).
 */
export class AnyPointerReader {
  constructor(
    /** @internal */ readonly _registry: Registry,
    /** @internal */ readonly _message: MessageReader,
    /** @internal */ readonly _segment: Segment,
    /** @internal The pointer's byte offset; -1 for a pointer outside the struct (null). */
    readonly _byte: number,
    /** @internal */ readonly _nesting: number,
  ) {}

  /** What the pointer points to. */
  get kind(): PointerTargetKind {
    return this._byte < 0 ? 'null' : pointerTargetKind(this._message, this._segment, this._byte);
  }

  isNull(): boolean {
    return this.kind === 'null';
  }

  /** The target read as `type`; a null pointer reads as that type's default. */
  getAs(type: TypeToken): unknown {
    const t = typeOf(type);
    const reg = this._registry;
    const present = this._byte >= 0;
    switch (t.which) {
      case 'struct': {
        const c = reg.structClasses(t.typeId, t.brand);
        const r = present
          ? readStructPointer(this._message, this._segment, this._byte, this._nesting, c.Reader)
          : null;
        return r ?? reg.defaultStruct(c, null);
      }
      case 'list': {
        const c = reg.listClasses(t);
        const r = present
          ? readListPointer(
              this._message,
              this._segment,
              this._byte,
              this._nesting,
              c.expectedSize,
              c.Reader,
            )
          : null;
        return r ?? reg.defaultList(c, null);
      }
      case 'text':
        return (present ? readTextPointer(this._message, this._segment, this._byte) : null) ?? '';
      case 'data':
        return (
          (present ? readDataPointer(this._message, this._segment, this._byte) : null) ??
          new Uint8Array(0)
        );
      case 'interface': {
        // A capability: a client of the interface (null for a null pointer).
        const i = present ? readCapabilityPointer(this._message, this._segment, this._byte) : null;
        return i === null ? null : capabilityFromTable(reg, this._message.capTable[i], t);
      }
      case 'anyPointer':
        return this;
      default:
        throw new CapnpError('invalid-value', `An AnyPointer cannot be read as ${t.which}.`);
    }
  }
}

/** An AnyPointer field being built. */
export class AnyPointerBuilder {
  constructor(
    /** @internal */ readonly _registry: Registry,
    /** @internal */ readonly _message: MessageBuilder,
    /** @internal */ readonly _segment: Segment,
    /** @internal */ readonly _byte: number,
  ) {}

  /** The AnyPointer field at pointer byte `byte` of a struct builder. */
  static of(reg: Registry, b: StructBuilderBase, byte: number): AnyPointerBuilder {
    return new AnyPointerBuilder(reg, b._message, b._segment, byte);
  }

  get kind(): PointerTargetKind {
    return pointerTargetKind(this._message.asReader(), this._segment, this._byte);
  }

  isNull(): boolean {
    return this.kind === 'null';
  }

  /** A reader of the target (no copy). */
  asReader(): AnyPointerReader {
    return new AnyPointerReader(
      this._registry,
      this._message.asReader(),
      this._segment,
      this._byte,
      UNLIMITED_NESTING,
    );
  }

  /** The target as a builder of `type` (structs and lists), or its value (Text, Data). */
  getAs(type: TypeToken): unknown {
    const t = typeOf(type);
    const reg = this._registry;
    switch (t.which) {
      case 'struct':
        return reg.getOrInitStructAt(
          this._message,
          this._segment,
          this._byte,
          reg.structClasses(t.typeId, t.brand),
        );
      case 'list':
        return reg.getListAt(this._message, this._segment, this._byte, reg.listClasses(t));
      case 'interface': {
        const i = readCapabilityPointer(this._message.asReader(), this._segment, this._byte);
        return i === null ? null : capabilityFromTable(reg, this._message.capTable[i], t);
      }
      default:
        return this.asReader().getAs(type);
    }
  }

  /** Initializes the target as a new `type` (a struct, or a list of `size`), returning its builder. */
  initAs(type: TypeToken, size?: number): unknown {
    const t = typeOf(type);
    const reg = this._registry;
    switch (t.which) {
      case 'struct':
        return reg.initStructAt(
          this._message,
          this._segment,
          this._byte,
          reg.structClasses(t.typeId, t.brand),
        );
      case 'list':
        if (size === undefined)
          throw new CapnpError('invalid-value', 'initAs(List(…)) needs a size.');
        return reg.initListAt(this._message, this._segment, this._byte, reg.listClasses(t), size);
      default:
        throw new CapnpError(
          'invalid-value',
          `initAs() takes a struct or list type, not ${t.which}.`,
        );
    }
  }

  /** Sets the target to `value` as `type` (a copy of a struct or list, a string, bytes…). */
  setAs(type: TypeToken, value: unknown): void {
    const t = typeOf(type);
    const reg = this._registry;
    switch (t.which) {
      case 'struct':
        reg.setStructAt(
          this._message,
          this._segment,
          this._byte,
          reg.structClasses(t.typeId, t.brand),
          value,
          'AnyPointer',
        );
        return;
      case 'list':
        reg.setListAt(
          this._message,
          this._segment,
          this._byte,
          reg.listClasses(t),
          value,
          'AnyPointer',
        );
        return;
      case 'text':
        if (typeof value !== 'string')
          throw new CapnpError('invalid-value', 'setAs(Text) needs a string.');
        setTextPointer(this._message, this._segment, this._byte, value);
        return;
      case 'data':
        if (!(value instanceof Uint8Array))
          throw new CapnpError('invalid-value', 'setAs(Data) needs a Uint8Array.');
        setDataPointer(this._message, this._segment, this._byte, value);
        return;
      case 'interface':
        // A client or Server (null clears the pointer), carried in the cap table.
        writeCapabilityAt(this._message, this._segment, this._byte, value);
        return;
      default:
        throw new CapnpError('invalid-value', `setAs() cannot write a ${t.which}.`);
    }
  }

  /** Sets the target to a copy of a struct or list reader/builder, or of another AnyPointer. */
  set(value: unknown): void {
    this._registry.setAnyPointerAt(this._message, this._segment, this._byte, value);
  }

  clear(): void {
    clearPointer(this._message, this._segment, this._byte);
  }
}
