import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository's root (its node_modules has the workspace packages and TypeScript). */
export const REPO = resolve(import.meta.dirname, '../../..');

/** The quickstart's schema. */
export const ADDRESSBOOK = join(REPO, 'examples/quickstart/addressbook.capnp');

/**
 * A new scratch directory inside the repository (under its git-ignored `tmp/`), so that
 * `@capnp-kit/runtime`, which generated declarations import, resolves from it as from a user's
 * project. Returns the path and a function removing it.
 */
export function scratchDirectory(prefix: string): { dir: string; remove: () => void } {
  const base = join(REPO, 'tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Reads a file for the compiler: undefined if there is no such file. */
export function readIfExists(path: string): Uint8Array | undefined {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path) : undefined;
}
