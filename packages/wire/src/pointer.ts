/**
 * Pointer words (encoding spec, "Pointers"). A pointer is one little-endian 64-bit word read as
 * two 32-bit halves so that nothing on the hot path needs a bigint:
 *
 * - struct  `lower = offset << 2 | 0`, `upper = dataWords | pointerCount << 16`
 * - list    `lower = offset << 2 | 1`, `upper = elementSize | count << 3`
 * - far     `lower = padWord << 3 | double << 2 | 2`, `upper = segmentId`
 * - other   `lower = 3` (capability), `upper = capability table index`
 *
 * `offset` is a signed 30-bit count of words from the end of the pointer to the target.
 */
export const PointerKind = { struct: 0, list: 1, far: 2, other: 3 } as const;
export type PointerKind = (typeof PointerKind)[keyof typeof PointerKind];

/** List element sizes (encoding spec, "Lists"), the 3-bit code in a list pointer. */
export const ElementSize = {
  void: 0,
  bit: 1,
  byte: 2,
  twoBytes: 3,
  fourBytes: 4,
  eightBytes: 5,
  pointer: 6,
  inlineComposite: 7,
} as const;
export type ElementSize = (typeof ElementSize)[keyof typeof ElementSize];

/** Bits per element for each non-composite element size. */
export const ELEMENT_BITS: readonly number[] = [0, 1, 8, 16, 32, 64, 64, 0];

/** Largest element count a list pointer can hold (29 bits). */
export const MAX_LIST_COUNT = 0x1fffffff;

/** Largest word offset a struct or list pointer can hold (signed 30 bits). */
export const MAX_OFFSET = 0x1fffffff;

/** The signed 30-bit word offset of a struct or list pointer's lower half. */
export function pointerOffset(lower: number): number {
  return lower >> 2;
}

/** Writes a struct pointer at `byte` whose target starts `offset` words after the pointer's end. */
export function writeStructPointer(
  view: DataView,
  byte: number,
  offset: number,
  dataWords: number,
  pointerCount: number,
): void {
  view.setUint32(byte, ((offset << 2) | PointerKind.struct) >>> 0, true);
  view.setUint32(byte + 4, (dataWords | (pointerCount << 16)) >>> 0, true);
}

/** Writes a list pointer at `byte`. For inline-composite lists `count` is the word count. */
export function writeListPointer(
  view: DataView,
  byte: number,
  offset: number,
  elementSize: ElementSize,
  count: number,
): void {
  view.setUint32(byte, ((offset << 2) | PointerKind.list) >>> 0, true);
  view.setUint32(byte + 4, (elementSize | (count << 3)) >>> 0, true);
}

/** Writes a far pointer at `byte` to the landing pad at `padWord` of segment `segmentId`. */
export function writeFarPointer(
  view: DataView,
  byte: number,
  isDouble: boolean,
  padWord: number,
  segmentId: number,
): void {
  view.setUint32(byte, ((padWord << 3) | (isDouble ? 4 : 0) | PointerKind.far) >>> 0, true);
  view.setUint32(byte + 4, segmentId >>> 0, true);
}

/** Writes a capability pointer at `byte` naming entry `index` of the message's cap table. */
export function writeCapabilityPointer(view: DataView, byte: number, index: number): void {
  view.setUint32(byte, PointerKind.other, true);
  view.setUint32(byte + 4, index >>> 0, true);
}

/** True if the pointer word at `byte` is all zeros (null). */
export function isNullPointer(view: DataView, byte: number): boolean {
  return view.getUint32(byte, true) === 0 && view.getUint32(byte + 4, true) === 0;
}
