import { join } from 'node:path';
import { load, type StructType } from '@capnp-kit/runtime';
import { REPO } from './schemas.js';

/**
 * The schemas of the RPC campaign: rpc.capnp (the protocol's messages, which the campaign builds,
 * mutates field by field and reads back) and the RPC tests' interop.capnp (the Tester interface
 * the fuzzed server serves, so that calls reach real methods with real params).
 */

// biome-ignore lint/suspicious/noExplicitAny: loaded schemas are dynamic
export type Any = any;

interface Loaded {
  readonly rpc: Any;
  readonly interop: Any;
  /** Every struct type of rpc.capnp by schema node ID (field walkers descend by type ID). */
  readonly rpcStructs: Map<bigint, StructType>;
}

let loaded: Loaded | undefined;

function loadAll(): Loaded {
  if (loaded !== undefined) return loaded;
  const rpc = load(join(REPO, 'packages/compiler/std/capnp/rpc.capnp')) as Any;
  const interop = load(join(REPO, 'packages/runtime/test/rpc/schema/interop.capnp')) as Any;
  const rpcStructs = new Map<bigint, StructType>();
  const collect = (scope: Record<string, unknown>) => {
    for (const v of Object.values(scope)) {
      if (typeof v !== 'function') continue;
      const s = (v as unknown as Partial<StructType>).schema;
      if (s?.which === 'struct') rpcStructs.set(s.id, v as StructType);
      collect(v as unknown as Record<string, unknown>);
    }
  };
  collect(rpc);
  loaded = { rpc, interop, rpcStructs };
  return loaded;
}

/** rpc.capnp, loaded with the runtime. */
export function rpcSchema(): Any {
  return loadAll().rpc;
}

/** The RPC tests' interop.capnp (Tester, Callback, Counter). */
export function interopSchema(): Any {
  return loadAll().interop;
}

/** The struct type of rpc.capnp with schema node `id`. */
export function rpcStructById(id: bigint): StructType | undefined {
  return loadAll().rpcStructs.get(id);
}

/** The interface IDs a Call may name: Tester, Callback, Counter (index 3+: made-up ones). */
export function interfaceIds(): readonly bigint[] {
  const i = interopSchema();
  return [i.Tester.schema.id, i.Callback.schema.id, i.Counter.schema.id];
}
