import type { CodeGeneratorRequest } from '@capnp-kit/compiler/schema';
import { CapnpError } from './errors.js';
import type { FromJsonOptions } from './json/decode.js';
import type { ReaderOptions } from './read-options.js';
import type { Registry } from './registry.js';
import type { StreamSource } from './streams/sources.js';
import type { StreamSink } from './streams/write-bytes.js';
import type { StructBuilderBase } from './struct-base.js';
import type { FromTextOptions } from './text/parse.js';

/**
 * The runtime's optional parts: the text format, the JSON codec, streams and the decoder of
 * CodeGeneratorRequest bytes. The structs and
 * lists call them through this table, which the full entry (`@capnp-kit/runtime`) fills in
 * (codecs.ts), so that the serialization-only entry (`@capnp-kit/runtime/core`) leaves their
 * code out of browser bundles. This also breaks the cycle codec → registry → classes → codec.
 */
export interface Features {
  /** Decodes a CodeGeneratorRequest's bytes (schema modules pass the decoded request). */
  decodeRequest?: (bytes: Uint8Array) => CodeGeneratorRequest;
  /** The registry of every loaded schema (the codecs look up types by ID). */
  registry?: () => Registry;
  formatText?: (value: object) => string;
  toJsonValue?: (value: object) => unknown;
  parseTextInto?: (
    root: StructBuilderBase,
    text: string | Uint8Array,
    options?: Partial<FromTextOptions>,
  ) => void;
  decodeJsonInto?: (
    root: StructBuilderBase,
    json: string | Uint8Array | object,
    options?: Partial<FromJsonOptions>,
  ) => void;
  readSegments?: (stream: StreamSource, options?: Partial<ReaderOptions>) => Promise<Uint8Array[]>;
  readSegmentsPacked?: (
    stream: StreamSource,
    options?: Partial<ReaderOptions>,
  ) => Promise<Uint8Array[]>;
  readMultipleSegments?: (
    stream: StreamSource,
    options?: Partial<ReaderOptions>,
  ) => AsyncIterable<Uint8Array[]>;
  readMultipleSegmentsPacked?: (
    stream: StreamSource,
    options?: Partial<ReaderOptions>,
  ) => AsyncIterable<Uint8Array[]>;
  writeBytes?: (stream: StreamSink, bytes: Uint8Array) => Promise<void>;
}

export const features: Features = {};

/** Feature `name`, or an error saying how to get it. */
export function feature<K extends keyof Features>(name: K): NonNullable<Features[K]> {
  const f = features[name];
  if (f === undefined) {
    throw new CapnpError(
      'schema',
      `${name} is not part of @capnp-kit/runtime/core: import @capnp-kit/runtime for the text format, JSON, streams and compiled requests as bytes.`,
    );
  }
  return f as NonNullable<Features[K]>;
}
