import { WireError } from './errors.js';
import {
  ElementSize,
  MAX_LIST_COUNT,
  PointerKind,
  writeCapabilityPointer,
  writeFarPointer,
  writeStructPointer,
} from './pointer.js';
import { MessageReader } from './reader.js';
import { Segment } from './segment.js';
import { encodeUtf8Into, utf8ByteLength } from './text.js';

/** How a builder sizes its segments (the reference's `MallocMessageBuilder`). */
export interface BuilderOptions {
  /** Size of the first segment in words (reference default: 1024). */
  firstSegmentWords: number;
  /**
   * Grow heuristically (each new segment as large as all previous ones together, the
   * reference's default) rather than use `firstSegmentWords` for every segment.
   */
  growHeuristically: boolean;
  /**
   * Give a new segment twice the space of the allocation that made it (when that is more than
   * the growth policy gives), so the object's children fit next to it instead of each needing a
   * far pointer into yet another segment. Off by default: the reference builder does not, and
   * the compiler must allocate exactly like it.
   */
  spareRoom: boolean;
}

/** Largest segment the encoding can address (29-bit word offsets). */
const MAX_SEGMENT_WORDS = 0x1fffffff;

/**
 * A message being built. Allocation follows the reference builder exactly, so the same sequence
 * of operations yields the same bytes as C++: objects go into the segment of the pointer that
 * refers to them when they fit, else into the most recently created segment or a new one,
 * behind a far pointer and a landing pad.
 */
export class MessageBuilder {
  readonly segments: Segment[] = [];
  /** Capabilities referenced by index from capability pointers (filled by RPC). */
  capTable: unknown[] = [];
  #nextSize: number;
  readonly #grow: boolean;
  readonly #spare: boolean;
  #withSpace: Segment | undefined;
  #reader: MessageReader | undefined;

  constructor(options?: Partial<BuilderOptions>) {
    const first = options?.firstSegmentWords ?? 1024;
    if (!Number.isInteger(first) || first < 1 || first > MAX_SEGMENT_WORDS) {
      throw new RangeError(`firstSegmentWords must be an integer in 1..2^29-1, got ${first}`);
    }
    this.#nextSize = first;
    this.#grow = options?.growHeuristically ?? true;
    this.#spare = options?.spareRoom ?? false;
  }

  /**
   * Reserves `words` contiguous words in the most recently created segment, or in a new segment
   * when that one is full (the reference's `BuilderArena::allocate`). Returns the segment; the
   * reserved words start at `segment.used - words`.
   */
  allocate(words: number): Segment {
    if (words > MAX_SEGMENT_WORDS) {
      throw new WireError('allocation', `Cannot allocate ${words} words: larger than a segment.`);
    }
    const current = this.#withSpace;
    if (current !== undefined && current.tryAllocate(words) >= 0) return current;
    const size = Math.max(
      this.#spare ? Math.min(words * 2, MAX_SEGMENT_WORDS) : words,
      this.#nextSize,
    );
    const segment = new Segment(this.segments.length, new Uint8Array(size * 8), 0);
    if (this.#grow) {
      this.#nextSize =
        this.segments.length === 0 ? size : Math.min(this.#nextSize + size, MAX_SEGMENT_WORDS);
    }
    this.segments.push(segment);
    this.#withSpace = segment;
    segment.tryAllocate(words);
    return segment;
  }

  /** Sets the root to a new struct of the given section sizes and returns its builder. */
  initRoot<T = StructBuilder>(
    dataWords: number,
    pointerCount: number,
    ctor?: StructBuilderClass<T>,
  ): T {
    return initStructPointer(this, this.rootSegment(), 0, dataWords, pointerCount, ctor);
  }

  /** Segment 0, whose first word is the root pointer (allocated on first use). */
  rootSegment(): Segment {
    return this.segments[0] ?? this.allocate(1);
  }

  /** A reader over this message's current and future segments, without limits. */
  asReader(): MessageReader {
    if (this.#reader === undefined) {
      this.#reader = new MessageReader(this.segments, {
        traversalLimitInWords: Number.POSITIVE_INFINITY,
        nestingLimit: Number.POSITIVE_INFINITY,
      });
      this.#reader.capTable = this.capTable;
    }
    return this.#reader;
  }

  /** The used part of each segment (views, not copies). */
  toSegments(): Uint8Array[] {
    if (this.segments.length === 0) this.rootSegment();
    return this.segments.map((s) => s.usedBytes());
  }

  /** Words in use across all segments. */
  get totalWords(): number {
    let n = 0;
    for (const s of this.segments) n += s.used;
    return n;
  }
}

/**
 * A constructor taking a new or existing struct's location, positionally (what
 * {@link StructBuilder}'s constructor takes), so callers can make objects of their own classes.
 */
export type StructBuilderClass<T> = new (
  message: MessageBuilder,
  segment: Segment,
  dataByte: number,
  dataBytes: number,
  pointerByte: number,
  pointerCount: number,
) => T;

/** A struct being built: its data and pointer sections in one segment. */
export class StructBuilder {
  /** `segment.view`, kept here: field accessors read it on every access. */
  readonly view: DataView;

  constructor(
    readonly message: MessageBuilder,
    readonly segment: Segment,
    readonly dataByte: number,
    readonly dataBytes: number,
    readonly pointerByte: number,
    readonly pointerCount: number,
  ) {
    this.view = segment.view;
  }
}

/** A list's location, as {@link ListBuilder}'s constructor takes it. */
export type ListBuilderPlace = [
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  length: number,
  elementSize: ElementSize,
  stepBits: number,
  structDataBytes: number,
  structPointerCount: number,
];

/** A constructor of list builders, so typed lists can subclass {@link ListBuilder}. */
export type ListBuilderClass<T extends ListBuilder> = new (...place: ListBuilderPlace) => T;

/** A list being built; element layout as in {@link ListReader}. */
export class ListBuilder {
  // Declared, not defined: see ListReader.
  declare readonly message: MessageBuilder;
  declare readonly segment: Segment;
  declare readonly byte: number;
  declare readonly length: number;
  declare readonly elementSize: ElementSize;
  declare readonly stepBits: number;
  declare readonly structDataBytes: number;
  declare readonly structPointerCount: number;
  /** `segment.view`, kept here: element accessors read it on every access. */
  declare readonly view: DataView;

  /** For subclasses that define the fields themselves. */
  constructor();
  constructor(...place: ListBuilderPlace);
  // No default parameter values (see ListReader's constructor).
  constructor(
    message?: MessageBuilder,
    segment?: Segment,
    byte?: number,
    length?: number,
    elementSize?: ElementSize,
    stepBits?: number,
    structDataBytes?: number,
    structPointerCount?: number,
  ) {
    if (segment === undefined) return;
    this.message = message as MessageBuilder;
    this.segment = segment;
    this.byte = byte as number;
    this.length = length as number;
    this.elementSize = elementSize as ElementSize;
    this.stepBits = stepBits as number;
    this.structDataBytes = structDataBytes as number;
    this.structPointerCount = structPointerCount as number;
    this.view = segment.view;
  }

  /** Byte offset of element `i`'s data (or of its pointer, for a pointer list). */
  elementByte(i: number): number {
    return this.byte + i * (this.stepBits / 8);
  }

  /** Byte offset of element `i`'s first pointer (pointer lists and composite lists). */
  pointerByte(i: number): number {
    return this.byte + i * (this.stepBits / 8) + this.structDataBytes;
  }

  /** Struct element `i` of a composite list, as a struct builder. */
  structElement<T = StructBuilder>(i: number, ctor?: StructBuilderClass<T>): T {
    const data = this.byte + i * (this.stepBits / 8);
    const Ctor = (ctor ?? StructBuilder) as StructBuilderClass<T>;
    return new Ctor(
      this.message,
      this.segment,
      data,
      this.structDataBytes,
      data + this.structDataBytes,
      this.structPointerCount,
    );
  }
}

// Where the last allocation put its object. Module-level scratch (see reader.ts).
let oSegment: Segment;
let oByte = 0;

/**
 * Allocates `words` for the object of the pointer at `byte` of `segment` and writes that pointer
 * (reference: `WireHelpers::allocate`). The object goes right into the pointer's segment when it
 * fits; otherwise into the arena behind a one-word landing pad, the pointer becoming a far
 * pointer. A zero-sized struct allocates nothing and points at offset -1. Sets the scratch
 * object location.
 */
function allocateAt(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  words: number,
  kind: typeof PointerKind.struct | typeof PointerKind.list,
  upper: number,
): void {
  if (!isNull(segment, byte)) clearPointer(message, segment, byte);
  const view = segment.view;
  if (words === 0 && kind === PointerKind.struct) {
    view.setUint32(byte, 0xfffffffc, true);
    view.setUint32(byte + 4, upper, true);
    oSegment = segment;
    oByte = byte;
    return;
  }
  const at = segment.tryAllocate(words);
  if (at >= 0) {
    view.setUint32(byte, (((at - (byte >>> 3) - 1) << 2) | kind) >>> 0, true);
    view.setUint32(byte + 4, upper, true);
    oSegment = segment;
    oByte = at * 8;
    return;
  }
  const target = message.allocate(words + 1);
  const pad = target.used - words - 1;
  writeFarPointer(view, byte, false, pad, target.id);
  target.view.setUint32(pad * 8, kind, true);
  target.view.setUint32(pad * 8 + 4, upper, true);
  oSegment = target;
  oByte = (pad + 1) * 8;
}

function isNull(segment: Segment, byte: number): boolean {
  const view = segment.view;
  return view.getUint32(byte, true) === 0 && view.getUint32(byte + 4, true) === 0;
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0 || count > MAX_LIST_COUNT) {
    throw new WireError(
      'out-of-range',
      `List length must be an integer in 0..2^29-1, got ${count}.`,
    );
  }
}

/** Points the pointer at `byte` of `segment` at a new zeroed struct and returns its builder. */
export function initStructPointer<T = StructBuilder>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  dataWords: number,
  pointerCount: number,
  ctor?: StructBuilderClass<T>,
): T {
  allocateAt(
    message,
    segment,
    byte,
    dataWords + pointerCount,
    PointerKind.struct,
    (dataWords | (pointerCount << 16)) >>> 0,
  );
  const Ctor = (ctor ?? StructBuilder) as StructBuilderClass<T>;
  return new Ctor(message, oSegment, oByte, dataWords * 8, oByte + dataWords * 8, pointerCount);
}

/** Bits per element of each non-composite element size (pointers count 64). */
const STEP_BITS = [0, 1, 8, 16, 32, 64, 64, 0];

/**
 * Points the pointer at `byte` of `segment` at a new zeroed list of `length` elements of a
 * non-composite `elementSize` and returns its builder.
 */
export function initListPointer<T extends ListBuilder = ListBuilder>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  elementSize: ElementSize,
  length: number,
  ctor?: ListBuilderClass<T>,
): T {
  if (elementSize === ElementSize.inlineComposite) {
    throw new RangeError('use initCompositeListPointer for struct lists');
  }
  checkCount(length);
  const step = STEP_BITS[elementSize] as number;
  const words = Math.ceil((length * step) / 64);
  allocateAt(message, segment, byte, words, PointerKind.list, (elementSize | (length << 3)) >>> 0);
  const Ctor = (ctor ?? ListBuilder) as ListBuilderClass<T>;
  return new Ctor(
    message,
    oSegment,
    oByte,
    length,
    elementSize,
    step,
    elementSize === ElementSize.pointer ? 0 : step >>> 3,
    elementSize === ElementSize.pointer ? 1 : 0,
  );
}

/**
 * Points the pointer at `byte` of `segment` at a new zeroed inline-composite (struct) list and
 * returns its builder. The tag word precedes the elements.
 */
export function initCompositeListPointer<T extends ListBuilder = ListBuilder>(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  length: number,
  dataWords: number,
  pointerCount: number,
  ctor?: ListBuilderClass<T>,
): T {
  checkCount(length);
  const perElement = dataWords + pointerCount;
  const words = length * perElement;
  if (words > MAX_LIST_COUNT) {
    throw new WireError('allocation', `A struct list of ${words} words does not fit a segment.`);
  }
  allocateAt(
    message,
    segment,
    byte,
    words + 1,
    PointerKind.list,
    (ElementSize.inlineComposite | (words << 3)) >>> 0,
  );
  writeStructPointer(oSegment.view, oByte, length, dataWords, pointerCount);
  const Ctor = (ctor ?? ListBuilder) as ListBuilderClass<T>;
  return new Ctor(
    message,
    oSegment,
    oByte + 8,
    length,
    ElementSize.inlineComposite,
    perElement * 64,
    dataWords * 8,
    pointerCount,
  );
}

/** Sets the pointer at `byte` of `segment` to a new Text holding `text` (NUL-terminated). */
export function setTextPointer(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  text: string,
): void {
  // Fast path (ASCII text into the pointer's own segment, pointer still null): write the
  // characters straight into the free space after `used` in one pass, and claim the space only
  // if every character was ASCII. Free space is all zeros, so the NUL is already there, and an
  // abandoned attempt is zeroed again.
  const n = text.length;
  const view = segment.view;
  if (view.getUint32(byte, true) === 0 && view.getUint32(byte + 4, true) === 0) {
    const words = (n + 8) >>> 3;
    const used = segment.used;
    if (used + words <= segment.bytes.length >>> 3) {
      const bytes = segment.bytes;
      const at = used * 8;
      let i = 0;
      // Four characters per store: fewer writes, and one ASCII test per group.
      for (; i + 4 <= n; i += 4) {
        const a = text.charCodeAt(i);
        const b = text.charCodeAt(i + 1);
        const c = text.charCodeAt(i + 2);
        const d = text.charCodeAt(i + 3);
        if ((a | b | c | d) >= 0x80) break;
        view.setUint32(at + i, a | (b << 8) | (c << 16) | (d << 24), true);
      }
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        bytes[at + i] = c;
      }
      if (i === n) {
        segment.used = used + words;
        view.setUint32(byte, (((used - (byte >>> 3) - 1) << 2) | PointerKind.list) >>> 0, true);
        view.setUint32(byte + 4, (ElementSize.byte | ((n + 1) << 3)) >>> 0, true);
        return;
      }
      bytes.fill(0, at, at + i);
    }
  }
  const length = utf8ByteLength(text);
  checkCount(length + 1);
  allocateAt(
    message,
    segment,
    byte,
    Math.ceil((length + 1) / 8),
    PointerKind.list,
    (ElementSize.byte | ((length + 1) << 3)) >>> 0,
  );
  encodeUtf8Into(text, oSegment.bytes, oByte);
}

/** Sets the pointer at `byte` of `segment` to a new Data holding a copy of `data`. */
export function setDataPointer(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  data: Uint8Array,
): void {
  checkCount(data.length);
  allocateAt(
    message,
    segment,
    byte,
    Math.ceil(data.length / 8),
    PointerKind.list,
    (ElementSize.byte | (data.length << 3)) >>> 0,
  );
  oSegment.bytes.set(data, oByte);
}

/** Sets the pointer at `byte` of `segment` to capability `index` of the message's cap table. */
export function setCapabilityPointer(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  index: number,
): void {
  if (!isNull(segment, byte)) clearPointer(message, segment, byte);
  writeCapabilityPointer(segment.view, byte, index);
}

/**
 * Zeroes the object the pointer at `byte` of `segment` refers to (recursively, landing pads
 * included) and the pointer itself, as the reference does when a pointer is overwritten. The
 * space is not reused: messages only grow.
 */
export function clearPointer(message: MessageBuilder, segment: Segment, byte: number): void {
  zeroTarget(message, segment, byte);
  segment.view.setUint32(byte, 0, true);
  segment.view.setUint32(byte + 4, 0, true);
}

function zeroTarget(message: MessageBuilder, segment: Segment, byte: number): void {
  const view = segment.view;
  const lower = view.getUint32(byte, true);
  const upper = view.getUint32(byte + 4, true);
  if (lower === 0 && upper === 0) return;
  const kind = lower & 3;
  if (kind === PointerKind.other) return;
  if (kind === PointerKind.far) {
    const padSegment = message.segments[upper];
    if (padSegment === undefined) return;
    const pad = (lower >>> 3) * 8;
    if (lower & 4) {
      const padLower = padSegment.view.getUint32(pad, true);
      const content = message.segments[padSegment.view.getUint32(pad + 4, true)];
      if (content !== undefined) {
        zeroObject(
          message,
          content,
          (padLower >>> 3) * 8,
          padSegment.view.getUint32(pad + 8, true),
          padSegment.view.getUint32(pad + 12, true),
        );
      }
      padSegment.bytes.fill(0, pad, pad + 16);
    } else {
      zeroTarget(message, padSegment, pad);
      padSegment.bytes.fill(0, pad, pad + 8);
    }
    return;
  }
  zeroObject(message, segment, byte + 8 + (lower >> 2) * 8, lower, upper);
}

function zeroObject(
  message: MessageBuilder,
  segment: Segment,
  start: number,
  lower: number,
  upper: number,
): void {
  if ((lower & 3) === PointerKind.struct) {
    if (lower === 0xfffffffc && upper === 0) return;
    const dataWords = upper & 0xffff;
    const pointers = upper >>> 16;
    for (let i = 0; i < pointers; i++) zeroTarget(message, segment, start + (dataWords + i) * 8);
    segment.bytes.fill(0, start, start + (dataWords + pointers) * 8);
    return;
  }
  const elementSize = (upper & 7) as ElementSize;
  const count = upper >>> 3;
  if (elementSize === ElementSize.inlineComposite) {
    const tagLower = segment.view.getUint32(start, true);
    const tagUpper = segment.view.getUint32(start + 4, true);
    const dataWords = tagUpper & 0xffff;
    const pointers = tagUpper >>> 16;
    const length = tagLower >>> 2;
    for (let e = 0; e < length; e++) {
      const base = start + 8 + e * (dataWords + pointers) * 8 + dataWords * 8;
      for (let i = 0; i < pointers; i++) zeroTarget(message, segment, base + i * 8);
    }
    segment.bytes.fill(0, start, start + (count + 1) * 8);
    return;
  }
  if (elementSize === ElementSize.pointer) {
    for (let i = 0; i < count; i++) zeroTarget(message, segment, start + i * 8);
  }
  segment.bytes.fill(
    0,
    start,
    start + Math.ceil((count * (STEP_BITS[elementSize] as number)) / 64) * 8,
  );
}

/**
 * Reserves `words` for an orphan: an object not yet referenced by any pointer, placed like any
 * arena allocation. Returns its segment; the object starts at word `segment.used - words`.
 */
export function allocateOrphan(message: MessageBuilder, words: number): Segment {
  return message.allocate(words);
}

/**
 * Points the pointer at `byte` of `segment` at an orphan starting at word `word` of
 * `orphanSegment`, described by the pointer halves `kind`/`upper` (reference:
 * `WireHelpers::transferPointer`). Same segment: a direct pointer. Otherwise a landing pad in
 * the orphan's segment if it has a free word, else a two-word double-far pad in the arena.
 */
export function adoptOrphan(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  orphanSegment: Segment,
  word: number,
  kind: typeof PointerKind.struct | typeof PointerKind.list,
  upper: number,
): void {
  if (!isNull(segment, byte)) clearPointer(message, segment, byte);
  if (orphanSegment === segment) {
    segment.view.setUint32(byte, (((word - (byte >>> 3) - 1) << 2) | kind) >>> 0, true);
    segment.view.setUint32(byte + 4, upper, true);
    return;
  }
  const pad = orphanSegment.tryAllocate(1);
  if (pad >= 0) {
    orphanSegment.view.setUint32(pad * 8, (((word - pad - 1) << 2) | kind) >>> 0, true);
    orphanSegment.view.setUint32(pad * 8 + 4, upper, true);
    writeFarPointer(segment.view, byte, false, pad, orphanSegment.id);
    return;
  }
  const padSegment = message.allocate(2);
  const at = padSegment.used - 2;
  writeFarPointer(padSegment.view, at * 8, false, word, orphanSegment.id);
  padSegment.view.setUint32(at * 8 + 8, kind, true);
  padSegment.view.setUint32(at * 8 + 12, upper, true);
  writeFarPointer(segment.view, byte, true, at, padSegment.id);
}

/**
 * Where the last {@link allocateStructAt} or {@link allocateCompositeListAt} put its object:
 * `segment` and `byte` (for lists: of element 0). Lets encoders write objects without creating
 * builder objects; read it right after the call.
 */
export const lastAllocation: { segment: Segment; byte: number } = {
  segment: undefined as unknown as Segment,
  byte: 0,
};

/** Points the pointer at `byte` at a new zeroed struct; its location is in `lastAllocation`. */
export function allocateStructAt(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  dataWords: number,
  pointerCount: number,
): void {
  allocateAt(
    message,
    segment,
    byte,
    dataWords + pointerCount,
    PointerKind.struct,
    (dataWords | (pointerCount << 16)) >>> 0,
  );
  lastAllocation.segment = oSegment;
  lastAllocation.byte = oByte;
}

/** Points the pointer at `byte` at a new zeroed struct list; element 0 is at `lastAllocation`. */
export function allocateCompositeListAt(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  length: number,
  dataWords: number,
  pointerCount: number,
): void {
  checkCount(length);
  const words = length * (dataWords + pointerCount);
  if (words > MAX_LIST_COUNT) {
    throw new WireError('allocation', `A struct list of ${words} words does not fit a segment.`);
  }
  allocateAt(
    message,
    segment,
    byte,
    words + 1,
    PointerKind.list,
    (ElementSize.inlineComposite | (words << 3)) >>> 0,
  );
  writeStructPointer(oSegment.view, oByte, length, dataWords, pointerCount);
  lastAllocation.segment = oSegment;
  lastAllocation.byte = oByte + 8;
}

/** Points the pointer at `byte` at a new zeroed list of non-struct elements (at `lastAllocation`). */
export function allocateListAt(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  elementSize: ElementSize,
  length: number,
): void {
  checkCount(length);
  const words = Math.ceil((length * (STEP_BITS[elementSize] as number)) / 64);
  allocateAt(message, segment, byte, words, PointerKind.list, (elementSize | (length << 3)) >>> 0);
  lastAllocation.segment = oSegment;
  lastAllocation.byte = oByte;
}
