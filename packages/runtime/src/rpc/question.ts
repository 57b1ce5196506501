import { BrokenClient } from './broken-client.js';
import type { CallResult, ClientHook, Response } from './client-hook.js';
import type { RpcConnection } from './connection.js';
import { capabilityAt } from './payload.js';
import { PipelineClient } from './pipeline-client.js';
import { opsKey } from './promise-client.js';
import type { RpcError } from './rpc-error.js';
import { RpcPromiseClient } from './rpc-promise-client.js';

/**
 * An outgoing Call or Bootstrap (an entry of the question table): its results to come and the
 * capabilities pipelined on them. Its ID is freed when the Return has arrived and the Finish
 * has been sent (this side sends the Finish as soon as the Return is handled, or on cancel).
 */
export class Question implements CallResult {
  readonly promise: Promise<Response>;
  #resolve!: (r: Response) => void;
  #reject!: (e: unknown) => void;
  #pipelines: Map<string, RpcPromiseClient> | null = null;
  #response: Response | null = null;
  #error: RpcError | null = null;
  /** Exports written into the params' cap table (dropped if the Return says releaseParamCaps). */
  paramExports: number[] = [];
  returned = false;
  finishSent = false;
  /** A bootstrap: nobody reads the results but the pipeline, so they are released at once. */
  readonly internal: boolean;
  /** Its ID (set when entered in the question table). */
  id = -1;

  constructor(
    readonly conn: RpcConnection,
    internal = false,
  ) {
    this.internal = internal;
    this.promise = new Promise<Response>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.promise.catch(() => {});
  }

  pipeline(ops: readonly number[]): ClientHook {
    if (this.#response !== null) return capabilityAt(this.#response.payload, ops);
    if (this.#error !== null) return new BrokenClient(this.#error);
    this.#pipelines ??= new Map();
    const key = opsKey(ops);
    const known = this.#pipelines.get(key);
    if (known !== undefined) return known.addRef();
    const p = new RpcPromiseClient(this.conn, new PipelineClient(this.conn, this, ops));
    this.#pipelines.set(key, p);
    return p.addRef();
  }

  /**
   * Settles pipelined capabilities to those of the results (`hookAt` gives a new reference per
   * transform), sending Disembargos where they come back to this side — before the Finish,
   * while the question still names the answer.
   */
  resolvePipelines(hookAt: (ops: number[]) => ClientHook): void {
    const pipelines = this.#pipelines;
    this.#pipelines = null;
    if (pipelines === null) return;
    for (const [key, p] of pipelines) {
      p.resolve(hookAt(key === '' ? [] : key.split('.').map(Number)));
      p.release();
    }
  }

  cancel(error: RpcError): void {
    this.conn.cancelQuestion(this, error);
  }

  /** Delivers the results. */
  succeed(response: Response): void {
    this.#response = response;
    this.#resolve(response);
  }

  /** Delivers the failure. */
  fail(error: RpcError): void {
    if (this.#response !== null || this.#error !== null) return;
    this.#error = error;
    this.resolvePipelines(() => new BrokenClient(error));
    this.#reject(error);
  }

  get settled(): boolean {
    return this.#response !== null || this.#error !== null;
  }
}
