import { Worker } from 'node:worker_threads';
import type { CampaignStats } from './campaign.js';
import { type Crasher, writeCrasher } from './crashers.js';
import type { ViolationKind } from './invariants.js';
import type { Target } from './target.js';
import type { WorkerMessage, WorkerSetup } from './worker-protocol.js';

/**
 * Runs a campaign in a worker thread and watches it from outside, which is the only place a
 * hang or heap exhaustion can be seen from: the worker publishes each input in shared memory
 * before running it; if its input counter stops moving for `hangMs`, or the worker dies (its
 * heap is capped by `resourceLimits`), the input in shared memory is recorded as a crasher and
 * a new worker continues the campaign with the runs left.
 */

/** Options of {@link supervise}. */
export interface SuperviseOptions {
  readonly target: Target;
  readonly runs: number;
  readonly seed: number;
  readonly coverage: boolean;
  readonly minimize: boolean;
  /** No new input for this long means the current one hangs. */
  readonly hangMs: number;
  /** The worker's old-generation heap cap (running out is reported as out-of-memory). */
  readonly maxHeapMb: number;
  /** Crashers are written under `<crashersDir>/<target>/`. */
  readonly crashersDir: string;
  readonly log: (line: string) => void;
}

/** The campaign's figures, over all the workers it took. */
export interface CampaignReport extends CampaignStats {
  /** Crasher files written (new ones; a known signature is not written again). */
  readonly crashers: string[];
  /** Workers replaced after a hang or a crash. */
  restarts: number;
  /** Peak resident memory of the process (all threads), MiB. */
  maxRssMiB: number;
}

interface WorkerEnd {
  /** Fresh inputs the worker started. */
  readonly runs: number;
  readonly stats: CampaignStats | undefined;
  /** Set when the worker did not finish normally. */
  readonly abnormal?: { kind: ViolationKind; message: string; input: Uint8Array };
}

function emptyStats(target: string, seed: number): CampaignStats {
  return {
    target,
    seed,
    runs: 0,
    seedInputs: 0,
    corpus: 0,
    coveredPositions: 0,
    violatingInputs: 0,
    violations: 0,
    byKind: {},
    results: {},
    maxMs: 0,
    slowestInput: '',
    maxHeapGrowth: 0,
    heaviestInput: '',
    elapsedMs: 0,
  };
}

function mergeInto(total: CampaignStats, part: CampaignStats, runs: number): void {
  total.runs += runs;
  total.seedInputs = Math.max(total.seedInputs, part.seedInputs);
  total.corpus = Math.max(total.corpus, part.corpus);
  total.coveredPositions = Math.max(total.coveredPositions, part.coveredPositions);
  total.violatingInputs += part.violatingInputs;
  for (const [k, n] of Object.entries(part.byKind)) total.byKind[k] = (total.byKind[k] ?? 0) + n;
  for (const [k, n] of Object.entries(part.results)) total.results[k] = (total.results[k] ?? 0) + n;
  if (part.maxMs > total.maxMs) {
    total.maxMs = part.maxMs;
    total.slowestInput = part.slowestInput;
  }
  if (part.maxHeapGrowth > total.maxHeapGrowth) {
    total.maxHeapGrowth = part.maxHeapGrowth;
    total.heaviestInput = part.heaviestInput;
  }
}

function runWorker(
  o: SuperviseOptions,
  runs: number,
  seed: number,
  onCrasher: (c: Crasher) => void,
) {
  return new Promise<WorkerEnd>((resolve, reject) => {
    const control = new SharedArrayBuffer(3 * 4);
    const input = new SharedArrayBuffer(o.target.maxInputBytes);
    const counters = new Int32Array(control);
    const setup: WorkerSetup = {
      target: o.target.name,
      runs,
      seed,
      coverage: o.coverage,
      minimize: o.minimize,
      control,
      input,
    };
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb },
    });
    let stats: CampaignStats | undefined;
    let done = false;
    let hung = false;
    let failure: Error | undefined;
    let seen = -1;
    let since = performance.now();
    const watch = setInterval(() => {
      const started = Atomics.load(counters, 0);
      if (started !== seen) {
        seen = started;
        since = performance.now();
      } else if (started > 0 && performance.now() - since > o.hangMs) {
        hung = true;
        void worker.terminate();
      }
    }, 250);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'violation') {
        const { violation: v, input: found, minimized, description } = m.found;
        onCrasher({ target: o.target.name, ...v, input: found, minimized, description });
      } else {
        stats = m.stats;
        if (m.type === 'done') done = true;
        else o.log(progressLine(m.stats));
      }
    });
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', () => {
      clearInterval(watch);
      const fresh = Atomics.load(counters, 2);
      if (done) {
        resolve({ runs: stats?.runs ?? fresh, stats });
        return;
      }
      if (Atomics.load(counters, 0) === 0) {
        reject(failure ?? new Error('the worker exited before running any input'));
        return;
      }
      const length = Atomics.load(counters, 1);
      const last = new Uint8Array(input).slice(0, length);
      const oom = (failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const kind: ViolationKind = hung ? 'hang' : oom ? 'out-of-memory' : 'worker-crash';
      const message = hung
        ? `No progress for ${o.hangMs} ms.`
        : oom
          ? `The worker exceeded its ${o.maxHeapMb} MiB heap.`
          : `The worker died: ${failure?.stack ?? 'no error'}`;
      resolve({ runs: fresh, stats, abnormal: { kind, message, input: last } });
    });
  });
}

function progressLine(s: CampaignStats): string {
  const rate = s.elapsedMs > 0 ? Math.round((s.runs / s.elapsedMs) * 1000) : 0;
  return `[${s.target}] ${s.runs} inputs, ${rate}/s, corpus ${s.corpus}, covered ${s.coveredPositions}, violations ${s.violations}, max ${s.maxMs.toFixed(1)} ms, max heap +${(s.maxHeapGrowth / 1048576).toFixed(1)} MiB`;
}

/** Runs the campaign to its count, replacing workers that hang or die. */
export async function supervise(o: SuperviseOptions): Promise<CampaignReport> {
  const started = performance.now();
  const total: CampaignReport = {
    ...emptyStats(o.target.name, o.seed),
    crashers: [],
    restarts: 0,
    maxRssMiB: 0,
  };
  const signatures = new Set<string>();
  const onCrasher = (c: Crasher) => {
    if (!signatures.has(c.signature)) {
      signatures.add(c.signature);
      total.violations++;
    }
    const path = writeCrasher(o.crashersDir, c);
    if (path !== undefined) total.crashers.push(path);
    o.log(`[${o.target.name}] ${c.kind}: ${c.message}${path ? ` -> ${path}` : ''}`);
  };
  let seed = o.seed;
  while (total.runs < o.runs) {
    const end = await runWorker(o, o.runs - total.runs, seed, onCrasher);
    mergeInto(total, end.stats ?? emptyStats(o.target.name, seed), Math.max(end.runs, 1));
    if (end.abnormal === undefined) break;
    const { kind, message, input } = end.abnormal;
    total.violatingInputs++;
    total.byKind[kind] = (total.byKind[kind] ?? 0) + 1;
    onCrasher({
      target: o.target.name,
      kind,
      message,
      stack: '',
      signature: `${kind}|${o.target.describe(input).slice(0, 60)}`,
      input,
      minimized: input,
      description: o.target.describe(input),
    });
    total.restarts++;
    if (total.restarts > 50) {
      o.log(`[${o.target.name}] giving up after ${total.restarts} worker restarts`);
      break;
    }
    // A new worker starts over from the seeds with another mutation sequence.
    seed = (seed + 0x9e3779b9) >>> 0;
  }
  total.elapsedMs = performance.now() - started;
  total.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  return total;
}
