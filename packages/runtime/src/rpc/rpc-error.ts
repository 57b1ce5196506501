import type { ExceptionType } from './rpc-schema.js';

/** The Cap'n Proto exception types (`Exception.Type` of rpc.capnp). */
export type RpcErrorType = ExceptionType;

/**
 * Where an {@link RpcError} comes from. Stable: programs switch on it, never on the message.
 * - `remote`: the peer's method threw (the Exception of a Return; `.type` is the peer's).
 * - `unimplemented`: no such method or interface on the target.
 * - `disconnected`: the connection ended (closed, lost, or aborted by either side).
 * - `aborted`: the peer sent Abort.
 * - `protocol`: the peer broke the protocol; this side aborted the connection.
 * - `canceled`: the call was cancelled (AbortSignal) before it returned.
 * - `released`: a capability was used after `release()`.
 * - `null-capability`: a call on a null (or missing) capability.
 * - `local`: a local server threw (same process, no connection in between).
 */
export type RpcErrorCode =
  | 'remote'
  | 'unimplemented'
  | 'disconnected'
  | 'aborted'
  | 'protocol'
  | 'canceled'
  | 'released'
  | 'null-capability'
  | 'local';

/**
 * An RPC failure: a method that threw (here or on the peer), a lost connection, a cancelled
 * call. `type` is the Cap'n Proto exception type the protocol carries; `code` says where the
 * error was detected. A peer's stack trace arrives in `remoteTrace` only if it opted in.
 */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  readonly type: RpcErrorType;
  readonly code: RpcErrorCode;
  /** The trace the peer attached (`Exception.trace`), if any. */
  readonly remoteTrace: string | undefined;

  constructor(
    type: RpcErrorType,
    message: string,
    code: RpcErrorCode,
    options?: { cause?: unknown; remoteTrace?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.type = type;
    this.code = code;
    this.remoteTrace = options?.remoteTrace;
  }
}

/** The error of a call that reached a connection after it ended. */
export function disconnectedError(reason: string, cause?: unknown): RpcError {
  return new RpcError('disconnected', reason, 'disconnected', { cause });
}

/**
 * What a thrown value becomes when it crosses to a caller: an RpcError keeps its type; any other
 * error is `failed` with its message (no stack unless the server opted in).
 */
export function toRpcError(e: unknown, code: RpcErrorCode = 'local'): RpcError {
  if (e instanceof RpcError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new RpcError('failed', message, code, { cause: e });
}

/** The error of a call cancelled through its AbortSignal. */
export function canceledError(signal: AbortSignal): RpcError {
  return new RpcError('failed', 'The call was canceled.', 'canceled', { cause: signal.reason });
}
