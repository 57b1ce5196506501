import type { Brand, Node, Type } from '@capnp-kit/compiler/schema';
import type { MessageBuilder } from '@capnp-kit/wire';
import { CapnpError } from '../errors.js';
import type { Registry } from '../registry.js';

/**
 * What the serialization core (field accessors, lists, module objects) asks of RPC, through
 * hooks the full entry installs (rpc/install.ts, from codecs.ts): so the serialization-only
 * entry, `@capnp-kit/runtime/core`, leaves the RPC code out of bundles. Without RPC a message
 * has no capabilities, interfaces are plain objects, and writing a capability is an error.
 */
export interface RpcHooks {
  /** A client for cap table entry `entry`, read as a field of `type`. */
  fromTable?: (reg: Registry, entry: unknown, type: Type) => unknown;
  /** The cap table entry for a client or Server written into `m`. */
  toTable?: (m: MessageBuilder, value: unknown) => unknown;
  /** The object of an interface of a loaded module (Server and Client classes). */
  interfaceType?: (
    reg: Registry,
    node: Node & { which: 'interface' },
    brand: Brand | null,
    withBrand: (bound: Brand) => unknown,
  ) => Record<string, unknown>;
}

export const rpcHooks: RpcHooks = {};

/** What a capability field holding cap table entry `entry` reads as (null without one). */
export function capabilityFromTable(reg: Registry, entry: unknown, type: Type): unknown {
  if (entry === undefined || entry === null) return null;
  return rpcHooks.fromTable?.(reg, entry, type) ?? null;
}

/** The cap table entry for `value` written into `m`, or null for no capability. */
export function capabilityToTable(m: MessageBuilder, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const toTable = rpcHooks.toTable;
  if (toTable === undefined) {
    throw new CapnpError(
      'invalid-value',
      'Capabilities are part of RPC: import @capnp-kit/runtime rather than @capnp-kit/runtime/core.',
    );
  }
  return toTable(m, value);
}

/** The object of interface `node` for a loaded module (a plain object without RPC). */
export function interfaceObject(
  reg: Registry,
  node: Node & { which: 'interface' },
  brand: Brand | null,
  withBrand: (bound: Brand) => unknown,
): Record<string, unknown> {
  return rpcHooks.interfaceType?.(reg, node, brand, withBrand) ?? {};
}
