import { Session } from 'node:inspector';

/**
 * Code coverage from V8's precise block coverage (the inspector's Profiler domain, the data
 * `c8` and `--experimental-test-coverage` use), to guide the fuzzer: an input that executes
 * source not executed before joins the corpus.
 *
 * Coverage is binary (`callCount: false`) and taken per batch of inputs, not per input: a take
 * serializes every executed function's block ranges and costs milliseconds, far more than an
 * input. A batch that found something new is split to find the inputs responsible.
 *
 * V8 reports, per executed function, nested ranges in pre-order, each with a count; a block
 * that ran merges into its parent, so what is new cannot be read off range starts. Instead each
 * script has a byte map of its source offsets: executed positions are marked, and a take is new
 * if it executes a position not marked yet.
 */

export interface Range {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}

interface ScriptCoverage {
  readonly url: string;
  readonly functions: readonly { readonly ranges: readonly Range[] }[];
}

/** The executed intervals of one take, per script: flat [start, end, start, end, …]. */
export type CoverageTake = Map<string, number[]>;

/** Tracks executed source positions of the scripts that `include` accepts. */
export class Coverage {
  readonly #session = new Session();
  readonly #maps = new Map<string, Uint8Array>();
  readonly #include: (url: string) => boolean;
  /** Source positions executed so far, over all scripts. */
  covered = 0;

  constructor(include: (url: string) => boolean) {
    this.#include = include;
    this.#session.connect();
    // The inspector answers a session of the same thread synchronously.
    this.#post('Profiler.enable');
    this.#post('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
  }

  #post(method: string, params?: object): unknown {
    let result: unknown;
    let failure: Error | null = null;
    this.#session.post(method, params ?? {}, (error, r) => {
      failure = error;
      result = r;
    });
    if (failure !== null) throw failure;
    return result;
  }

  /** What ran since the previous take (taking resets V8's counters). */
  take(): CoverageTake {
    const { result } = this.#post('Profiler.takePreciseCoverage') as {
      result: readonly ScriptCoverage[];
    };
    const take: CoverageTake = new Map();
    for (const script of result) {
      if (!this.#include(script.url)) continue;
      const intervals: number[] = [];
      for (const fn of script.functions) executedIntervals(fn.ranges, intervals);
      if (intervals.length > 0) take.set(script.url, intervals);
    }
    return take;
  }

  /** Whether `take` executed a position not executed before. */
  isNew(take: CoverageTake): boolean {
    for (const [url, intervals] of take) {
      const map = this.#maps.get(url);
      if (map === undefined) return true;
      for (let i = 0; i < intervals.length; i += 2) {
        const start = intervals[i] as number;
        const end = intervals[i + 1] as number;
        if (end > map.length) return true;
        if (map.subarray(start, end).includes(0)) return true;
      }
    }
    return false;
  }

  /** Marks the positions `take` executed. */
  merge(take: CoverageTake): void {
    for (const [url, intervals] of take) {
      let map = this.#maps.get(url);
      let needed = 0;
      for (let i = 1; i < intervals.length; i += 2)
        needed = Math.max(needed, intervals[i] as number);
      if (map === undefined || map.length < needed) {
        const grown = new Uint8Array(needed);
        if (map !== undefined) grown.set(map);
        map = grown;
        this.#maps.set(url, map);
      }
      for (let i = 0; i < intervals.length; i += 2) {
        const start = intervals[i] as number;
        const end = intervals[i + 1] as number;
        const slice = map.subarray(start, end);
        let fresh = 0;
        for (let k = 0; k < slice.length; k++) if (slice[k] === 0) fresh++;
        this.covered += fresh;
        slice.fill(1);
      }
    }
  }

  /** Stops collecting. */
  close(): void {
    this.#post('Profiler.stopPreciseCoverage');
    this.#session.disconnect();
  }
}

/**
 * Appends the executed intervals of one function to `out`: a sweep over its pre-ordered ranges
 * with a stack of the enclosing ones, where each position takes the count of the innermost
 * range containing it.
 */
export function executedIntervals(ranges: readonly Range[], out: number[]): void {
  const stack: Range[] = [];
  let pos = 0;
  const emit = (end: number) => {
    const top = stack[stack.length - 1];
    if (top !== undefined && top.count > 0 && end > pos) out.push(pos, end);
    pos = Math.max(pos, end);
  };
  for (const r of ranges) {
    while (stack.length > 0 && (stack[stack.length - 1] as Range).endOffset <= r.startOffset) {
      emit((stack[stack.length - 1] as Range).endOffset);
      stack.pop();
    }
    emit(r.startOffset);
    stack.push(r);
    pos = r.startOffset;
  }
  while (stack.length > 0) {
    emit((stack[stack.length - 1] as Range).endOffset);
    stack.pop();
  }
}
