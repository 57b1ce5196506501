/**
 * What both entries export (the Node entry adds `load`): loading, types, errors, type tokens.
 */

export { CompileError } from '@capnp-kit/compiler';
export { WireError, type WireErrorCode } from '@capnp-kit/wire';
export { AnyPointerBuilder, AnyPointerReader } from './any-pointer.js';
export { CapnpError, type CapnpErrorCode } from './errors.js';
export type { FromJsonOptions } from './json/decode.js';
export {
  type FormatJsonOptions,
  formatJson,
  formatJsonBytes,
} from './json/encode.js';
export { ListBuilderBase, ListReaderBase } from './list-base.js';
export {
  type LoadCompiledOptions,
  type LoadSourceOptions,
  loadCompiled,
  loadSource,
} from './load.js';
export type { EnumType, LoadedModule } from './module-object.js';
export { DEFAULT_READER_OPTIONS, type ReaderOptions } from './read-options.js';
export {
  readMultipleSegments,
  readMultipleSegmentsPacked,
  readSegments,
  readSegmentsPacked,
} from './streams/read-segments.js';
export type { NodeReadableLike, StreamSource, WebReadableLike } from './streams/sources.js';
export type { NodeWritableLike, StreamSink, WebWritableLike } from './streams/write-bytes.js';
export { StructBuilderBase, StructReaderBase } from './struct-base.js';
export type { StructType } from './struct-type.js';
export { type FormatTextOptions, formatText, formatTextBytes } from './text/format.js';
export { type FromTextOptions, TextFormatError } from './text/parse.js';
export type { ToObjectOptions } from './to-object.js';
export {
  AnyPointer,
  Bool,
  Data,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  Text,
  type TypeToken,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Void,
} from './type-token.js';
