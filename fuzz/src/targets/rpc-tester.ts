import { RpcError } from '@capnp-kit/runtime';
import { type Any, interopSchema } from './rpc-schemas.js';

/**
 * The server the RPC campaign attacks: interop.capnp's Tester (the interface the RPC interop
 * tests use), so that fuzzed calls reach methods that take and return capabilities, call back,
 * stream, hang until cancelled and throw. Work per call is bounded (a `count` from the wire is
 * capped): the campaign measures the RPC layer, not a server that does what it is asked.
 *
 * Every promise a method returns, and every call it makes on a capability it was given, is
 * entered in a {@link PendingRegistry} until it settles: once the connection that caused them
 * has ended, none may be left (a call the RPC layer forgot to cancel or reject).
 */

/** Largest `count` the server honours (callBack, callOrder). */
const MAX_COUNT = 8;

/** Promises of server-side work still running. */
export class PendingRegistry {
  readonly #pending = new Map<Promise<unknown>, string>();
  /** Promises ever entered. */
  entered = 0;

  /** Enters `p` (described by `what`) until it settles; returns it. */
  track<T>(what: string, p: Promise<T>): Promise<T> {
    this.entered++;
    this.#pending.set(p, what);
    const done = () => {
      this.#pending.delete(p);
    };
    p.then(done, done);
    return p;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** What is still pending, for the violation message. */
  describe(): string {
    return [...this.#pending.values()].join(', ');
  }
}

/** A Callback of this process: returns value + 1. */
export function newCallback(): Any {
  const interop = interopSchema();
  return new (class extends interop.Callback.Server {
    call({ value }: Any) {
      return (value + 1) >>> 0;
    }
  })();
}

/** A new Tester server whose pending work goes to `registry`. */
export function newFuzzTester(registry: PendingRegistry): Any {
  const interop = interopSchema();
  class Counter extends interop.Counter.Server {
    #n = 0;
    next() {
      this.#n = (this.#n + 1) >>> 0;
      return this.#n;
    }
  }
  class Tester extends interop.Tester.Server {
    bytes = 0n;
    chunks = 0;
    cancelledCount = 0;

    echo({ data }: Any) {
      return data;
    }

    fail({ reason, type }: Any) {
      // An enumerant this schema does not know reads as its number.
      const kinds = ['failed', 'overloaded', 'disconnected', 'unimplemented'];
      throw new RpcError(kinds.includes(type) ? type : 'failed', reason, 'local');
    }

    callBack({ callback, count }: Any) {
      if (callback === null) throw new RpcError('failed', 'No callback.', 'local');
      const n = Math.min(count, MAX_COUNT);
      const calls: Promise<number>[] = [];
      for (let i = 0; i < n; i++) {
        calls.push(
          registry.track(
            'callBack → callback.call',
            callback.call(i + 1).then((r: Any) => r.value as number),
          ),
        );
      }
      callback.release();
      return registry.track(
        'callBack',
        Promise.all(calls).then((values) => BigInt(values.reduce((a, b) => a + b, 0))),
      );
    }

    reflect({ cap }: Any, context: Any) {
      context.results.cap = cap;
      cap?.release();
    }

    newCounter() {
      return new Counter();
    }

    write({ chunk }: Any) {
      this.bytes += BigInt(chunk.length);
      this.chunks++;
    }

    written() {
      return [this.bytes, this.chunks];
    }

    add({ a, b }: Any) {
      return (a + b) | 0;
    }

    self() {
      return this;
    }

    hang(_params: Any, context: Any) {
      return registry.track(
        'hang',
        new Promise<void>((_resolve, reject) => {
          const signal = context.signal as AbortSignal;
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => {
            this.cancelledCount++;
            reject(signal.reason);
          });
        }),
      );
    }

    cancelled() {
      return this.cancelledCount;
    }

    callOrder({ callback, first, count }: Any) {
      if (callback === null) throw new RpcError('failed', 'No callback.', 'local');
      const n = Math.min(count, MAX_COUNT);
      const run = async () => {
        try {
          for (let i = 0; i < n; i++) {
            await registry.track('callOrder → callback.call', callback.call((first + i) >>> 0));
          }
        } finally {
          callback.release();
        }
      };
      return registry.track('callOrder', run());
    }
  }
  return new Tester();
}

/** What `restore(name)` serves (ezRestore): named objects, one of them slow, others refused. */
export function newRestore(tester: Any): (name: string | undefined) => Any {
  const interop = interopSchema();
  return (name) => {
    if (name === 'tester') return tester;
    if (name === 'counter') return new (class extends interop.Counter.Server {})();
    if (name === 'later') return Promise.resolve(tester);
    throw new RpcError('failed', `No object named ${String(name)}.`, 'local');
  };
}
