/**
 * What both full entries export (the Node entry adds `load`): everything in core.ts, plus
 * loading from source, the text format, JSON, streams and RPC.
 */
import './codecs.js';

export { CompileError } from '@capnp-kit/compiler';
export * from './core.js';
export type { FromJsonOptions } from './json/decode.js';
export {
  type FormatJsonOptions,
  formatJson,
  formatJsonBytes,
} from './json/encode.js';
export { type LoadSourceOptions, loadSource } from './load.js';
export type * from './public-rpc-types.js';
// RPC (browser-safe parts; the Node entry adds TCP and unix sockets).
export * from './rpc/index.js';
export {
  readMultipleSegments,
  readMultipleSegmentsPacked,
  readSegments,
  readSegmentsPacked,
} from './streams/read-segments.js';
export type { NodeReadableLike, StreamSource, WebReadableLike } from './streams/sources.js';
export type { NodeWritableLike, StreamSink, WebWritableLike } from './streams/write-bytes.js';
export { type FormatTextOptions, formatText, formatTextBytes } from './text/format.js';
export { type FromTextOptions, TextFormatError } from './text/parse.js';
