import { Coverage } from './coverage.js';
import { check, type Outcome, type Violation } from './invariants.js';
import { minimize } from './minimize.js';
import { havoc } from './mutate-bytes.js';
import { Rng } from './rng.js';
import type { Target } from './target.js';

/**
 * The fuzzing loop, run in one thread: seeds first, then mutations of corpus entries, each
 * checked against the invariants; with coverage on, inputs that execute new code join the
 * corpus. Violations are minimized and reported once per signature. The supervisor runs this
 * in a worker (for hang and heap-exhaustion detection); the smoke tests run it in-process.
 */

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  /** Inputs to try, seeds included. */
  readonly runs: number;
  readonly seed: number;
  /** Guide mutation by V8 block coverage of capnp-kit's sources. */
  readonly coverage: boolean;
  /**
   * Check the time and memory bounds (default true). Off in the test suite, which must not
   * depend on timing.
   */
  readonly bounds?: boolean;
  /** Shrink violating inputs before reporting them (default true). */
  readonly minimize?: boolean;
  /** Inputs per coverage take (default 128). */
  readonly batch?: number;
  /** Largest corpus kept (default 4096); past it new entries replace random old ones. */
  readonly maxCorpus?: number;
  /**
   * Called with each input before it runs (the worker publishes it for hang attribution);
   * `fresh` is false for re-runs (coverage attribution, minimization).
   */
  readonly onInput?: (input: Uint8Array, fresh: boolean) => void;
  /** Called once per new violation signature. */
  readonly onViolation?: (found: Found) => void;
  /** Called every `progressMs` (default 5000) with the statistics so far. */
  readonly onProgress?: (stats: CampaignStats) => void;
  readonly progressMs?: number;
}

/** A violation and the inputs showing it. */
export interface Found {
  readonly violation: Violation;
  readonly input: Uint8Array;
  /** The smallest input found that shows the same violation (the input if not minimized). */
  readonly minimized: Uint8Array;
  readonly description: string;
}

/** The figures of a campaign. */
export interface CampaignStats {
  readonly target: string;
  readonly seed: number;
  /** Inputs tried (seeds and mutants; re-runs for confirmation, coverage or minimizing excluded). */
  runs: number;
  seedInputs: number;
  corpus: number;
  /** Source positions of capnp-kit executed (0 without coverage). */
  coveredPositions: number;
  /** Inputs that violated an invariant. */
  violatingInputs: number;
  /** Distinct violation signatures. */
  violations: number;
  byKind: Record<string, number>;
  /** How inputs ended: `ok` or the typed error's `Class:code`, with counts. */
  results: Record<string, number>;
  maxMs: number;
  slowestInput: string;
  maxHeapGrowth: number;
  heaviestInput: string;
  elapsedMs: number;
}

/** Runs a campaign of `options.runs` inputs against `target`. */
export async function runCampaign(
  target: Target,
  options: CampaignOptions,
): Promise<{ stats: CampaignStats; found: Found[] }> {
  const started = performance.now();
  const rng = new Rng(options.seed);
  const coverage = options.coverage
    ? new Coverage((url) => /\/packages\/[\w-]+\/src\//.test(url))
    : undefined;
  const batchSize = options.batch ?? 128;
  const bounds = options.bounds ?? true;
  const maxCorpus = options.maxCorpus ?? 4096;
  const progressMs = options.progressMs ?? 5000;
  const dictionary = target.dictionary();
  const stats: CampaignStats = {
    target: target.name,
    seed: options.seed,
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
  const found: Found[] = [];
  const signatures = new Set<string>();
  const corpus: Uint8Array[] = [];
  let lastProgress = performance.now();

  const record = async (input: Uint8Array, outcome: Outcome) => {
    stats.runs++;
    stats.results[outcome.result] = (stats.results[outcome.result] ?? 0) + 1;
    if (outcome.ms > stats.maxMs) {
      stats.maxMs = outcome.ms;
      stats.slowestInput = target.describe(input);
    }
    if (outcome.heapGrowth > stats.maxHeapGrowth) {
      stats.maxHeapGrowth = outcome.heapGrowth;
      stats.heaviestInput = `${target.describe(input)} (cost ${outcome.cost})`;
    }
    const v = outcome.violation;
    if (v === undefined) return false;
    stats.violatingInputs++;
    stats.byKind[v.kind] = (stats.byKind[v.kind] ?? 0) + 1;
    if (signatures.has(v.signature)) return true;
    signatures.add(v.signature);
    stats.violations++;
    // Time and memory violations are not minimized: each attempt would be slow or heavy.
    const shrink = (options.minimize ?? true) && v.kind !== 'slow' && v.kind !== 'memory';
    const minimized = shrink
      ? await minimize(
          input,
          async (c) => {
            options.onInput?.(c, false);
            return (await check(target, c, bounds)).violation?.signature === v.signature;
          },
          { runs: 4000, ms: 20_000 },
        )
      : input;
    const f: Found = { violation: v, input, minimized, description: target.describe(minimized) };
    found.push(f);
    options.onViolation?.(f);
    return true;
  };

  const runOne = async (input: Uint8Array) => {
    options.onInput?.(input, true);
    return record(input, await check(target, input, bounds));
  };

  const addToCorpus = (input: Uint8Array) => {
    if (corpus.length < maxCorpus) corpus.push(input);
    else corpus[stats.seedInputs + rng.below(maxCorpus - stats.seedInputs)] = input;
  };

  // Runs inputs without checking (they were checked) and takes the coverage they produce.
  const rerunForCoverage = async (inputs: readonly Uint8Array[]) => {
    for (const input of inputs) {
      options.onInput?.(input, false);
      try {
        const r = target.run(input, { cost: 0 });
        if (r instanceof Promise) await r;
      } catch {
        // Checked already; only the coverage matters here.
      }
    }
    return (coverage as Coverage).take();
  };

  // Finds the inputs of a batch that executed new code: halves are re-run while they do.
  const attribute = async (inputs: readonly Uint8Array[]): Promise<void> => {
    if (inputs.length === 1) {
      const take = await rerunForCoverage(inputs);
      if ((coverage as Coverage).isNew(take)) {
        (coverage as Coverage).merge(take);
        addToCorpus(inputs[0] as Uint8Array);
      }
      return;
    }
    const half = inputs.length >>> 1;
    for (const part of [inputs.slice(0, half), inputs.slice(half)]) {
      if ((coverage as Coverage).isNew(await rerunForCoverage(part))) await attribute(part);
    }
  };

  const progress = () => {
    stats.corpus = corpus.length;
    stats.coveredPositions = coverage?.covered ?? 0;
    stats.elapsedMs = performance.now() - started;
  };

  coverage?.take();
  const seen = new Set<string>();
  for (const seed of target.seeds()) {
    if (stats.runs >= options.runs) break;
    const key = Buffer.from(seed).toString('base64');
    if (seen.has(key)) continue;
    seen.add(key);
    await runOne(seed);
    corpus.push(seed);
    if (coverage !== undefined) coverage.merge(coverage.take());
  }
  stats.seedInputs = corpus.length;

  const batch: Uint8Array[] = [];
  while (stats.runs < options.runs && corpus.length > 0) {
    batch.length = 0;
    while (batch.length < batchSize && stats.runs < options.runs) {
      // Half the time a recent entry: what coverage found last is likeliest to lead further.
      const parent = rng.oneIn(2)
        ? rng.pick(corpus)
        : (corpus[corpus.length - 1 - rng.size(corpus.length - 1)] as Uint8Array);
      let child = rng.oneIn(4) ? undefined : target.mutate(parent, rng, corpus);
      // A structural edit may grow an input past the target's maximum: havoc instead.
      if (child !== undefined && child.length > target.maxInputBytes) child = undefined;
      if (child === undefined || rng.oneIn(4)) {
        child = havoc(child ?? parent, rng, {
          maxLength: target.maxInputBytes,
          corpus,
          dictionary,
          keepPrefix: target.headerBytes,
        });
      }
      const violated = await runOne(child);
      if (!violated) batch.push(child);
    }
    if (coverage !== undefined && batch.length > 0) {
      const take = coverage.take();
      if (coverage.isNew(take)) {
        await attribute(batch.slice());
        // Also what no single input reproduced (code run once, such as lazily built
        // classes): otherwise every later batch touching it would be split again.
        coverage.merge(take);
      }
    }
    if (options.onProgress !== undefined && performance.now() - lastProgress > progressMs) {
      lastProgress = performance.now();
      progress();
      options.onProgress({ ...stats });
    }
  }
  progress();
  coverage?.close();
  return { stats, found };
}
