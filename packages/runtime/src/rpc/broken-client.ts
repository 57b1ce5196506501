import { type CallRequest, type CallResult, ClientHook, type Response } from './client-hook.js';
import { RpcError } from './rpc-error.js';

/** A call that failed before it started: its promise rejects, its pipelined caps are broken. */
export function failedResult(error: RpcError): CallResult {
  const promise = Promise.reject<Response>(error);
  // A caller that only pipelines never awaits this; the pipelined calls report the error.
  promise.catch(() => {});
  return { promise, pipeline: () => new BrokenClient(error) };
}

/**
 * A capability whose every call fails with one error: a null capability, a promise that
 * rejected, an import of a connection that ended, a capability used after its release.
 */
export class BrokenClient extends ClientHook {
  /** The error, or what makes it when first needed (see nullCapability). */
  #error: RpcError | (() => RpcError);

  constructor(error: RpcError | (() => RpcError)) {
    super();
    this.#error = error;
  }

  override get brokenError(): RpcError {
    if (typeof this.#error === 'function') this.#error = this.#error();
    return this.#error;
  }

  call(request: CallRequest): CallResult {
    request.releaseParams();
    return failedResult(this.brokenError);
  }
}

const nullCapabilityError = () =>
  new RpcError('failed', 'Called null capability.', 'null-capability');
const releasedError = () =>
  new RpcError('failed', 'The capability was already released.', 'released');

/** The capability a null capability pointer (or `CapDescriptor.none`) reads as. */
export function nullCapability(): BrokenClient {
  // The error (and its stack, hundreds of bytes) is made only if the capability is used: a
  // peer's cap table may hold a million `none` entries, each read as one of these.
  return new BrokenClient(nullCapabilityError);
}

/** The capability standing for one that was used after its last reference was released. */
export function releasedCapability(): BrokenClient {
  return new BrokenClient(releasedError);
}

/** A new reference to `hook`, or a broken capability if it was already released. */
export function retain(hook: ClientHook): ClientHook {
  return hook.refCount > 0 ? hook.addRef() : releasedCapability();
}
