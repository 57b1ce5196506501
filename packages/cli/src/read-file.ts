import { readFileSync, statSync } from 'node:fs';

/** Reads a file for the compiler; undefined when there is no such (regular) file. */
export function readFromDisk(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** True if `path` is an existing directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
