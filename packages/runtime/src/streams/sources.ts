import { CapnpError } from '../errors.js';

/**
 * The streams messages are read from, recognized by shape (no `node:*` import, so this works in
 * browsers): Node Readables, WHATWG ReadableStreams, and any AsyncIterable of byte chunks.
 */

/** What this package uses of a Node `Readable` (fs streams, sockets, `PassThrough`, …). */
export interface NodeReadableLike {
  read(size?: number): unknown;
  unshift(chunk: Uint8Array): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  readonly readableEnded?: boolean;
  readonly destroyed?: boolean;
  readonly errored?: unknown;
}

/** What this package uses of a WHATWG `ReadableStream` of `Uint8Array` chunks. */
export interface WebReadableLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: unknown }>;
    releaseLock(): void;
  };
}

/**
 * A stream of message bytes: a Node Readable, a WHATWG ReadableStream or an AsyncIterable of
 * `Uint8Array` chunks. Chunks may split messages anywhere and hold several messages.
 */
export type StreamSource = NodeReadableLike | WebReadableLike | AsyncIterable<Uint8Array>;

/**
 * Where a reader gets chunks from, and gives back the bytes it read past the end of its last
 * message (in order), so the next read of the same stream starts with them.
 */
export interface ChunkSource {
  /** The next chunk, or null at the end of the stream. */
  next(): Promise<Uint8Array | null>;
  /** Ends this use of the stream, handing back unconsumed bytes. */
  release(leftover: readonly Uint8Array[]): void;
}

/** True for a Node Readable (structurally: `read`, `unshift` and `on`). */
export function isNodeReadable(stream: unknown): stream is NodeReadableLike {
  const s = stream as Partial<NodeReadableLike> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.read === 'function' &&
    typeof s.unshift === 'function' &&
    typeof s.on === 'function' &&
    typeof s.removeListener === 'function'
  );
}

/** True for a WHATWG ReadableStream (structurally: `getReader`). */
export function isWebReadable(stream: unknown): stream is WebReadableLike {
  return (
    typeof stream === 'object' &&
    stream !== null &&
    typeof (stream as Partial<WebReadableLike>).getReader === 'function'
  );
}

function isAsyncIterable(stream: unknown): stream is AsyncIterable<unknown> {
  return (
    typeof stream === 'object' &&
    stream !== null &&
    typeof (stream as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'an object';
}

function bytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  throw new CapnpError(
    'invalid-value',
    `A stream chunk must be a Uint8Array; got ${describe(chunk)}${typeof chunk === 'string' ? ' (was setEncoding called on the stream?)' : ''}.`,
  );
}

/**
 * Bytes read past a message from a WHATWG stream or an async iterable (or a Node stream that
 * has ended): they cannot be given back, so they wait here for the next read of the same stream. Async iterables also keep their
 * iterator, since asking an iterable for a new one may start over (or return the same one).
 */
const pending = new WeakMap<object, Uint8Array[]>();
const iterators = new WeakMap<object, { iterator: AsyncIterator<unknown>; done: boolean }>();

/**
 * Opens `stream` for one read (of one or several messages). Node streams get their unread bytes
 * back with `unshift`, so the next reader, ours or not, sees them (unless the stream has already
 * emitted 'end': then they wait in `pending`); WHATWG streams are unlocked again after each read
 * and their unread bytes kept in `pending`.
 */
export function openSource(stream: StreamSource): ChunkSource {
  if (isNodeReadable(stream)) return nodeSource(stream);
  if (isWebReadable(stream)) return webSource(stream);
  if (isAsyncIterable(stream)) return iterableSource(stream);
  throw new CapnpError(
    'invalid-value',
    `Expected a Node Readable, a ReadableStream or an AsyncIterable of Uint8Array; got ${describe(stream)}.`,
  );
}

function nodeSource(stream: NodeReadableLike): ChunkSource {
  const queue = pending.get(stream) ?? [];
  pending.delete(stream);
  return {
    async next() {
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      for (;;) {
        if (stream.errored) throw stream.errored;
        const chunk = stream.read();
        if (chunk !== null && chunk !== undefined) return bytes(chunk);
        if (stream.readableEnded === true || stream.destroyed === true) return null;
        await readableOrEnd(stream);
      }
    },
    release(leftover) {
      const rest = [...leftover, ...queue];
      // After 'end' a Node stream refuses unshift (it would emit an error): keep them here.
      if (stream.readableEnded === true || stream.destroyed === true) {
        if (rest.length > 0) pending.set(stream, rest);
        return;
      }
      // unshift puts a chunk in front of the others: give them back last first.
      for (let i = rest.length - 1; i >= 0; i--) stream.unshift(rest[i] as Uint8Array);
    },
  };
}

/** Waits until a Node stream has data, ends, closes or fails (then rejects). */
function readableOrEnd(stream: NodeReadableLike): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.removeListener('readable', done);
      stream.removeListener('end', done);
      stream.removeListener('close', done);
      stream.removeListener('error', failed);
      resolve();
    };
    const failed = (error: unknown) => {
      done();
      reject(error);
    };
    stream.on('readable', done);
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', failed);
  });
}

function webSource(stream: WebReadableLike): ChunkSource {
  const queue = pending.get(stream) ?? [];
  pending.delete(stream);
  let reader: ReturnType<WebReadableLike['getReader']> | undefined;
  return {
    async next() {
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      reader ??= stream.getReader();
      const result = await reader.read();
      return result.done ? null : bytes(result.value);
    },
    release(leftover) {
      reader?.releaseLock();
      const rest = [...leftover, ...queue];
      if (rest.length > 0) pending.set(stream, rest);
    },
  };
}

function iterableSource(stream: AsyncIterable<unknown>): ChunkSource {
  let state = iterators.get(stream);
  if (state === undefined) {
    state = { iterator: stream[Symbol.asyncIterator](), done: false };
    iterators.set(stream, state);
  }
  const s = state;
  const queue = pending.get(stream) ?? [];
  pending.delete(stream);
  return {
    async next() {
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      if (s.done) return null;
      const result = await s.iterator.next();
      if (result.done === true) {
        s.done = true;
        return null;
      }
      return bytes(result.value);
    },
    release(leftover) {
      const rest = [...leftover, ...queue];
      if (rest.length > 0) pending.set(stream, rest);
    },
  };
}
