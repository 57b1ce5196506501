import type { StructBuilderBase, StructReaderBase } from '../struct-base.js';
import type { LocalCall } from './local-call.js';

/**
 * What a server method receives besides its params (and, for a `foo_context(context)` method,
 * alone): the params, the results builder, tail calls, early release of the params, and a
 * signal aborted when the caller cancels the call.
 */
export class CallContext<P = StructReaderBase, R = StructBuilderBase> {
  readonly #call: LocalCall;

  /** @internal */
  constructor(call: LocalCall) {
    this.#call = call;
  }

  /** The call's params (a reader). Throws after `releaseParams()`. */
  get params(): P {
    return this.#call.params() as P;
  }

  /** The results builder; made on first use. Fill it and return nothing, or return values. */
  get results(): R {
    return this.#call.results() as R;
  }

  /**
   * Frees the params (and their capabilities) before the call returns. Clients already read
   * from them keep their own references.
   */
  releaseParams(): void {
    this.#call.releaseParams();
  }

  /**
   * Answers this call with the results of `request` (a request built with
   * `other.fooRequest()`, not yet sent): sends it and, when it returns, passes its results (or
   * error) on as this call's. Capabilities of the results can be pipelined on meanwhile.
   * Return (or await) the promise from the method.
   */
  tailCall(request: { send(): unknown }): Promise<void> {
    return this.#call.tailCall(request);
  }

  /** Aborted when the caller cancels the call (a Finish before the Return). */
  get signal(): AbortSignal {
    return this.#call.signal();
  }
}
