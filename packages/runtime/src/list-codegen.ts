import type {
  ElementSize,
  ListBuilder,
  ListBuilderClass,
  ListReader,
  ListReaderClass,
  MessageBuilder,
  MessageReader,
  Segment,
} from '@capnp-kit/wire';
import { compileFunction } from './class-codegen.js';
import { type ListBuilderBase, type ListReaderBase, outOfRange } from './list-base.js';
import type { BuilderClass, ReaderClass } from './struct-base.js';

/**
 * The concrete classes of typed lists: a subclass of each list class that defines the list's
 * fields itself (the `list[i]` proxy sits in the prototype chain, so they must be defined, not
 * assigned: see wire's ListReader) and, for struct lists, a `get(i)` made for the element type.
 * As for structs (class-codegen.ts), the source is generated per list type where allowed, so
 * that V8 sees one object shape at each access; otherwise shared classes do the same.
 */

const READER_FIELDS =
  'message; segment; byte; length; elementSize; stepBits; structDataBytes; structPointerCount; nestingLeft; view;';
const BUILDER_FIELDS =
  'message; segment; byte; length; elementSize; stepBits; structDataBytes; structPointerCount; view;';
const READER_INIT =
  'super(); this.message = m; this.segment = s; this.byte = b; this.length = l; this.elementSize = e; this.stepBits = sb; this.structDataBytes = db; this.structPointerCount = pc; this.nestingLeft = n; this.view = s.view;';
const BUILDER_INIT =
  'super(); this.message = m; this.segment = s; this.byte = b; this.length = l; this.elementSize = e; this.stepBits = sb; this.structDataBytes = db; this.structPointerCount = pc; this.view = s.view;';
const CHECK = 'if (i >>> 0 !== i || i >= this.length) throw outOfRange(i, this.length);';

/** The concrete reader class of `Base`; with `Element`, a list of those structs. */
export function concreteListReader(
  Base: abstract new () => ListReaderBase,
  Element?: ReaderClass,
): ListReaderClass<ListReaderBase> {
  const get =
    Element === undefined
      ? ''
      : `get(i) { ${CHECK} const at = this.byte + i * (this.stepBits >>> 3); return new E(this.message, this.segment, at, this.structDataBytes, at + this.structDataBytes, this.structPointerCount, this.nestingLeft); }`;
  const make = compileFunction(
    ['Base', 'E', 'outOfRange'],
    `return class List extends Base { ${READER_FIELDS} constructor(m, s, b, l, e, sb, db, pc, n) { ${READER_INIT} } ${get} };`,
  );
  if (make !== undefined) return make(Base, Element, outOfRange) as ListReaderClass<ListReaderBase>;
  return sharedReader(Base);
}

/** The concrete builder class of `Base`; with `Element`, a list of those structs. */
export function concreteListBuilder(
  Base: abstract new () => ListBuilderBase,
  Element?: BuilderClass,
): ListBuilderClass<ListBuilderBase> {
  const get =
    Element === undefined
      ? ''
      : `get(i) { ${CHECK} const at = this.byte + i * (this.stepBits >>> 3); return new E(this.message, this.segment, at, this.structDataBytes, at + this.structDataBytes, this.structPointerCount); }`;
  const make = compileFunction(
    ['Base', 'E', 'outOfRange'],
    `return class List extends Base { ${BUILDER_FIELDS} constructor(m, s, b, l, e, sb, db, pc) { ${BUILDER_INIT} } ${get} };`,
  );
  if (make !== undefined)
    return make(Base, Element, outOfRange) as ListBuilderClass<ListBuilderBase>;
  return sharedBuilder(Base);
}

// The value fields hold between their definition and the constructor's assignment.
const UNSET: unknown = undefined;

// Without code generation: the same fields and constructor, shared by every list type (the
// element classes are already reached through the base classes' own `get`).
function sharedReader(Base: abstract new () => ListReaderBase): ListReaderClass<ListReaderBase> {
  return class extends (Base as unknown as new () => ListReader) {
    override readonly message: MessageReader = UNSET as MessageReader;
    override readonly segment: Segment = UNSET as Segment;
    override readonly byte: number = UNSET as number;
    override readonly length: number = UNSET as number;
    override readonly elementSize: ElementSize = UNSET as ElementSize;
    override readonly stepBits: number = UNSET as number;
    override readonly structDataBytes: number = UNSET as number;
    override readonly structPointerCount: number = UNSET as number;
    override readonly nestingLeft: number = UNSET as number;
    override readonly view: DataView = UNSET as DataView;
    constructor(
      m: MessageReader,
      s: Segment,
      b: number,
      l: number,
      e: ElementSize,
      sb: number,
      db: number,
      pc: number,
      n: number,
    ) {
      super();
      this.message = m;
      this.segment = s;
      this.byte = b;
      this.length = l;
      this.elementSize = e;
      this.stepBits = sb;
      this.structDataBytes = db;
      this.structPointerCount = pc;
      this.nestingLeft = n;
      this.view = s.view;
    }
  } as unknown as ListReaderClass<ListReaderBase>;
}

function sharedBuilder(
  Base: abstract new () => ListBuilderBase,
): ListBuilderClass<ListBuilderBase> {
  return class extends (Base as unknown as new () => ListBuilder) {
    override readonly message: MessageBuilder = UNSET as MessageBuilder;
    override readonly segment: Segment = UNSET as Segment;
    override readonly byte: number = UNSET as number;
    override readonly length: number = UNSET as number;
    override readonly elementSize: ElementSize = UNSET as ElementSize;
    override readonly stepBits: number = UNSET as number;
    override readonly structDataBytes: number = UNSET as number;
    override readonly structPointerCount: number = UNSET as number;
    override readonly view: DataView = UNSET as DataView;
    constructor(
      m: MessageBuilder,
      s: Segment,
      b: number,
      l: number,
      e: ElementSize,
      sb: number,
      db: number,
      pc: number,
    ) {
      super();
      this.message = m;
      this.segment = s;
      this.byte = b;
      this.length = l;
      this.elementSize = e;
      this.stepBits = sb;
      this.structDataBytes = db;
      this.structPointerCount = pc;
      this.view = s.view;
    }
  } as unknown as ListBuilderClass<ListBuilderBase>;
}
