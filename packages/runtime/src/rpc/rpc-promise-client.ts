import {
  type CallRequest,
  type CallResult,
  ClientHook,
  innermost,
  type RequestPlace,
} from './client-hook.js';
import type { RpcConnection } from './connection.js';
import type { ImportClient } from './import-client.js';
import type { PipelineClient } from './pipeline-client.js';
import { PromiseClient } from './promise-client.js';
import type { RpcError } from './rpc-error.js';

/**
 * A promise for a capability, hosted by the peer: an import the peer sent as `senderPromise`
 * (settled by its Resolve), or a capability in the results of a question (settled by the
 * Return). Until then calls go to the peer through the initial capability; after, straight to
 * the resolution.
 *
 * Embargo (rpc.capnp, Disembargo): if calls were sent through the promise and it resolves to
 * a capability of this side, calls made after the resolution must not overtake the earlier
 * ones, which the peer is reflecting back. New calls then wait in a queue until the peer
 * echoes a Disembargo sent behind them.
 */
export class RpcPromiseClient extends ClientHook {
  #initial: ImportClient | PipelineClient | null;
  #current: ClientHook | null = null;
  #settled: Promise<void>;
  #settle!: () => void;
  /** True once a call was sent through the initial capability (embargo needed on reflection). */
  receivedCall = false;

  constructor(
    readonly conn: RpcConnection,
    initial: ImportClient | PipelineClient,
  ) {
    super();
    this.#initial = initial;
    this.#settled = new Promise<void>((resolve) => {
      this.#settle = resolve;
    });
  }

  override get connection(): object {
    return this.conn;
  }

  /** The capability calls go to until the promise resolves (null after). */
  get initial(): ImportClient | PipelineClient | null {
    return this.#current === null ? this.#initial : null;
  }

  get streamWindowBytes(): number {
    return this.conn.streamWindowBytes;
  }

  override get isPromise(): boolean {
    return this.#current === null;
  }

  override resolved(): ClientHook {
    return this.#current ?? this;
  }

  override whenResolved(): Promise<void> {
    return this.#current !== null
      ? this.#current.whenResolved()
      : this.#settled.then(() => (this.#current as ClientHook).whenResolved());
  }

  override get brokenError(): RpcError | null {
    return this.#current?.brokenError ?? null;
  }

  call(request: CallRequest): CallResult {
    if (this.#current !== null) return this.#current.call(request);
    this.receivedCall = true;
    return (this.#initial as ClientHook).call(request);
  }

  override newRequestMessage(firstSegmentWords: number): RequestPlace {
    return this.#current !== null
      ? this.#current.newRequestMessage(firstSegmentWords)
      : this.conn.newCallMessage(firstSegmentWords);
  }

  /** Settles the promise to `replacement` (whose reference it takes over). */
  resolve(replacement: ClientHook): void {
    const initial = this.#initial;
    if (this.#current !== null || initial === null) {
      replacement.release();
      return;
    }
    const inner = innermost(replacement);
    if (
      this.receivedCall &&
      replacement.brokenError === null &&
      inner.connection !== this.conn &&
      this.conn.isOpen
    ) {
      const queue = new PromiseClient();
      this.conn.startEmbargo(initial, () => queue.resolve(replacement));
      this.#current = queue;
    } else {
      // Calls sent through this promise went to the peer ahead of any sent to a promise it
      // resolved to there: that one needs the embargo if it later resolves back to here.
      if (this.receivedCall && inner instanceof RpcPromiseClient) inner.receivedCall = true;
      this.#current = replacement;
    }
    this.#initial = null;
    this.#settle();
    initial.release();
  }

  protected override destroy(): void {
    this.#initial?.release();
    this.#initial = null;
    this.#current?.release();
  }
}
