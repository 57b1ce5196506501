import type { Brand, Node } from '@capnp-kit/compiler/schema';
import {
  type BuilderOptions,
  decodeFrame,
  decodeSegmentTable,
  MessageBuilder,
  MessageReader,
  type ReaderOptions,
  Unpacker,
  unpack,
  WireError,
} from '@capnp-kit/wire';
import { CapnpError } from './errors.js';
import { feature } from './features.js';
import type { FromJsonOptions } from './json/decode.js';
import { readerOptions } from './read-options.js';
import type { StructSchema } from './reflection.js';
import type { Registry, StructClasses } from './registry.js';
import type { StreamSource } from './streams/sources.js';
import type { StructBuilderBase, StructReaderBase } from './struct-base.js';
import type { FromTextOptions } from './text/parse.js';
import { isTypeToken, type TypeToken } from './type-token.js';

/**
 * A struct type of a loaded schema: makes new messages and reads serialized ones. Nested
 * declarations are properties of it (`Person.PhoneNumber`). A generic struct is also a function
 * applying its parameters (`Box(Text)`).
 */
export interface StructType<R = StructReaderBase, B = StructBuilderBase> extends TypeToken {
  (...params: TypeToken[]): StructType<R, B>;
  /** Reflection: fields, union members, annotations, and the schema node's properties. */
  readonly schema: StructSchema;
  /** @internal */
  readonly $classes: StructClasses;
  /** A builder of a new message whose root is this struct, fields set from `init`. */
  newMessage(
    init?: Record<string, unknown> | StructReaderBase,
    options?: Partial<BuilderOptions>,
  ): B;
  /** Reads a message in the standard framing (zero-copy; the bytes are never modified). */
  fromBytes(bytes: Uint8Array, options?: Partial<ReaderOptions>): R;
  /** Reads a packed message. */
  fromBytesPacked(bytes: Uint8Array, options?: Partial<ReaderOptions>): R;
  /** Reads a message given as its segments (zero-copy). */
  fromSegments(segments: readonly Uint8Array[], options?: Partial<ReaderOptions>): R;
  /** Reads consecutive framed messages from one buffer. */
  readMultipleBytes(bytes: Uint8Array, options?: Partial<ReaderOptions>): Iterable<R>;
  /** Reads consecutive packed messages from one buffer. */
  readMultipleBytesPacked(bytes: Uint8Array, options?: Partial<ReaderOptions>): Iterable<R>;
  /**
   * Reads one framed message from a stream (Node Readable, WHATWG ReadableStream or async
   * iterable of chunks), consuming exactly its bytes: a following read continues after it.
   * Rejects with WireError `truncated` if the stream ends first.
   */
  read(stream: StreamSource, options?: Partial<ReaderOptions>): Promise<R>;
  /** Reads one packed message from a stream; see {@link read}. */
  readPacked(stream: StreamSource, options?: Partial<ReaderOptions>): Promise<R>;
  /** Reads consecutive framed messages from a stream until it ends. */
  readMultiple(stream: StreamSource, options?: Partial<ReaderOptions>): AsyncIterable<R>;
  /** Reads consecutive packed messages from a stream until it ends. */
  readMultiplePacked(stream: StreamSource, options?: Partial<ReaderOptions>): AsyncIterable<R>;
  /**
   * A new message holding the struct written in the Cap'n Proto text format (`(a = 1, b = "x")`),
   * read as `capnp convert text:binary` reads it; its `toBytes()` equal that command's output.
   * Throws TextFormatError (code `invalid-text`) naming the line and column.
   */
  fromText(text: string | Uint8Array, options?: Partial<FromTextOptions>): B;
  /**
   * A new message holding the struct given as JSON text or a parsed JSON value, read as
   * `capnp convert json:binary` reads it (json.capnp annotations honoured); its `toBytes()`
   * equal that command's output. Throws CapnpError `invalid-json`.
   */
  fromJSON(json: string | Uint8Array | object, options?: Partial<FromJsonOptions>): B;
  readonly Reader: StructClasses['Reader'];
  readonly Builder: StructClasses['Builder'];
  readonly [nested: string]: unknown;
}

/** Reads the root of a message with `classes` (an empty message reads as all defaults). */
export function readRoot(
  reg: Registry,
  classes: StructClasses,
  message: MessageReader,
): StructReaderBase {
  return message.root(classes.Reader) ?? reg.defaultStruct(classes, null);
}

/** The messages of a stream as readers (the stream is opened before the first iteration). */
async function* readersOf(
  messages: AsyncIterable<Uint8Array[]>,
  fromSegments: (segments: Uint8Array[], options?: Partial<ReaderOptions>) => StructReaderBase,
  options: Partial<ReaderOptions> | undefined,
): AsyncGenerator<StructReaderBase, void, undefined> {
  for await (const segments of messages) yield fromSegments(segments, options);
}

/** Creates the type object of struct `node` with `brand`. */
export function makeStructType(
  reg: Registry,
  node: Node & { which: 'struct' },
  brand: Brand | null,
  apply: (params: TypeToken[]) => StructType,
): StructType {
  const name = node.displayName.slice(node.displayNamePrefixLength);
  let classes: StructClasses | undefined;
  const c = () => {
    classes ??= reg.structClasses(node.id, brand);
    return classes;
  };
  const fromSegments = (segments: readonly Uint8Array[], options?: Partial<ReaderOptions>) =>
    readRoot(reg, c(), MessageReader.fromSegments(segments, readerOptions(options)));
  const fromBytes = (bytes: Uint8Array, options?: Partial<ReaderOptions>) => {
    const resolved = readerOptions(options);
    return fromSegments(decodeFrame(bytes, 0, resolved.traversalLimitInWords).segments, resolved);
  };
  const type = ((...params: TypeToken[]) => {
    if (node.parameters === null) throw new CapnpError('unknown-type', `${name} is not generic.`);
    for (const p of params)
      if (!isTypeToken(p)) throw new CapnpError('invalid-value', `${name}(…) takes types.`);
    return apply(params);
  }) as unknown as StructType;
  Object.defineProperties(type, {
    name: { value: name },
    $type: { value: Object.freeze({ which: 'struct', typeId: node.id, brand }) },
    $classes: { get: c },
    Reader: { get: () => c().Reader },
    Builder: { get: () => c().Builder },
    newMessage: {
      value(init?: unknown, options?: Partial<BuilderOptions>) {
        const k = c();
        const message = new MessageBuilder({
          // Segments of a fixed size (no growth) are the reference's 1024 words unless given:
          // the hint sizes a first segment for the whole message, not every segment.
          firstSegmentWords: options?.growHeuristically === false ? 1024 : k.meta.sizeHint.words,
          spareRoom: true,
          ...options,
        });
        const root = message.initRoot(k.meta.dataWords, k.meta.pointerCount, k.Builder);
        if (init !== undefined) reg.assign(root, init, true);
        return root;
      },
    },
    fromBytes: { value: fromBytes },
    fromText: {
      value: (text: string | Uint8Array, options?: Partial<FromTextOptions>) =>
        newMessageFilled(c(), (root) => feature('parseTextInto')(root, text, options)),
    },
    fromJSON: {
      value: (json: string | Uint8Array | object, options?: Partial<FromJsonOptions>) =>
        newMessageFilled(c(), (root) => feature('decodeJsonInto')(root, json, options)),
    },
    fromSegments: { value: fromSegments },
    fromBytesPacked: {
      value(bytes: Uint8Array, options?: Partial<ReaderOptions>) {
        const resolved = readerOptions(options);
        return fromBytes(unpack(bytes, resolved.traversalLimitInWords), resolved);
      },
    },
    readMultipleBytes: {
      value: function* (bytes: Uint8Array, options?: Partial<ReaderOptions>) {
        const resolved = readerOptions(options);
        let offset = 0;
        while (offset < bytes.length) {
          const frame = decodeFrame(bytes, offset, resolved.traversalLimitInWords);
          offset += frame.byteLength;
          yield fromSegments(frame.segments, resolved);
        }
      },
    },
    readMultipleBytesPacked: {
      value: function* (bytes: Uint8Array, options?: Partial<ReaderOptions>) {
        const resolved = readerOptions(options);
        const unpacker = new Unpacker(bytes);
        while (!unpacker.done) {
          // The segment table first (one word, then the rest of it), then the segments.
          const first = unpacker.read(1);
          // The count is checked (too-many-segments) before it sizes the read of the rest.
          decodeSegmentTable(first, resolved.traversalLimitInWords);
          const count = new DataView(first.buffer).getUint32(0, true) + 1;
          const tableWords = Math.floor(count / 2);
          const rest = tableWords > 0 ? unpacker.read(tableWords) : new Uint8Array(0);
          const table = new Uint8Array(first.length + rest.length);
          table.set(first);
          table.set(rest, first.length);
          const parsed = decodeSegmentTable(table, resolved.traversalLimitInWords);
          if (parsed === null)
            throw new WireError('truncated', 'Packed message ends in its segment table.');
          // The body is one read, as the reference reads it: a packed run may cross from one
          // segment into the next, but not past the end of the message.
          let total = 0;
          for (const words of parsed.sizes) total += words;
          const body = unpacker.read(total);
          let at = 0;
          const segments = parsed.sizes.map((words) => {
            at += words * 8;
            return body.subarray(at - words * 8, at);
          });
          yield fromSegments(segments, resolved);
        }
      },
    },
    read: {
      async value(stream: StreamSource, options?: Partial<ReaderOptions>) {
        return fromSegments(await feature('readSegments')(stream, options), options);
      },
    },
    readPacked: {
      async value(stream: StreamSource, options?: Partial<ReaderOptions>) {
        return fromSegments(await feature('readSegmentsPacked')(stream, options), options);
      },
    },
    readMultiple: {
      value(stream: StreamSource, options?: Partial<ReaderOptions>) {
        return readersOf(feature('readMultipleSegments')(stream, options), fromSegments, options);
      },
    },
    readMultiplePacked: {
      value(stream: StreamSource, options?: Partial<ReaderOptions>) {
        return readersOf(
          feature('readMultipleSegmentsPacked')(stream, options),
          fromSegments,
          options,
        );
      },
    },
  });
  return type;
}

/** A builder of a new message filled by `fill` (parsers fill a scratch message, then copy it). */
function newMessageFilled(
  classes: StructClasses,
  fill: (root: StructBuilderBase) => void,
): StructBuilderBase {
  const scratch = new MessageBuilder();
  const root = scratch.initRoot(classes.meta.dataWords, classes.meta.pointerCount, classes.Builder);
  fill(root);
  return classes.meta.copyToNewMessage(root.asReader());
}
