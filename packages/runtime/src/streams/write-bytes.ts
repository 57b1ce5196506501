import { CapnpError } from '../errors.js';

/** What this package uses of a Node `Writable` (fs streams, sockets, `PassThrough`, …). */
export interface NodeWritableLike {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** What this package uses of a WHATWG `WritableStream`. */
export interface WebWritableLike {
  getWriter(): {
    write(chunk: Uint8Array): Promise<void>;
    releaseLock(): void;
  };
}

/** A stream messages are written to: a Node Writable or a WHATWG WritableStream. */
export type StreamSink = NodeWritableLike | WebWritableLike;

function isWebWritable(stream: unknown): stream is WebWritableLike {
  return (
    typeof stream === 'object' &&
    stream !== null &&
    typeof (stream as Partial<WebWritableLike>).getWriter === 'function'
  );
}

function isNodeWritable(stream: unknown): stream is NodeWritableLike {
  const s = stream as Partial<NodeWritableLike> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.write === 'function' &&
    typeof s.on === 'function'
  );
}

/**
 * Writes `bytes` (one whole message, in a buffer of its own so the stream may keep it) to
 * `stream`. Resolves once the stream has taken the chunk: a Node Writable's write callback has
 * run, a WHATWG writer's `write` has resolved, so awaiting each write respects backpressure.
 * Rejects with the stream's error (a destroyed or ended Node stream, an errored WHATWG one).
 */
export async function writeBytes(stream: StreamSink, bytes: Uint8Array): Promise<void> {
  if (isWebWritable(stream)) {
    const writer = stream.getWriter();
    try {
      await writer.write(bytes);
    } finally {
      writer.releaseLock();
    }
    return;
  }
  if (isNodeWritable(stream)) {
    await new Promise<void>((resolve, reject) => {
      stream.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
    return;
  }
  const kind = stream === null ? 'null' : typeof stream;
  throw new CapnpError(
    'invalid-value',
    `Expected a Node Writable or a WritableStream to write to; got ${kind}.`,
  );
}
