/**
 * @capnp-kit/runtime/core: messages from precompiled schemas (`loadCompiled`), with nothing a
 * serialization-only browser app does not need. Text format, JSON, streams, `loadSource` (the
 * compiler) and RPC are in the full entry, `@capnp-kit/runtime`; here their methods
 * (`toString()` as text, `toJSON()`, `fromText`, `read(stream)`, …) throw a CapnpError saying so.
 */

export { WireError, type WireErrorCode } from '@capnp-kit/wire';
export { AnyPointerBuilder, AnyPointerReader } from './any-pointer.js';
export { CapnpError, type CapnpErrorCode } from './errors.js';
export { ListBuilderBase, ListReaderBase } from './list-base.js';
export { type LoadCompiledOptions, loadCompiled } from './load-compiled.js';
export type { EnumType, LoadedModule } from './module-object.js';
export type * from './public-types.js';
export { DEFAULT_READER_OPTIONS, type ReaderOptions } from './read-options.js';
export type {
  AnnotationValue,
  DeclarationSchema,
  EnumerantSchema,
  EnumSchema,
  FieldSchema,
  InterfaceSchema,
  MethodSchema,
  StructSchema,
} from './reflection.js';
export { StructBuilderBase, StructReaderBase } from './struct-base.js';
export type { StructType } from './struct-type.js';
export type { ToObjectOptions } from './to-object.js';
export type { TypeToken } from './type-token.js';
// The built-in tokens, typed with the values they stand for (see typed-tokens.ts).
export {
  AnyPointer,
  Bool,
  type BuiltinToken,
  Data,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  Text,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Void,
} from './typed-tokens.js';
