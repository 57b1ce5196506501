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
) => void;

function unknownField(info: StructInfo, key: string): CapnpError {
  return new CapnpError(
    'unknown-field',
    `${info.node.displayName} has no field '${key}'; its fields are: ${info.fields.map((f) => f.name).join(', ')}.`,
  );
}

/**
 * The writer of whole plain objects for one struct type: each own enumerable key names a
 * field (undefined values are skipped; an unknown name is an error).
 *
 * Where the environment allows it (see class-codegen.ts), the writer is specialized for the
 * struct: a `switch` over its field names whose cases call each field's writer directly, so
 * that V8 sees one call target per site instead of a lookup by name; otherwise a generic loop
 * does the same work.
 */
export function objectWriter(info: StructInfo, writers: FieldWriters): ObjectWrite {
  const names = Object.keys(writers);
  const specialized = specialize(info, names, writers);
  if (specialized !== undefined) return specialized;
  return (m, s, data, ptr, object) => {
    for (const key in object) {
      const v = (object as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const write = writers[key];
      if (write === undefined) throw unknownField(info, key);
      write(m, s, data, ptr, v);
    }
  };
}

function specialize(
  info: StructInfo,
  names: readonly string[],
  writers: FieldWriters,
): ObjectWrite | undefined {
  const cases = names
    .map((name, i) => `case ${JSON.stringify(name)}: w[${i}](m, s, d, p, v); break;`)
    .join('\n');
  const make = compileFunction(
    ['w', 'unknown'],
    `return function write(m, s, d, p, o) {
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
