import { InvariantViolation } from '../engine/target.js';

/**
 * Waiting in the RPC campaign: event-loop turns to let messages and calls settle, and hang
 * guards — a wait that does not end within its bound becomes an InvariantViolation naming what
 * was waited for (a promise left pending), rather than a campaign stuck until the supervisor's
 * hang timeout.
 */

/** How long anything the campaign awaits may take before it counts as left pending. */
export const PENDING_MS = 10_000;

/** One turn of the event loop (pending microtasks, then I/O and immediates). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function settle(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await turn();
}

/** `p`, or an InvariantViolation if it has not settled within `ms`. */
export async function within<T>(p: Promise<T>, what: string, ms = PENDING_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new InvariantViolation(`${what} did not settle within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits (turn by turn) until `done()`; an InvariantViolation saying `what()` after `ms`. */
export async function until(
  done: () => boolean,
  what: () => string,
  ms = PENDING_MS,
): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > ms) throw new InvariantViolation(what());
    await turn();
  }
}
