/**
 * The TypeScript implementations of the test interfaces (schema/interop.capnp): the Tester
 * the interop tests and the benchmark serve, and its callbacks. No test framework here: the
 * benchmark's server process (fixtures/tester-server.ts) uses it too.
 */
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';

// biome-ignore lint/suspicious/noExplicitAny: loaded schemas are dynamic here
export type Any = any;

export const interop: Any = capnp.load(join(import.meta.dirname, 'schema/interop.capnp'));
export const calculatorSchema: Any = capnp.load(
  join(import.meta.dirname, '../../../../examples/calculator/calculator.capnp'),
);

/** A Callback implemented in TypeScript: returns value * factor and records the calls. */
export class TsCallback extends interop.Callback.Server {
  readonly seen: number[] = [];
  constructor(readonly factor = 1) {
    super();
  }
  call({ value }: Any) {
    this.seen.push(value);
    return value * this.factor;
  }
}

export class TsCounter extends interop.Counter.Server {
  #n = 0;
  next() {
    return ++this.#n;
  }
}

/** The Tester interface implemented in TypeScript (mirrors test/rpc/cpp/interop-server.c++). */
export class TsTester extends interop.Tester.Server {
  bytes = 0n;
  chunks = 0;
  cancelledCount = 0;

  echo({ data }: Any) {
    return data;
  }

  fail({ reason, type }: Any) {
    throw new capnp.RpcError(type, reason, 'local');
  }

  async callBack({ callback, count }: Any) {
    using cb = callback;
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => cb.call(i + 1).then((r: Any) => r.value as number)),
    );
    return BigInt(results.reduce((a, b) => a + b, 0));
  }

  reflect({ cap }: Any, context: Any) {
    // The results take their own reference; the one read from the params is dropped now
    // rather than when the garbage collector finds it.
    context.results.cap = cap;
    cap.release();
  }

  newCounter() {
    return new TsCounter();
  }

  write({ chunk }: Any) {
    this.bytes += BigInt(chunk.length);
    this.chunks++;
  }

  written() {
    return [this.bytes, this.chunks];
  }

  add({ a, b }: Any) {
    return a + b;
  }

  self() {
    return this;
  }

  hang(_params: Any, context: Any) {
    return new Promise<void>((_resolve, reject) => {
      context.signal.addEventListener('abort', () => {
        this.cancelledCount++;
        reject(new Error('cancelled'));
      });
    });
  }

  cancelled() {
    return this.cancelledCount;
  }

  async callOrder({ callback, first, count }: Any) {
    using cb = callback;
    for (let i = 0; i < count; i++) await cb.call(first + i);
  }
}
