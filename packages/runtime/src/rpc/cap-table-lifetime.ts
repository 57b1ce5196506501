import type { MessageBuilder, MessageReader } from '@capnp-kit/wire';

/**
 * The lifetime of a message's cap table: each entry (an RPC capability) owns one reference,
 * released when the RPC layer is done with the message, or — the safety net — when the message
 * is garbage-collected.
 */

interface Releasable {
  release(): void;
}

function releaseEntries(table: unknown[]): void {
  for (const entry of table) {
    if (typeof (entry as Partial<Releasable> | null)?.release === 'function') {
      (entry as Releasable).release();
    }
  }
  table.length = 0;
}

const unreleased = new FinalizationRegistry<unknown[]>(releaseEntries);

/** Releases every capability of a cap table now (it then reads as empty). */
export function releaseCapTable(table: unknown[]): void {
  unreleased.unregister(table);
  releaseEntries(table);
}

/** Releases the cap table of a message read from a peer when the message is collected. */
export function watchReceivedTable(message: MessageReader, table: unknown[]): void {
  if (table.length > 0) unreleased.register(message, table, table);
}

/**
 * Called before a builder's first capability is added: its table is released when the
 * builder (and the reader sharing its table, which may outlive it) is collected.
 */
export function watchBuilderTable(message: MessageBuilder): void {
  if (message.capTable.length === 0) {
    unreleased.register(message.asReader(), message.capTable, message.capTable);
  }
}
