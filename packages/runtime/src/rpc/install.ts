import { rpcHooks } from './cap-codec.js';
import { clientOfEntry, entryOf } from './cap-table.js';
import { makeInterfaceType } from './interface-type.js';

/** Connects RPC to the serialization core (see cap-codec.ts); called by the full entry. */
export function installRpc(): void {
  rpcHooks.fromTable = clientOfEntry;
  rpcHooks.toTable = entryOf;
  rpcHooks.interfaceType = makeInterfaceType;
}
