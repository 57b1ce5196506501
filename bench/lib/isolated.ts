import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Timing } from './measure.js';

const worker = join(import.meta.dirname, 'case-worker.ts');
const tsx = join(import.meta.dirname, '../node_modules/tsx/dist/esm/index.mjs');

/**
 * Times the cases of a module (which exports `setup()` returning named functions), each in a
 * process of its own so that libraries measured side by side share no heap, garbage collector
 * or JIT state. The cases take turns over `processes` rounds, so that a noisy neighbour on the
 * machine slows them alike; a case's figure is the median of its per-process medians.
 */
export function timeIsolated(
  modulePath: string,
  cases: readonly string[],
  options: { processes?: number; warmup?: number; runs?: number } = {},
): Record<string, Timing> {
  const { processes = 3, warmup = 50, runs = 200 } = options;
  const medians = new Map<string, number[]>(cases.map((c) => [c, []]));
  const mins = new Map<string, number>();
  for (let round = 0; round < processes; round++) {
    for (const name of cases) {
      const out = execFileSync(
        process.execPath,
        ['--import', tsx, worker, modulePath, name, String(warmup), String(runs)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const timing = JSON.parse(out.trim().split('\n').pop() as string) as Timing;
      medians.get(name)?.push(timing.median);
      mins.set(name, Math.min(mins.get(name) ?? Number.POSITIVE_INFINITY, timing.min));
    }
  }
  const result: Record<string, Timing> = {};
  for (const name of cases) {
    const sorted = [...(medians.get(name) as number[])].sort((a, b) => a - b);
    result[name] = {
      median: sorted[sorted.length >> 1] as number,
      min: mins.get(name) as number,
      runs: processes * runs,
    };
  }
  return result;
}
