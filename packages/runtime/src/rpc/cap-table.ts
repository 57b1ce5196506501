import type { Type } from '@capnp-kit/compiler/schema';
import type { MessageBuilder, MessageReader } from '@capnp-kit/wire';
import { CapnpError } from '../errors.js';
import type { Registry } from '../registry.js';
import { releasedCapability } from './broken-client.js';
import { releaseCapTable, watchBuilderTable, watchReceivedTable } from './cap-table-lifetime.js';
import { Capability, capabilityHook, clientOf } from './capability.js';
import { ClientHook } from './client-hook.js';
import { interfaceInfo } from './interface-info.js';
import { localClientFor } from './local-client.js';
import { Server } from './server.js';

/**
 * A message's cap table (`capTable` of the wire layer's MessageReader/MessageBuilder) holds
 * {@link ClientHook}s, each entry owning one reference (see cap-table-lifetime.ts). Readers turn
 * an entry into a typed client of the field's interface (with a reference of its own); writers
 * turn a client or a Server into an entry.
 */

export { releaseCapTable };

/** Gives a message read from a peer its capabilities, released when it is collected. */
export function adoptCapTable(message: MessageReader, hooks: ClientHook[]): void {
  message.capTable = hooks;
  watchReceivedTable(message, hooks);
}

/**
 * What a capability field (or list element) of a message being read returns: a client of the
 * field's interface holding its own reference, or null for a null pointer.
 */
export function clientOfEntry(reg: Registry, entry: unknown, type: Type): Capability | null {
  if (!(entry instanceof ClientHook)) return null;
  const hook = entry.refCount > 0 ? entry.addRef() : releasedCapability();
  return type.which === 'interface'
    ? clientOf(hook, interfaceInfo(reg, type.typeId, type.brand))
    : clientOf(hook, null);
}

/**
 * A new reference to the capability `value` designates: a client's, a Server's (its local
 * capability), or a hook's own. Throws for anything else.
 */
export function hookOf(value: unknown): ClientHook {
  if (value instanceof Capability) return capabilityHook(value).addRef();
  if (value instanceof Server) return localClientFor(value);
  if (value instanceof ClientHook) return value.addRef();
  throw new CapnpError(
    'invalid-value',
    'A capability takes a client (a Capability), a Server instance or null.',
  );
}

/**
 * What writing `value` into a capability field of message `m` puts into its cap table: a new
 * reference to the client's capability, a Server's local capability, or null (no capability).
 */
export function entryOf(m: MessageBuilder, value: unknown): ClientHook | null {
  if (value === null || value === undefined) return null;
  const hook = hookOf(value);
  watchBuilderTable(m);
  return hook;
}
