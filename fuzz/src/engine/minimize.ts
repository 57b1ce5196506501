import { remove } from './mutate-bytes.js';

/** Limits of one minimization. */
export interface MinimizeBudget {
  /** Candidate runs at most. */
  readonly runs: number;
  /** Wall-clock milliseconds at most. */
  readonly ms: number;
}

/**
 * Shrinks an input while `reproduces` holds for it (the same violation, judged by signature):
 * first removing chunks, halving their size down to single bytes (delta debugging's
 * complement step), then zeroing the bytes that remain. Stops early when the budget is spent;
 * the result always reproduces.
 */
export async function minimize(
  input: Uint8Array,
  reproduces: (candidate: Uint8Array) => Promise<boolean>,
  budget: MinimizeBudget,
): Promise<Uint8Array> {
  const deadline = performance.now() + budget.ms;
  let runs = 0;
  const spent = () => runs >= budget.runs || performance.now() > deadline;
  const attempt = async (candidate: Uint8Array) => {
    runs++;
    return reproduces(candidate);
  };

  let best = input;
  for (let chunk = best.length >>> 1; chunk >= 1 && !spent(); chunk >>>= 1) {
    let at = 0;
    while (at < best.length && !spent()) {
      const candidate = remove(best, at, chunk);
      if (await attempt(candidate)) best = candidate;
      else at += chunk;
    }
  }
  for (let i = 0; i < best.length && !spent(); i++) {
    if (best[i] === 0) continue;
    const candidate = best.slice();
    candidate[i] = 0;
    if (await attempt(candidate)) best = candidate;
  }
  return best;
}
