import { BrokenClient, failedResult } from './broken-client.js';
import { type CallRequest, type CallResult, ClientHook, type Response } from './client-hook.js';
import type { RpcError } from './rpc-error.js';

/** The key of a pipeline transform in maps. */
export function opsKey(ops: readonly number[]): string {
  return ops.join('.');
}

/** A call waiting in a {@link PromiseClient} for the capability to be known. */
class QueuedCall implements CallResult {
  readonly promise: Promise<Response>;
  #resolve!: (r: Response | Promise<Response>) => void;
  #reject!: (e: unknown) => void;
  #forwarded: CallResult | null = null;
  #pipelines = new Map<string, PromiseClient>();

  constructor(
    readonly request: CallRequest,
    private readonly onCancel: (call: QueuedCall) => void,
  ) {
    this.promise = new Promise<Response>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.promise.catch(() => {});
  }

  pipeline(ops: readonly number[]): ClientHook {
    if (this.#forwarded !== null) return this.#forwarded.pipeline(ops);
    const key = opsKey(ops);
    const known = this.#pipelines.get(key);
    if (known !== undefined && known.refCount > 0) return known.addRef();
    const p = new PromiseClient();
    this.#pipelines.set(key, p);
    // The map's reference is handed to the forwarded call's pipeline on resolution.
    return p.addRef();
  }

  /** Sends the call on to `target`. */
  forward(target: ClientHook): void {
    if (this.#forwarded !== null) return;
    const r = target.call(this.request);
    this.#forwarded = r;
    for (const [key, p] of this.#pipelines) {
      p.resolve(r.pipeline(key === '' ? [] : key.split('.').map(Number)));
      p.release();
    }
    this.#pipelines.clear();
    this.#resolve(r.promise);
  }

  cancel(error: RpcError): void {
    if (this.#forwarded !== null) {
      this.#forwarded.cancel?.(error);
      return;
    }
    // failedResult: nobody may ever await this promise (the caller got this call's own).
    this.#forwarded = failedResult(error);
    this.onCancel(this);
    this.request.releaseParams();
    for (const p of this.#pipelines.values()) {
      p.resolve(new BrokenClient(error));
      p.release();
    }
    this.#pipelines.clear();
    this.#reject(error);
  }
}

/**
 * A capability known later: a promise from a local call's results, an embargoed capability.
 * Calls made before it resolves wait here, in order, and are sent on when it does; pipelined
 * capabilities of those calls are promises too.
 */
export class PromiseClient extends ClientHook {
  #target: ClientHook | null = null;
  #queue: QueuedCall[] = [];
  #destroyed = false;
  #settled: Promise<void>;
  #settle!: () => void;

  constructor() {
    super();
    this.#settled = new Promise<void>((resolve) => {
      this.#settle = resolve;
    });
  }

  override get isPromise(): boolean {
    return this.#target === null;
  }

  override resolved(): ClientHook {
    return this.#target ?? this;
  }

  override whenResolved(): Promise<void> {
    return this.#target !== null
      ? this.#target.whenResolved()
      : this.#settled.then(() => (this.#target as ClientHook).whenResolved());
  }

  override get brokenError(): RpcError | null {
    return this.#target?.brokenError ?? null;
  }

  /** Calls waiting for the resolution. */
  get queueLength(): number {
    return this.#queue.length;
  }

  /** Settles the promise to `target` (whose reference it takes over); queued calls go to it. */
  resolve(target: ClientHook): void {
    if (this.#target !== null) {
      target.release();
      return;
    }
    this.#target = target;
    const queue = this.#queue;
    this.#queue = [];
    for (const call of queue) call.forward(target);
    this.#settle();
    if (this.#destroyed) target.release();
  }

  call(request: CallRequest): CallResult {
    if (this.#target !== null) return this.#target.call(request);
    const call = new QueuedCall(request, (c) => {
      const i = this.#queue.indexOf(c);
      if (i >= 0) this.#queue.splice(i, 1);
    });
    this.#queue.push(call);
    return call;
  }

  protected override destroy(): void {
    // Queued calls still go out when the promise resolves; the target is released after.
    this.#destroyed = true;
    this.#target?.release();
  }
}
