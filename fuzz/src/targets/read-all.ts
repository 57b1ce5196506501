import {
  CapnpError,
  formatJsonBytes,
  formatText,
  type StructReaderBase,
  type StructSchema,
} from '@capnp-kit/runtime';

/**
 * Reads everything a program could read from a struct reader: each field through its property
 * (unset pointers too, which read as defaults), `has` and `which`, then every output form —
 * plain objects with each option, the text format (pretty and short), JSON (`toJSON` and the
 * reference's exact bytes), the canonical form, the total size, and a copy into a builder
 * serialized again. Returns the plain object (the largest output) so the caller can keep it
 * alive while it measures the heap; the others are dropped as they are made, as a program
 * would (keeping all of them at once would measure the harness, not the reader).
 */
export function readAll(reader: StructReaderBase, schema: StructSchema): unknown {
  const r = reader as unknown as Record<string, unknown> & StructReaderBase;
  readFields(r, schema);
  const object = r.toObject();
  r.toObject({ int64: 'string', data: 'base64', enums: 'ordinal' });
  r.toString();
  formatText(r, { short: true });
  json(() => JSON.stringify(r));
  json(() => formatJsonBytes(r));
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
function json(encode: () => unknown): unknown {
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
