/**
 * @capnp-kit/wire — the Cap'n Proto encoding, knowing nothing of schemas: segments, pointers,
 * struct and list readers and builders, Text and Data, far pointers, deep copy and canonical
 * form, stream framing, packing, and the limits that make untrusted input safe to read.
 */
export {
  adoptOrphan,
  allocateCompositeListAt,
  allocateListAt,
  allocateOrphan,
  allocateStructAt,
  type BuilderOptions,
  clearPointer,
  initCompositeListPointer,
  initListPointer,
  initStructPointer,
  ListBuilder,
  type ListBuilderClass,
  type ListBuilderPlace,
  lastAllocation,
  MessageBuilder,
  StructBuilder,
  type StructBuilderClass,
  setCapabilityPointer,
  setDataPointer,
  setTextPointer,
} from './builder.js';
export {
  type CopyOptions,
  canonicalize,
  canonicalizeStruct,
  copyPointer,
  setListPointer,
  setStructPointer,
  totalSize,
} from './copy.js';
export { WireError, type WireErrorCode } from './errors.js';
export {
  decodeFrame,
  decodeSegmentTable,
  encodeFrame,
  encodeSegmentTable,
  type Frame,
  MAX_SEGMENTS,
  segmentTableBytes,
  writeSegmentTable,
} from './framing.js';
export { pack, packPieces, Unpacker, unpack } from './packing.js';
export {
  ELEMENT_BITS,
  ElementSize,
  isNullPointer,
  MAX_LIST_COUNT,
  PointerKind,
  pointerOffset,
  writeCapabilityPointer,
  writeFarPointer,
  writeListPointer,
  writeStructPointer,
} from './pointer.js';
export {
  DEFAULT_READER_OPTIONS,
  foundStruct,
  ListReader,
  type ListReaderClass,
  type ListReaderPlace,
  locateStruct,
  MessageReader,
  type PointerTargetKind,
  pointerTargetKind,
  type ReaderOptions,
  readCapabilityPointer,
  readDataPointer,
  readListPointer,
  readStructPointer,
  readTextPointer,
  resolvePointer,
  resolveReaderOptions,
  StructReader,
  type StructReaderClass,
  UNLIMITED_NESTING,
} from './reader.js';
export { Segment } from './segment.js';
export { C_ESCAPES, decodeUtf8, encodeUtf8, encodeUtf8Into, utf8ByteLength } from './text.js';
