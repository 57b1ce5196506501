import type { CallResult, ClientHook } from './client-hook.js';
import { type RpcError, toRpcError } from './rpc-error.js';

/**
 * Client-side flow control of `-> stream` methods (as C++ does it): a streaming call's promise
 * resolves as soon as it is sent while the bytes of unacknowledged calls to the same
 * capability stay under a window, and otherwise when enough of them have returned. The first
 * failure of a streaming call is remembered: every later call to that capability rejects with
 * it (the caller learns of a failure at its next write).
 */

/** Default window of unacknowledged streaming bytes per capability. */
export const DEFAULT_STREAM_WINDOW_BYTES = 64 * 1024;

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

export class StreamFlow {
  #inFlight = 0;
  #error: RpcError | null = null;
  #waiters: Waiter[] = [];

  constructor(readonly windowBytes: number) {}

  /** Bytes sent and not yet acknowledged. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Starts a streaming call of `bytes` and returns when the window allows the next one. */
  send(bytes: number, start: () => CallResult): Promise<void> {
    if (this.#error !== null) return Promise.reject(this.#error);
    this.#inFlight += bytes;
    const result = start();
    result.promise.then(
      (response) => {
        response.release();
        this.#done(bytes);
      },
      (e: unknown) => {
        this.#error ??= toRpcError(e);
        this.#done(bytes);
      },
    );
    if (this.#inFlight < this.windowBytes) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }

  #done(bytes: number): void {
    this.#inFlight -= bytes;
    if (this.#error !== null) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w.reject(this.#error);
      return;
    }
    // Each acknowledgement frees room for the oldest waiting call.
    while (this.#waiters.length > 0 && this.#inFlight < this.windowBytes) {
      (this.#waiters.shift() as Waiter).resolve();
    }
  }
}

const flows = new WeakMap<ClientHook, StreamFlow>();

/**
 * The flow controller of streaming calls to `hook` (a capability of a connection may set its
 * window through a `streamWindowBytes` property).
 */
export function streamFlowOf(hook: ClientHook): StreamFlow {
  let flow = flows.get(hook);
  if (flow === undefined) {
    const window = (hook as { streamWindowBytes?: number }).streamWindowBytes;
    flow = new StreamFlow(window ?? DEFAULT_STREAM_WINDOW_BYTES);
    flows.set(hook, flow);
  }
  return flow;
}
