import { WireError } from './errors.js';
import { ElementSize, PointerKind } from './pointer.js';
import { Segment } from './segment.js';
import { decodeUtf8 } from './text.js';

/** Limits applied while reading untrusted messages (the reference's `ReaderOptions`). */
export interface ReaderOptions {
  /**
   * Words a reader may dereference before failing with `traversal-limit`. Each pointer location
   * is charged its target's size the first time it is followed, so re-reading a field costs
   * nothing while many pointers aliasing one object are each charged: the limit bounds
   * amplification, not how long a message is used. `Infinity` disables it.
   */
  traversalLimitInWords: number;
  /** Pointer depth a reader may follow before failing with `nesting-limit`. */
  nestingLimit: number;
}

/** The reference's defaults: 8 Mi words (64 MiB) and 64 levels. */
export const DEFAULT_READER_OPTIONS: Readonly<ReaderOptions> = Object.freeze({
  traversalLimitInWords: 8 * 1024 * 1024,
  nestingLimit: 64,
});

/**
 * The nesting depth that stands for "unlimited". Depths are kept as small integers rather than
 * `Infinity`: a reader object holding a non-integer makes V8 box that field in every reader of
 * the same shape, which costs an allocation per struct read.
 */
export const UNLIMITED_NESTING = 0x3fffffff;

/** The largest count of words MessageReader keeps as a small integer (see its `#left`). */
const SMALL_WORDS = 0x3fffffff;

/** Resolves `Partial<ReaderOptions>` against the defaults, rejecting nonsense values. */
export function resolveReaderOptions(options?: Partial<ReaderOptions>): ReaderOptions {
  const traversalLimitInWords =
    options?.traversalLimitInWords ?? DEFAULT_READER_OPTIONS.traversalLimitInWords;
  const nestingLimit = options?.nestingLimit ?? DEFAULT_READER_OPTIONS.nestingLimit;
  if (!(traversalLimitInWords >= 0)) {
    throw new RangeError(`traversalLimitInWords must be >= 0, got ${traversalLimitInWords}`);
  }
  if (!(nestingLimit >= 0) || (Number.isFinite(nestingLimit) && !Number.isInteger(nestingLimit))) {
    throw new RangeError(`nestingLimit must be a non-negative integer, got ${nestingLimit}`);
  }
  return { traversalLimitInWords, nestingLimit: Math.min(nestingLimit, UNLIMITED_NESTING) };
}

/** A message being read: its segments, its limits and (for RPC) its capability table. */
export class MessageReader {
  readonly segments: readonly Segment[];
  readonly nestingLimit: number;
  /** Capabilities referenced by index from capability pointers (filled by RPC). */
  capTable: readonly unknown[] = [];
  /** Per segment, one bit per word: pointer locations already charged. */
  readonly #charged: (Uint8Array | undefined)[] = [];
  /**
   * The words left before `traversal-limit`, split in two so that the part the fast path of
   * {@link charge} reads and decrements is a small integer: one reader holding `Infinity` or a
   * fraction there would make V8 box the field in every reader, adding a load and a store
   * through a heap number to each pointer followed. `#left` is at most SMALL_WORDS; `#reserve`
   * holds the rest (Infinity when unlimited) and refills it in the slow path.
   */
  #left: number;
  #reserve: number;

  /**
   * @param segments kept by reference: a builder's reader sees segments added later.
   */
  constructor(segments: readonly Segment[], options?: Partial<ReaderOptions>) {
    const resolved = resolveReaderOptions(options);
    this.segments = segments;
    // `| 0`: a small integer, so that readers hold it unboxed (see UNLIMITED_NESTING).
    this.nestingLimit = resolved.nestingLimit | 0;
    // Charges are whole words, so a fractional limit acts as its floor.
    const limit = Math.floor(resolved.traversalLimitInWords);
    this.#left = Math.min(limit, SMALL_WORDS);
    this.#reserve = limit - this.#left;
  }

  /** Words left before `traversal-limit`; Infinity when unlimited. */
  get traversalLeft(): number {
    return this.#left + this.#reserve;
  }

  /** A reader over segment byte arrays (not copied: reading is zero-copy). */
  static fromSegments(segments: readonly Uint8Array[], options?: Partial<ReaderOptions>) {
    return new MessageReader(
      segments.map((bytes, i) => {
        if (bytes.length % 8 !== 0) {
          throw new WireError('truncated', `Segment ${i} is not a whole number of words.`);
        }
        return new Segment(i, bytes);
      }),
      options,
    );
  }

  /** The root struct (the struct pointer in the first word of segment 0). */
  root<T = StructReader>(ctor?: StructReaderClass<T>): T | null {
    const segment = this.segments[0];
    if (segment === undefined || segment.bytes.length < 8) {
      throw new WireError('truncated', 'Message is empty: it has no root pointer.');
    }
    return readStructPointer(this, segment, 0, this.nestingLimit, ctor);
  }

  /**
   * Charges `words` for following the pointer at `byte` of `segment`, unless that pointer was
   * already charged.
   */
  charge(segment: Segment, byte: number, words: number): void {
    const bits = this.#charged[segment.id];
    if (bits === undefined || words > this.#left) {
      this.#chargeSlow(segment, byte, words);
      return;
    }
    const at = byte >>> 6;
    const seen = bits[at] as number;
    const mask = 1 << ((byte >>> 3) & 7);
    if ((seen & mask) === 0) {
      bits[at] = seen | mask;
      this.#left -= words;
    }
  }

  // The rest of `charge`, out of line so that its fast path stays small enough to inline.
  #chargeSlow(segment: Segment, byte: number, words: number): void {
    if (this.#reserve === Number.POSITIVE_INFINITY) return;
    let bits = this.#charged[segment.id];
    if (bits === undefined) {
      bits = new Uint8Array((segment.bytes.length >>> 6) + 1);
      this.#charged[segment.id] = bits;
    }
    const at = byte >>> 6;
    const mask = 1 << ((byte >>> 3) & 7);
    if ((bits[at] as number) & mask) return;
    // Refused reads are neither charged nor marked (as the reference's ReadLimiter): reading
    // the same pointer again must fail again, not pass as already paid for.
    const left = this.#left + this.#reserve;
    if (words > left) {
      throw new WireError(
        'traversal-limit',
        'Exceeded message traversal limit. See capnp::ReaderOptions (traversalLimitInWords).',
      );
    }
    bits[at] = (bits[at] as number) | mask;
    this.#left = Math.min(left - words, SMALL_WORDS);
    this.#reserve = left - words - this.#left;
  }
}

/**
 * A constructor taking a resolved struct's location, positionally (what {@link StructReader}'s
 * constructor takes), so callers can make objects of their own classes.
 */
export type StructReaderClass<T> = new (
  message: MessageReader,
  segment: Segment,
  dataByte: number,
  dataBytes: number,
  pointerByte: number,
  pointerCount: number,
  nestingLeft: number,
) => T;

/**
 * A struct resolved once into its segment, data section and pointer section; field reads are
 * plain DataView accesses at constant offsets. Reads past the sections return defaults (that is
 * how older and newer schemas read each other's data).
 */
export class StructReader {
  /** `segment.view`, kept here: field accessors read it on every access. */
  readonly view: DataView;

  constructor(
    readonly message: MessageReader,
    readonly segment: Segment,
    /** Byte offset of the data section in `segment`. */
    readonly dataByte: number,
    /** Size of the data section in bytes. */
    readonly dataBytes: number,
    /** Byte offset of the pointer section in `segment`. */
    readonly pointerByte: number,
    readonly pointerCount: number,
    /** How many more pointer levels may be followed below this struct. */
    readonly nestingLeft: number,
  ) {
    this.view = segment.view;
  }
}

/** A resolved list's location, as {@link ListReader}'s constructor takes it. */
export type ListReaderPlace = [
  message: MessageReader,
  segment: Segment,
  byte: number,
  length: number,
  elementSize: ElementSize,
  stepBits: number,
  structDataBytes: number,
  structPointerCount: number,
  nestingLeft: number,
];

/** A constructor taking a resolved list's location, positionally (as {@link ListReader}'s does). */
export type ListReaderClass<T extends ListReader> = new (...place: ListReaderPlace) => T;

/**
 * A list resolved once. Element `i` starts at `byte + i * stepBits / 8` (bit lists: bit `i`);
 * for struct elements the data section is `structDataBytes` long, followed by
 * `structPointerCount` pointers. A composite list read as a primitive list reads the first
 * field of each element, as the reference does.
 */
export class ListReader {
  // Declared, not defined, fields, set by the constructor when it is given a place. Subclasses
  // that keep a proxy in their prototype chain (typed lists with `list[i]`) call `super()` with
  // no arguments and define the fields themselves: an assignment would ask the proxy first.
  declare readonly message: MessageReader;
  declare readonly segment: Segment;
  /** Byte offset of element 0 (after the tag word of a composite list). */
  declare readonly byte: number;
  declare readonly length: number;
  /** The element size code of the encoded list. */
  declare readonly elementSize: ElementSize;
  declare readonly stepBits: number;
  declare readonly structDataBytes: number;
  declare readonly structPointerCount: number;
  declare readonly nestingLeft: number;
  /** `segment.view`, kept here: element accessors read it on every access. */
  declare readonly view: DataView;

  /** For subclasses that define the fields themselves. */
  constructor();
  constructor(...place: ListReaderPlace);
  // No default parameter values: they would make this constructor, which every typed list's
  // construction runs, too large for V8 to inline.
  constructor(
    message?: MessageReader,
    segment?: Segment,
    byte?: number,
    length?: number,
    elementSize?: ElementSize,
    stepBits?: number,
    structDataBytes?: number,
    structPointerCount?: number,
    nestingLeft?: number,
  ) {
    if (segment === undefined) return;
    this.message = message as MessageReader;
    this.segment = segment;
    this.byte = byte as number;
    this.length = length as number;
    this.elementSize = elementSize as ElementSize;
    this.stepBits = stepBits as number;
    this.structDataBytes = structDataBytes as number;
    this.structPointerCount = structPointerCount as number;
    this.nestingLeft = nestingLeft as number;
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
}

// The target of the last pointer followed. Module-level scratch instead of a result object so
// that following a pointer allocates nothing; no reentrancy is possible between set and use.
let tSegment: Segment;
let tByte = 0;
let tLower = 0;
let tUpper = 0;

function outOfBounds(what: string): WireError {
  return new WireError('pointer-out-of-bounds', `Message contains out-of-bounds ${what} pointer.`);
}

/**
 * Follows the pointer at `byte` of `segment` through any far landing pad. Returns false for a
 * null pointer; otherwise sets the scratch target (segment, target byte, and the lower/upper
 * halves of the pointer or tag that describes the object).
 */
function follow(message: MessageReader, segment: Segment, byte: number): boolean {
  const view = segment.view;
  const lower = view.getUint32(byte, true);
  const upper = view.getUint32(byte + 4, true);
  if ((lower & 3) !== PointerKind.far) {
    if (lower === 0 && upper === 0) return false;
    tSegment = segment;
    tByte = byte + 8 + (lower >> 2) * 8;
    tLower = lower;
    tUpper = upper;
    return true;
  }
  const padSegment = message.segments[upper];
  if (padSegment === undefined) {
    throw new WireError(
      'pointer-out-of-bounds',
      'Message contains far pointer to unknown segment.',
    );
  }
  const isDouble = (lower & 4) !== 0;
  const padByte = (lower >>> 3) * 8;
  if (padByte + (isDouble ? 16 : 8) > padSegment.bytes.length) {
    throw new WireError('pointer-out-of-bounds', 'Message contains out-of-bounds far pointer.');
  }
  const padView = padSegment.view;
  const padLower = padView.getUint32(padByte, true);
  const padUpper = padView.getUint32(padByte + 4, true);
  if (!isDouble) {
    if ((padLower & 3) === PointerKind.far) {
      throw new WireError('bad-pointer', 'Far pointer landing pad is itself a far pointer.');
    }
    tSegment = padSegment;
    tByte = padByte + 8 + (padLower >> 2) * 8;
    tLower = padLower;
    tUpper = padUpper;
    return true;
  }
  const contentSegment = message.segments[padUpper];
  if (contentSegment === undefined) {
    throw new WireError(
      'pointer-out-of-bounds',
      'Message contains double-far pointer to unknown segment.',
    );
  }
  if ((padLower & 7) !== PointerKind.far) {
    throw new WireError('bad-pointer', 'Second word of double-far pad must be far pointer.');
  }
  tSegment = contentSegment;
  tByte = (padLower >>> 3) * 8;
  tLower = padView.getUint32(padByte + 8, true);
  tUpper = padView.getUint32(padByte + 12, true);
  return true;
}

function checkNesting(nestingLeft: number): void {
  if (nestingLeft <= 0) {
    throw new WireError(
      'nesting-limit',
      'Message is too deeply-nested or contains cycles. See capnp::ReaderOptions (nestingLimit).',
    );
  }
}

/** Where {@link locateStruct} found its struct; valid until its next call. */
export const foundStruct = { byte: 0, dataBytes: 0, pointerCount: 0 };

/**
 * The common case of reading a struct pointer, small enough for V8 to inline: true if the
 * pointer at `byte` is a non-null near struct pointer to a struct inside `segment` and the
 * nesting limit allows it (then charged, and its place is in {@link foundStruct}); false for
 * anything else, which {@link readStructPointer} reads (or refuses with the reference's
 * errors). Callers that construct the struct object themselves, one construction site per
 * struct type, keep V8's feedback at each site monomorphic.
 */
export function locateStruct(
  message: MessageReader,
  segment: Segment,
  byte: number,
  nestingLeft: number,
): boolean {
  const view = segment.view;
  const lower = view.getUint32(byte, true);
  const upper = view.getUint32(byte + 4, true);
  const start = byte + 8 + (lower >> 2) * 8;
  const dataWords = upper & 0xffff;
  const pointerCount = upper >>> 16;
  const words = dataWords + pointerCount;
  if (
    (lower & 3) !== PointerKind.struct ||
    (lower === 0 && upper === 0) ||
    nestingLeft <= 0 ||
    start < 0 ||
    start + words * 8 > segment.bytes.length
  )
    return false;
  message.charge(segment, byte, words);
  foundStruct.byte = start;
  foundStruct.dataBytes = dataWords * 8;
  foundStruct.pointerCount = pointerCount;
  return true;
}

/** Reads the struct pointer at `byte` of `segment`; null pointer → null. */
export function readStructPointer<T = StructReader>(
  message: MessageReader,
  segment: Segment,
  byte: number,
  nestingLeft: number,
  ctor?: StructReaderClass<T>,
): T | null {
  const Ctor = (ctor ?? StructReader) as StructReaderClass<T>;
  if (locateStruct(message, segment, byte, nestingLeft)) {
    const f = foundStruct;
    const pointers = f.byte + f.dataBytes;
    return new Ctor(
      message,
      segment,
      f.byte,
      f.dataBytes,
      pointers,
      f.pointerCount,
      nestingLeft - 1,
    );
  }
  if (!follow(message, segment, byte)) return null;
  checkNesting(nestingLeft);
  if ((tLower & 3) !== PointerKind.struct) {
    throw new WireError(
      'wrong-pointer-kind',
      'Message contains non-struct pointer where struct pointer was expected.',
    );
  }
  const dataWords = tUpper & 0xffff;
  const pointerCount = tUpper >>> 16;
  const words = dataWords + pointerCount;
  const target = tSegment;
  const start = tByte;
  if (start < 0 || start + words * 8 > target.bytes.length) throw outOfBounds('struct');
  message.charge(segment, byte, words);
  return new Ctor(
    message,
    target,
    start,
    dataWords * 8,
    start + dataWords * 8,
    pointerCount,
    nestingLeft - 1,
  );
}

/** Bits of data and pointers per element of each element size (pointers count 64 bits). */
const DATA_BITS = [0, 1, 8, 16, 32, 64, 0, 0];
const POINTERS = [0, 0, 0, 0, 0, 0, 1, 0];

/**
 * Reads the list pointer at `byte` of `segment` as a list of `expected` elements (use
 * `ElementSize.inlineComposite` for struct lists); null pointer → null. Accepts every encoding
 * the reference accepts for that element type and rejects the rest with a typed error.
 */
export function readListPointer<T extends ListReader = ListReader>(
  message: MessageReader,
  segment: Segment,
  byte: number,
  nestingLeft: number,
  expected: ElementSize,
  ctor?: ListReaderClass<T>,
): T | null {
  // Fast path, small enough for V8 to inline: a near pointer to a struct list in this segment,
  // read as a struct list, with every check below passing. Anything else takes the full path,
  // which checks again and throws the reference's errors.
  if (expected === ElementSize.inlineComposite && nestingLeft > 0) {
    const view = segment.view;
    const lower = view.getUint32(byte, true);
    const upper = view.getUint32(byte + 4, true);
    const start = byte + 8 + (lower >> 2) * 8;
    const wordCount = upper >>> 3;
    if (
      (lower & 3) === PointerKind.list &&
      (upper & 7) === ElementSize.inlineComposite &&
      start >= 0 &&
      start + (wordCount + 1) * 8 <= segment.bytes.length
    ) {
      const tagLower = view.getUint32(start, true);
      const tagUpper = view.getUint32(start + 4, true);
      const length = tagLower >>> 2;
      const dataWords = tagUpper & 0xffff;
      const pointerCount = tagUpper >>> 16;
      const wordsPerElement = dataWords + pointerCount;
      if (
        (tagLower & 3) === PointerKind.struct &&
        wordsPerElement > 0 &&
        length * wordsPerElement <= wordCount
      ) {
        message.charge(segment, byte, wordCount + 1);
        return new (ctor ?? (ListReader as unknown as ListReaderClass<T>))(
          message,
          segment,
          start + 8,
          length,
          ElementSize.inlineComposite,
          wordsPerElement * 64,
          dataWords * 8,
          pointerCount,
          nestingLeft - 1,
        );
      }
    }
  }
  return readAnyListPointer(message, segment, byte, nestingLeft, expected, ctor);
}

function readAnyListPointer<T extends ListReader>(
  message: MessageReader,
  segment: Segment,
  byte: number,
  nestingLeft: number,
  expected: ElementSize,
  ctor: ListReaderClass<T> | undefined,
): T | null {
  const Ctor = (ctor ?? ListReader) as ListReaderClass<T>;
  if (!follow(message, segment, byte)) return null;
  checkNesting(nestingLeft);
  if ((tLower & 3) !== PointerKind.list) {
    throw new WireError(
      'wrong-pointer-kind',
      'Message contains non-list pointer where list pointer was expected.',
    );
  }
  const target = tSegment;
  const start = tByte;
  const elementSize = (tUpper & 7) as ElementSize;
  const count = tUpper >>> 3;
  if (elementSize === ElementSize.inlineComposite) {
    const wordCount = count;
    if (start < 0 || start + (wordCount + 1) * 8 > target.bytes.length) throw outOfBounds('list');
    const tagLower = target.view.getUint32(start, true);
    const tagUpper = target.view.getUint32(start + 4, true);
    if ((tagLower & 3) !== PointerKind.struct) {
      throw new WireError(
        'bad-pointer',
        'INLINE_COMPOSITE lists of non-STRUCT type are not supported.',
      );
    }
    const length = tagLower >>> 2;
    const dataWords = tagUpper & 0xffff;
    const pointerCount = tagUpper >>> 16;
    const wordsPerElement = dataWords + pointerCount;
    if (length * wordsPerElement > wordCount) {
      throw new WireError(
        'bad-pointer',
        "INLINE_COMPOSITE list's elements overrun its word count.",
      );
    }
    // A list of zero-sized structs can claim billions of elements in one word: charge one word
    // per element, as the reference does, so such lists cannot amplify work.
    message.charge(segment, byte, wordsPerElement === 0 ? length + 1 : wordCount + 1);
    switch (expected) {
      case ElementSize.bit:
        throw new WireError(
          'wrong-element-size',
          'Found struct list where bit list was expected; upgrading boolean lists to structs is no longer supported.',
        );
      case ElementSize.byte:
      case ElementSize.twoBytes:
      case ElementSize.fourBytes:
      case ElementSize.eightBytes:
        if (dataWords === 0) {
          throw new WireError(
            'wrong-element-size',
            'Expected a primitive list, but got a list of pointer-only structs.',
          );
        }
        break;
      case ElementSize.pointer:
        if (pointerCount === 0) {
          throw new WireError(
            'wrong-element-size',
            'Expected a pointer list, but got a list of data-only structs.',
          );
        }
        break;
    }
    return new Ctor(
      message,
      target,
      start + 8,
      length,
      elementSize,
      wordsPerElement * 64,
      dataWords * 8,
      pointerCount,
      nestingLeft - 1,
    );
  }
  const dataBits = DATA_BITS[elementSize] as number;
  const pointers = POINTERS[elementSize] as number;
  const step = dataBits + pointers * 64;
  const words = Math.ceil((count * step) / 64);
  if (start < 0 || start + words * 8 > target.bytes.length) throw outOfBounds('list');
  message.charge(segment, byte, elementSize === ElementSize.void ? count : words);
  if (elementSize === ElementSize.bit && expected !== ElementSize.bit) {
    throw new WireError(
      'wrong-element-size',
      'Found bit list where struct list was expected; upgrading boolean lists to structs is no longer supported.',
    );
  }
  if ((DATA_BITS[expected] as number) > dataBits || (POINTERS[expected] as number) > pointers) {
    throw new WireError(
      'wrong-element-size',
      'Message contained list with incompatible element type.',
    );
  }
  return new Ctor(
    message,
    target,
    start,
    count,
    elementSize,
    step,
    dataBits >>> 3,
    pointers,
    nestingLeft - 1,
  );
}

/** Resolves a byte-list pointer (Text or Data) and returns its target; null pointer → false. */
function followBytes(
  message: MessageReader,
  segment: Segment,
  byte: number,
  what: 'text' | 'data',
): boolean {
  if (!follow(message, segment, byte)) return false;
  if ((tLower & 3) !== PointerKind.list) {
    throw new WireError(
      'wrong-pointer-kind',
      `Message contains non-list pointer where ${what} was expected.`,
    );
  }
  if ((tUpper & 7) !== ElementSize.byte) {
    throw new WireError(
      'wrong-element-size',
      `Message contains list pointer of non-bytes where ${what} was expected.`,
    );
  }
  const length = tUpper >>> 3;
  if (tByte < 0 || tByte + Math.ceil(length / 8) * 8 > tSegment.bytes.length) {
    throw outOfBounds('list');
  }
  message.charge(segment, byte, Math.ceil(length / 8));
  tUpper = length;
  return true;
}

/** Reads the Text pointer at `byte` of `segment` as a string; null pointer → null. */
export function readTextPointer(
  message: MessageReader,
  segment: Segment,
  byte: number,
): string | null {
  // Fast path: a near pointer to a byte list inside this segment (nearly every Text).
  const view = segment.view;
  const lower = view.getUint32(byte, true);
  const upper = view.getUint32(byte + 4, true);
  if ((lower & 3) === PointerKind.list && (upper & 7) === ElementSize.byte) {
    const start = byte + 8 + (lower >> 2) * 8;
    const length = upper >>> 3;
    const words = (length + 7) >>> 3;
    const bytes = segment.bytes;
    if (start >= 0 && start + words * 8 <= bytes.length) {
      message.charge(segment, byte, words);
      if (length === 0 || bytes[start + length - 1] !== 0) throw notNulTerminated();
      return decodeUtf8(bytes, start, length - 1);
    }
  }
  return readAnyTextPointer(message, segment, byte);
}

// The rest of readTextPointer, out of line so that its fast path stays small enough to inline.
function readAnyTextPointer(message: MessageReader, segment: Segment, byte: number): string | null {
  if (!followBytes(message, segment, byte, 'text')) return null;
  const length = tUpper;
  if (length === 0 || tSegment.bytes[tByte + length - 1] !== 0) throw notNulTerminated();
  return decodeUtf8(tSegment.bytes, tByte, length - 1);
}

function notNulTerminated(): WireError {
  return new WireError('bad-text', 'Message contains text that is not NUL-terminated.');
}

/** Reads the Data pointer at `byte` of `segment` as a view into the message; null → null. */
export function readDataPointer(
  message: MessageReader,
  segment: Segment,
  byte: number,
): Uint8Array | null {
  if (!followBytes(message, segment, byte, 'data')) return null;
  return tSegment.bytes.subarray(tByte, tByte + tUpper);
}

/** What kind of object a pointer refers to, after following far pointers. */
export type PointerTargetKind = 'null' | 'struct' | 'list' | 'capability';

/** The kind of object the pointer at `byte` of `segment` refers to. */
export function pointerTargetKind(
  message: MessageReader,
  segment: Segment,
  byte: number,
): PointerTargetKind {
  if (!follow(message, segment, byte)) return 'null';
  switch (tLower & 3) {
    case PointerKind.struct:
      return 'struct';
    case PointerKind.list:
      return 'list';
    default:
      if (tLower !== PointerKind.other) {
        throw new WireError('bad-pointer', 'Unknown pointer type.');
      }
      return 'capability';
  }
}

/** Reads the capability pointer at `byte` of `segment`: its cap table index, or null. */
export function readCapabilityPointer(
  message: MessageReader,
  segment: Segment,
  byte: number,
): number | null {
  if (!follow(message, segment, byte)) return null;
  if (tLower !== PointerKind.other) {
    throw new WireError(
      'wrong-pointer-kind',
      'Message contains non-capability pointer where capability pointer was expected.',
    );
  }
  return tUpper;
}

/**
 * Low-level access to the target of the pointer at `byte` of `segment`, for code that walks
 * messages generically (copying, canonicalizing, printing). Returns null for a null pointer.
 * No limits are charged and no bounds are checked beyond the landing pads: callers check.
 */
export function resolvePointer(
  message: MessageReader,
  segment: Segment,
  byte: number,
): { segment: Segment; byte: number; lower: number; upper: number } | null {
  if (!follow(message, segment, byte)) return null;
  return { segment: tSegment, byte: tByte, lower: tLower, upper: tUpper };
}
