import { spawnSync } from 'node:child_process';

/** Summary of repeated timings, in milliseconds. */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly runs: number;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, runs: sorted.length };
}

/**
 * Times `fn` in this process after `warmup` calls: at least `minRuns` runs and `minMillis` of
 * measuring, whichever takes longer.
 */
export function timeInProcess(
  fn: () => unknown,
  options: { warmup?: number; minRuns?: number; minMillis?: number } = {},
): Timing {
  const { warmup = 20, minRuns = 30, minMillis = 500 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMillis) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Times whole processes (wall clock, spawn to exit), after one unmeasured warm-up run. */
export function timeProcess(
  command: string,
  args: readonly string[],
  options: { runs?: number; cwd?: string } = {},
): Timing {
  const { runs = 15, cwd } = options;
  const run = () => {
    const t0 = performance.now();
    const r = spawnSync(command, args, {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 30,
    });
    const t = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
    return t;
  };
  run();
  return summarize(Array.from({ length: runs }, run));
}

/** The version a command prints, or undefined if it is not installed. */
export function commandVersion(
  command: string,
  args: readonly string[] = ['--version'],
): string | undefined {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
