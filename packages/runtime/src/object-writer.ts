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
 * Where the environment allows it (see class-codegen.ts), a specialized writer runs first (see
 * `specialize`); the generic loop below stays the definition of what writing an object means.
 */
export function objectWriter(info: StructInfo, writers: FieldWriters): ObjectWrite {
  const generic: ObjectWrite = (m, s, data, ptr, object, fresh) => {
    for (const key in object) {
      const v = (object as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const write = writers[key];
      if (write === undefined) throw unknownField(info, key);
      write(m, s, data, ptr, v, fresh);
    }
  };
  return specialize(info, writers, generic) ?? generic;
}

/**
 * A writer that reads each field by name with a property load (one inline cache per field, no
 * string comparison per key) and writes the fields in schema order. The order matters only
 * for where things land in the message, so whenever the result could differ from the generic
 * loop's the object goes to the generic loop before anything is written: a key that names no
 * field (it must be reported; a bare `for…in` counts the keys), a key whose value is undefined
 * (counted but not written), two members of one union (the last one given wins), or an object
 * whose `constructor` is not Object (a class instance, a null-prototype object: a load would
 * see inherited properties that `for…in` may not). `o.constructor` costs one inline-cached
 * load; `Object.getPrototypeOf(o)` measured 10% of the whole encode here.
 */
function specialize(
  info: StructInfo,
  writers: FieldWriters,
  generic: ObjectWrite,
): ObjectWrite | undefined {
  const names = Object.keys(writers);
  const loads: string[] = [];
  const writes: string[] = [];
  const members: string[] = [];
  names.forEach((name, i) => {
    const key = JSON.stringify(name);
    // Object.prototype's own names ('constructor', 'toString'...) would load the inherited
    // value from a plain object; those fields count only as own properties.
    const load = name in Object.prototype ? `own(o, ${key}) ? o[${key}] : undefined` : `o[${key}]`;
    loads.push(`const v${i} = ${load};\nif (v${i} !== undefined) n++;`);
    writes.push(`if (v${i} !== undefined) w[${i}](m, s, d, p, v${i}, f);`);
    if (info.byName.get(name)?.inUnion === true) members.push(`(v${i} !== undefined)`);
  });
  const conflict = members.length > 1 ? ` || ${members.join(' + ')} > 1` : '';
  const make = compileFunction(
    ['w', 'own', 'generic'],
    `return function write(m, s, d, p, o, f) {
  if (o.constructor !== Object) return generic(m, s, d, p, o, f);
  let n = 0;
${loads.join('\n')}
  let keys = 0;
  for (const k in o) keys++;
  if (keys !== n${conflict}) return generic(m, s, d, p, o, f);
${writes.join('\n')}
};`,
  );
  return make?.(
    names.map((n) => writers[n] as FieldWrite),
    Object.hasOwn,
    generic,
  ) as ObjectWrite | undefined;
}
