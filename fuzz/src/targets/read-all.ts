import {
  CapnpError,
  formatJsonBytes,
  formatText,
  type StructReaderBase,
  type StructSchema,
} from '@capnp-kit/runtime';
import type { Meter } from '../engine/target.js';

/**
 * Cost charged per byte (or character) an output form produces. What a message prints to per
 * word the traversal limit charged depends on its schema — a zero-sized struct element prints
 * as its whole default struct, a hundred characters for a word — and printing is linear in
 * what is printed: about 0.05–0.12 µs a byte measured, so an output byte is allowed an eighth
 * of a cost byte's time (0.5 µs) and memory.
 */
export const COST_PER_OUTPUT_BYTE = 1 / 8;

/**
 * Reads everything a program could read from a struct reader: each field through its property
 * (unset pointers too, which read as defaults), `has` and `which`, then every output form —
 * plain objects with each option, the text format (pretty and short), JSON (`toJSON` and the
 * reference's exact bytes), the canonical form, the total size, and a copy into a builder
 * serialized again. Returns the plain object (the largest output) so the caller can keep it
 * alive while it measures the heap; the others are dropped as they are made, as a program
 * would (keeping all of them at once would measure the harness, not the reader). The sizes of
 * the text and JSON outputs are charged to `meter` (see {@link COST_PER_OUTPUT_BYTE}).
 */
export function readAll(reader: StructReaderBase, schema: StructSchema, meter?: Meter): unknown {
  const r = reader as unknown as Record<string, unknown> & StructReaderBase;
  const printed = (output: { length: number } | null) => {
    if (meter !== undefined && output !== null) meter.cost += output.length * COST_PER_OUTPUT_BYTE;
  };
  readFields(r, schema);
  const object = r.toObject();
  r.toObject({ int64: 'string', data: 'base64', enums: 'ordinal' });
  printed(r.toString());
  printed(formatText(r, { short: true }));
  printed(json(() => JSON.stringify(r)));
  printed(json(() => formatJsonBytes(r)));
  r.canonicalize();
  void r.totalSize;
  r.asBuilder().toBytes();
  return object;
}

/**
 * A JSON output, or null where JSON cannot represent the message: like the reference's
 * JsonCodec, the JSON encoder refuses AnyPointer values and capabilities (CapnpError
 * `invalid-value`). Only that refusal is expected; any other error escapes.
 */
function json<T extends { length: number }>(encode: () => T): T | null {
  try {
    return encode();
  } catch (e) {
    if (e instanceof CapnpError && e.code === 'invalid-value') return null;
    throw e;
  }
}

/** Reads each field of a struct or group by property, as application code would. */
function readFields(r: Record<string, unknown>, schema: StructSchema): void {
  const s = r as unknown as StructReaderBase;
  const active = s.which();
  for (const name of schema.fieldNames) {
    const f = schema.fields[name];
    if (f === undefined) continue;
    // Reading an inactive union member is refused by design; it is not what a reader does.
    if (f.discriminant !== undefined && name !== active) continue;
    s.has(name);
    const v = r[name];
    if (f.isGroup && f.group !== undefined && typeof v === 'object' && v !== null) {
      readFields(v as Record<string, unknown>, f.group);
    } else if (v !== null && typeof v === 'object' && Symbol.iterator in v) {
      // Lists: iteration (a few elements; toObject reads them all).
      let n = 0;
      for (const _ of v as Iterable<unknown>) if (++n >= 4) break;
    }
  }
}
