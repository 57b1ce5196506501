import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/engine/invariants.js';
import { TARGETS } from '../src/targets/index.js';

/**
 * Inputs that violated an invariant in a campaign, kept after the fix: regressions/<target>/
 * holds them as the campaign wrote them (`.bin`, the target's input encoding), and each must
 * now hold every invariant but the time and memory bounds. Each fix also has a focused test in
 * the package it touched.
 */

const dir = join(import.meta.dirname, '../regressions');

describe('fuzz regressions', () => {
  for (const target of readdirSync(dir).sort()) {
    const t = TARGETS[target];
    for (const file of readdirSync(join(dir, target)).sort()) {
      if (!file.endsWith('.bin')) continue;
      it(`${target}/${file}`, async () => {
        expect(t, `no target ${target}`).toBeDefined();
        if (t === undefined) return;
        const input = new Uint8Array(readFileSync(join(dir, target, file)));
        const outcome = await check(t, input, false);
        expect(outcome.violation, t.describe(input)).toBeUndefined();
      });
    }
  }
});
