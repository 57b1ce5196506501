import { CapnpError } from '../errors.js';
import { StructBuilderBase, StructReaderBase } from '../struct-base.js';
import { Capability } from './capability.js';
import type { MethodInfo } from './interface-info.js';
import { Server } from './server.js';

/**
 * The return conventions of server methods (pycapnp's): a method may return an object of
 * result fields, the results positionally (an array, when there are several), the single
 * result itself (a value, a struct as an object, a Server or client for an interface), the
 * results struct, or nothing after filling `context.results`.
 */

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True for a plain object whose keys are all result names. */
function isFieldsObject(v: unknown, names: readonly string[]): boolean {
  return isPlainObject(v) && Object.keys(v).every((k) => names.includes(k));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'}`;
  return `a ${typeof v}`;
}

/** Writes what a server method returned into its results builder `results`. */
export function writeReturnValue(
  method: MethodInfo,
  results: () => StructBuilderBase,
  value: unknown,
): void {
  if (value === undefined) return;
  const names = method.resultNames();
  const target = () => results() as unknown as Record<string, unknown>;
  if (value instanceof StructReaderBase || value instanceof StructBuilderBase) {
    const r = results();
    if (value.$meta.info.node.id !== r.$meta.info.node.id) {
      throw new CapnpError(
        'invalid-value',
        `${method.name} returned a ${value.$meta.info.node.displayName}; its results are ${r.$meta.info.node.displayName}.`,
      );
    }
    for (const name of names) {
      if (value.has(name)) target()[name] = (value as unknown as Record<string, unknown>)[name];
    }
    return;
  }
  const [only] = names;
  if (names.length === 1 && only !== undefined && !isFieldsObject(value, names)) {
    // The single result itself; a plain object is that only where the result is a struct.
    const kind = results().$meta.info.byName.get(only)?.type?.which;
    if (!isPlainObject(value) || kind === 'struct' || kind === 'anyPointer') {
      target()[only] = value;
      return;
    }
  }
  if (Array.isArray(value)) {
    if (value.length > names.length) {
      throw new CapnpError(
        'invalid-value',
        `${method.name} returned ${value.length} values; it has ${names.length} results (${names.join(', ')}).`,
      );
    }
    value.forEach((v, i) => {
      if (v !== undefined) target()[names[i] as string] = v;
    });
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!names.includes(k)) {
        throw new CapnpError(
          'unknown-field',
          `${method.name} returned a result '${k}'; its results are: ${names.join(', ') || '(none)'}.`,
        );
      }
      if (v !== undefined) target()[k] = v;
    }
    return;
  }
  const what =
    value instanceof Server || value instanceof Capability ? 'a capability' : describe(value);
  throw new CapnpError(
    'invalid-value',
    `${method.name} returned ${what}, but it has ${names.length} results (${names.join(', ') || 'none'}): return an object of them or an array.`,
  );
}
