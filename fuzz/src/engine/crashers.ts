import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ViolationKind } from './invariants.js';

/** A violation as the supervisor records it (found by the engine or by watching the worker). */
export interface Crasher {
  readonly target: string;
  readonly kind: ViolationKind;
  readonly signature: string;
  readonly message: string;
  readonly stack: string;
  /** The input as found. */
  readonly input: Uint8Array;
  /** The smallest input showing the same violation (the input itself if not minimized). */
  readonly minimized: Uint8Array;
  readonly description: string;
}

/**
 * Writes a crasher to `dir/<target>/`: `<id>.bin` (minimized), `<id>.original.bin` and
 * `<id>.txt` (what broke, the stack, the decoded input and how to replay it). The id is the
 * kind and a hash of the signature, so the same bug found twice is written once. Returns the
 * path of the `.bin`, or undefined if it was there already.
 */
export function writeCrasher(dir: string, c: Crasher): string | undefined {
  const hash = createHash('sha256').update(c.signature).digest('hex').slice(0, 12);
  const base = join(dir, c.target, `${c.kind}-${hash}`);
  if (existsSync(`${base}.bin`)) return undefined;
  mkdirSync(join(dir, c.target), { recursive: true });
  writeFileSync(`${base}.bin`, c.minimized);
  writeFileSync(`${base}.original.bin`, c.input);
  const report = [
    `target: ${c.target}`,
    `kind: ${c.kind}`,
    `signature: ${c.signature}`,
    `message: ${c.message}`,
    `input (minimized, ${c.minimized.length} of ${c.input.length} bytes): ${c.description}`,
    `replay: pnpm fuzz ${c.target} --replay ${base}.bin`,
    '',
    c.stack,
    '',
  ].join('\n');
  writeFileSync(`${base}.txt`, report);
  return `${base}.bin`;
}
