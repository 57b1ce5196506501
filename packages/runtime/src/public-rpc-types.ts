/// <reference lib="esnext.disposable" />
import type { CapabilityValues, TypedToken } from './public-types.js';
import type { InterfaceSchema } from './reflection.js';
import type { CallOptions } from './rpc/request.js';

export type { CallOptions };

/**
 * The static types of interfaces (RPC), as the declarations generated for `.capnp` files use
 * them. Type-only, and kept apart from public-types.ts: they follow the RPC API of issue 7
 * (`cap.foo(...params)`, `cap.fooRequest().send()`, pipelined promises, `Server` classes) and
 * are to be aligned with the RPC implementation as it lands.
 */

/**
 * A capability held by this program: a client of a remote (or local) object (the public API of
 * the runtime's `Capability` class; typed clients add a method per interface method).
 */
export interface Client {
  /** This capability as a client of interface type `type` (shares this client's reference). */
  castAs<T>(type: T): ClientOf<T>;
  /** Drops the reference (every view from `castAs` is released with it). Idempotent. */
  release(): void;
  [Symbol.dispose](): void;
  /** Resolves once this capability is no longer a promise. */
  whenResolved(): Promise<void>;
  /** True once released. */
  readonly released: boolean;
}

/**
 * The promise of a call's results `R`: awaitable, and pipelined — the capabilities among the
 * results (`P`, the result struct's `Pipeline`) can be called before it resolves.
 */
export type PipelinedPromise<R, P = unknown> = Promise<R> &
  P & {
    /** Releases the results' capabilities when they arrive (or now, if they have). */
    [Symbol.dispose](): void;
  };

/** A request: the params builder `P` (fields set like any struct), then `send()`. */
export type Request<P, A> = P & {
  /** Sends the call; resolves with its results. */
  send(options?: CallOptions): A;
};

/** What a server method receives besides its params (and the `foo_context` form alone). */
export interface CallContext<P, R> {
  /** The call's params. */
  readonly params: P;
  /** The results builder, for methods that fill it instead of returning values. */
  readonly results: R;
  /** Answers the call with the results of `request`, sent on from here. */
  tailCall(request: { send(): unknown }): Promise<void>;
  /** Frees the params early (reading them afterwards throws). */
  releaseParams(): void;
  /** Aborted when the caller cancels the call. */
  readonly signal: AbortSignal;
}

/** A value, or the promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An interface of a loaded schema: `C` its client type, `S` the type of its implementations,
 * whose base class is `Server`.
 */
export interface InterfaceTypeOf<C, S> extends TypedToken<CapabilityValues<C, S>> {
  readonly schema: InterfaceSchema;
  /** The interface's name (without its scope). */
  readonly name: string;
  /** The base class of implementations: `class Impl extends calc.Calculator.Server { … }`. */
  readonly Server: abstract new () => S;
  /** The class of its clients (for `instanceof`). */
  readonly Client: abstract new (
    ...args: never
  ) => C;
}

/** The client type of interface type `T` (for `castAs(T)`). */
export type ClientOf<T> = T extends InterfaceTypeOf<infer C, unknown> ? C : Client;
