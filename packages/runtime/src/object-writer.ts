import type { MessageBuilder, Segment } from '@capnp-kit/wire';
import { compileFunction } from './class-codegen.js';
import { CapnpError } from './errors.js';
import type { FieldWrite, FieldWriters } from './field-writers.js';
import type { StructInfo } from './struct-info.js';

/** Writes a plain object's fields into the struct at a place (see {@link FieldWrite}). */
export type ObjectWrite = (
  m: MessageBuilder,
  s: Segment,
  data: number,
  ptr: number,
  object: object,
  fresh: boolean,
) => void;

function unknownField(info: StructInfo, key: string): CapnpError {
  return new CapnpError(
    'unknown-field',
    `${info.node.displayName} has no field '${key}'; its fields are: ${info.fields.map((f) => f.name).join(', ')}.`,
  );
}

/**
 * The writer of whole plain objects for one struct type: each enumerable key names a field,
 * written in the object's key order (undefined values are skipped; an unknown name is an
 * error).
 *
 * Where the environment allows it (see class-codegen.ts), the loop is generated for the struct
 * (see `specialize`); otherwise this generic loop does the same work.
 */
export function objectWriter(info: StructInfo, writers: FieldWriters): ObjectWrite {
  const specialized = specialize(info, writers);
  if (specialized !== undefined) return specialized;
  return (m, s, data, ptr, object, fresh) => {
    for (const key in object) {
      const v = (object as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const write = writers[key];
      if (write === undefined) throw unknownField(info, key);
      write(m, s, data, ptr, v, fresh);
    }
  };
}

/**
 * The same loop with a `switch` over the field names whose cases call each field's writer from
 * a site of its own, so V8 sees one call target per site (and inlines it) instead of a lookup
 * by name.
 *
 * Measured and left out: matching the key by its length first (no difference), and loading
 * each field by name (`o.name`) instead of walking the keys. The loads were 5% faster on the
 * address book, whose objects have one shape each, but a load site seeing many shapes turns
 * megamorphic: objects of sixty shapes on a struct of forty fields took ten times as long
 * (`pnpm bench types`).
 */
function specialize(info: StructInfo, writers: FieldWriters): ObjectWrite | undefined {
  const names = Object.keys(writers);
  const cases = names
    .map((name, i) => `case ${JSON.stringify(name)}: w[${i}](m, s, d, p, v, f); break;`)
    .join('\n');
  const make = compileFunction(
    ['w', 'unknown'],
    `return function write(m, s, d, p, o, f) {
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    switch (k) {
${cases}
      default: unknown(k);
    }
  }
};`,
  );
  return make?.(
    names.map((n) => writers[n] as FieldWrite),
    (key: string) => {
      throw unknownField(info, key);
    },
  ) as ObjectWrite | undefined;
}
