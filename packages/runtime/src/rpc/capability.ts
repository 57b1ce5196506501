/// <reference lib="esnext.disposable" />
import { CapnpError } from '../errors.js';
import type { ClientOf } from '../public-rpc-types.js';
import { releasedCapability } from './broken-client.js';
import { clientClass } from './client-class.js';
import type { ClientHook } from './client-hook.js';
import type { InterfaceInfo } from './interface-info.js';
import { RpcError } from './rpc-error.js';

/**
 * One reference to a capability, shared by the clients that view it as different interfaces
 * (`castAs` does not take a new reference: releasing any of them releases this one).
 */
class CapabilityRef {
  constructor(public hook: ClientHook | null) {}
}

/**
 * What `castAs(type)` returns: the client type of a typed interface (see public-rpc-types), or
 * `any` for an untyped (dynamically loaded) one, whose methods are only known at run time.
 */
// biome-ignore lint/suspicious/noExplicitAny: an untyped interface gives an untyped client
export type CastResult<T> = 0 extends 1 & T ? any : ClientOf<T>;

// The safety net: a reference nobody released is dropped when its clients are collected.
const collected = new FinalizationRegistry<ClientHook>((hook) => hook.release());

/**
 * A client of a capability: calls go to the object it designates, here or on a peer. Typed
 * clients (`castAs(calc.Calculator)`, fields of received messages) add a method per interface
 * method: `cap.evaluate(...params)` and `cap.evaluateRequest()`.
 *
 * A client holds a reference: `release()` it (or `using`) when done; a client that is
 * garbage-collected without being released drops its reference then.
 */
export class Capability {
  /** @internal */ declare readonly $ref: CapabilityRef;

  /** @internal Use `clientOf`: clients are made by the RPC layer. */
  constructor(ref: CapabilityRef) {
    Object.defineProperty(this, '$ref', { value: ref });
  }

  /**
   * This capability as a client of `type` (an interface of a loaded schema): a view sharing
   * this client's reference. Unchecked, as in C++: calls of methods the object does not have
   * fail with `unimplemented`.
   */
  castAs<T>(type: T): CastResult<T> {
    const info = (type as { $interface?: InterfaceInfo } | null)?.$interface;
    if (info === undefined) {
      throw new CapnpError(
        'invalid-value',
        'castAs(…) takes an interface type of a loaded schema.',
      );
    }
    return new (clientClass(info))(this.$ref) as CastResult<T>;
  }

  /** Drops the reference (every view from `castAs` is released with it). Idempotent. */
  release(): void {
    const hook = this.$ref.hook;
    if (hook === null) return;
    this.$ref.hook = null;
    collected.unregister(this.$ref);
    hook.release();
  }

  [Symbol.dispose](): void {
    this.release();
  }

  /** Resolves once this capability is no longer a promise (its calls go straight to it). */
  whenResolved(): Promise<void> {
    return capabilityHook(this).whenResolved();
  }

  /** True once released. */
  get released(): boolean {
    return this.$ref.hook === null;
  }
}

/** A new client of `hook` (whose reference it takes over) as interface `info` (null: untyped). */
export function clientOf(hook: ClientHook, info: InterfaceInfo | null): Capability {
  const ref = new CapabilityRef(hook);
  collected.register(ref, hook, ref);
  return info === null ? new Capability(ref) : new (clientClass(info))(ref);
}

/** The capability a client designates, or a broken one (calls fail `released`) once released. */
export function hookOrReleased(client: Capability): ClientHook {
  return client.$ref.hook ?? releasedCapability();
}

/** The capability a client designates; throws if it was released. */
export function capabilityHook(client: Capability): ClientHook {
  const hook = client.$ref.hook;
  if (hook === null) {
    throw new RpcError('failed', 'The capability was already released.', 'released');
  }
  return hook;
}
