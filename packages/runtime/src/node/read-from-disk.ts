import { readFileSync, statSync } from 'node:fs';

/** The compiler's `readFile` on Node's file system: a file's bytes, or undefined if none. */
export function readFromDisk(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}
