import { CapnpError } from '../errors.js';
import type { Registry } from '../registry.js';

/**
 * Late-bound entry points of the JSON codec. The codec needs the registry (to find the group and
 * struct types its annotations flatten), and the registry's modules need the codec (`toJSON()`):
 * importing one from the other would be a cycle that breaks module initialization. The codec
 * installs these when the package entry loads it.
 */
export const jsonHooks: {
  registry?: () => Registry;
  toJsonValue?: (value: unknown) => unknown;
} = {};

function missing(): CapnpError {
  return new CapnpError(
    'schema',
    'The JSON codec is not loaded: import @capnp-kit/runtime (its entry installs it).',
  );
}

/** The registry holding every loaded schema node. */
export function jsonRegistry(): Registry {
  if (jsonHooks.registry === undefined) throw missing();
  return jsonHooks.registry();
}

/** A struct or list as the plain JSON value the reference writes (`toJSON()`). */
export function jsonValueOf(value: unknown): unknown {
  if (jsonHooks.toJsonValue === undefined) throw missing();
  return jsonHooks.toJsonValue(value);
}
