import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a reference-made fixture from test/fixtures. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));
}

/** Hex of a byte array, for readable failure messages. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
