/**
 * The standard schemas bundled with the compiler (`/capnp/c++.capnp` when no import directory
 * has it) are virtual modules. Schema modules import them by a package-like specifier, which
 * this plugin resolves to a `\0`-prefixed id (Rollup's mark of a virtual module, which other
 * plugins leave alone) or, for esbuild, which resolves a virtual module's imports from the
 * directory of its path, to the encoded specifier in the root directory.
 */

/** Prefix of the specifier of a bundled schema: `@capnp-kit/unplugin/std/capnp/c++.capnp`. */
export const BUNDLED_SPECIFIER = '@capnp-kit/unplugin/std/';

/** Matches the resolved id of a bundled schema (captures its name, encoded in esbuild's ids). */
export const BUNDLED_ID =
  /(?:^\0@capnp-kit\/unplugin\/std\/|\/%40capnp-kit%2Funplugin%2Fstd%2F)(.+\.capnp)$/;

/** The specifier of bundled schema `name` (`capnp/c++.capnp`). */
export function bundledSpecifier(name: string): string {
  return `${BUNDLED_SPECIFIER}${name}`;
}

/** The resolved id of a bundled schema's specifier: virtual, or in `directory` if given. */
export function bundledId(specifier: string, directory?: string): string {
  return directory === undefined
    ? `\0${specifier}`
    : `${directory}/${encodeURIComponent(specifier)}`;
}

/** The name of the bundled schema with resolved id `id`, or undefined if it is no such id. */
export function bundledName(id: string): string | undefined {
  const name = BUNDLED_ID.exec(id)?.[1];
  return name === undefined || id.startsWith('\0') ? name : decodeURIComponent(name);
}
