import { getHeapStatistics } from 'node:v8';
import { InvariantViolation, type Meter, type Target } from './target.js';

/**
 * The invariants checked on every input: only documented typed errors escape, the input bytes
 * are unchanged, the call returns quickly, and the heap grows in proportion to the work the
 * input may legitimately cause. (Hangs and heap exhaustion cannot be caught from inside the
 * call: the supervisor watches the worker running it, see supervisor.ts.)
 */

/** What broke. */
export type ViolationKind =
  /** Something other than a documented typed error escaped (TypeError, RangeError, …). */
  | 'unexpected-error'
  /** A property the target checks itself failed (round trip, result shape, diagnostics). */
  | 'invariant'
  /** The input bytes differ after the call. */
  | 'input-mutated'
  /** The call took longer than {@link timeBound} of the input's cost, twice in a row. */
  | 'slow'
  /** Heap growth beyond {@link memoryBound} of the input's cost, twice in a row. */
  | 'memory'
  /** The worker stopped making progress for the hang timeout (supervisor). */
  | 'hang'
  /** The worker ran out of heap (supervisor). */
  | 'out-of-memory'
  /** The worker died otherwise (supervisor). */
  | 'worker-crash';

/** One invariant violation. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
  /** The stack of the escaped error, if any. */
  readonly stack: string;
  /**
   * Identifies the bug rather than the input: kind, error class and the innermost source frame.
   * Minimization keeps it; crashers are deduplicated by it.
   */
  readonly signature: string;
}

/** What one input did. */
export interface Outcome {
  /** `ok`, or `Class:code` of the typed error thrown. */
  readonly result: string;
  readonly ms: number;
  /** used heap + external memory after the call (outputs still alive) minus before. */
  readonly heapGrowth: number;
  readonly cost: number;
  readonly violation: Violation | undefined;
}

/** Heap growth always allowed (V8 allocates in pages; schemas build classes lazily). */
export const MEMORY_BASE_BYTES = 64 * 1024 * 1024;
/**
 * Heap bytes allowed per byte of cost. The worst measured by design is a Bool list printed as
 * JSON: a node per bit, about 350 heap bytes per byte of cost (message byte or charged byte);
 * this allows three times that. Growth beyond it means work the limits do not account for.
 */
export const MEMORY_PER_COST_BYTE = 1024;

/** The heap growth an input of `cost` is allowed. */
export function memoryBound(cost: number): number {
  return MEMORY_BASE_BYTES + MEMORY_PER_COST_BYTE * cost;
}

/**
 * Milliseconds allowed per byte of cost on top of the target's `slowMs`: 4 µs. The limits let
 * a 300-byte message hold 8 Mi zero-sized list elements (the reference charges them a word
 * each), or many pointers alias one large list (each is charged), and the decode campaign
 * turns every element into an object, text and JSON several times: about 0.5 µs per byte of
 * cost when the heap has room, three times that when the heap is near its cap. Work beyond the
 * allowance, per unit the limits account for, is a bug.
 */
export const MS_PER_COST_BYTE = 0.004;

/** The time an input of `cost` is allowed. */
export function timeBound(target: Target, cost: number): number {
  return target.slowMs + MS_PER_COST_BYTE * cost;
}

function heapInUse(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/** The first stack frame in capnp-kit's sources (not the fuzzer's), for signatures. */
function innermostFrame(stack: string): string {
  for (const line of stack.split('\n')) {
    const m = /packages\/([\w-]+\/src\/[\w/.-]+):(\d+)/.exec(line);
    if (m !== null) return `${m[1]}:${m[2]}`;
  }
  return 'no-frame';
}

function violation(kind: ViolationKind, message: string, error?: unknown): Violation {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const what =
    error instanceof Error
      ? `${error.name}${'code' in error ? `:${String(error.code)}` : ''}`
      : error === undefined
        ? ''
        : 'non-error';
  // A target's own invariant is named by its message (up to the first colon), not its frame.
  const where = kind === 'invariant' ? message.split(':')[0] : innermostFrame(stack);
  return { kind, message, stack, signature: `${kind}|${what}|${where}` };
}

function resultOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}:${'code' in error ? String(error.code) : '-'}`;
  return 'non-error';
}

/** Runs `input` once and checks the per-call invariants (not time and memory: see {@link check}). */
export async function execute(target: Target, input: Uint8Array): Promise<Outcome> {
  const copy = input.slice();
  const before = heapInUse();
  const start = performance.now();
  const meter: Meter = { cost: input.length };
  let retained: unknown;
  let error: unknown;
  let threw = false;
  try {
    retained = target.run(input, meter);
    if (retained instanceof Promise) retained = await retained;
  } catch (e) {
    threw = true;
    error = e;
  }
  const ms = performance.now() - start;
  const heapGrowth = heapInUse() - before;
  // Dropped only now: the outputs count in the growth.
  retained = undefined;
  const cost = meter.cost;
  let found: Violation | undefined;
  if (!sameBytes(input, copy)) {
    found = violation('input-mutated', 'The input bytes were modified by the call.', error);
  } else if (threw && error instanceof InvariantViolation) {
    found = violation('invariant', error.message, error);
  } else if (threw) {
    const problem = target.judge(error);
    if (problem !== undefined) found = violation('unexpected-error', problem, error);
  }
  const result = threw ? resultOf(error) : (meter.label ?? 'ok');
  return { result, ms, heapGrowth, cost, violation: found };
}

/** A function that runs a full garbage collection, when node runs with --expose-gc. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * {@link execute} plus, when `bounds`, the time and memory bounds. An input over a bound is run
 * again (after a full GC, when available) and reported only if it is over again: a GC pause or
 * garbage left by earlier inputs must not count against it.
 */
export async function check(
  target: Target,
  input: Uint8Array,
  bounds: boolean = true,
): Promise<Outcome> {
  const first = await execute(target, input);
  if (first.violation !== undefined || !bounds) return first;
  const slow = first.ms > timeBound(target, first.cost);
  const heavy = first.heapGrowth > memoryBound(first.cost);
  if (!slow && !heavy) return first;
  collectGarbage?.();
  const again = await execute(target, input);
  if (again.violation !== undefined) return again;
  if (slow && again.ms > timeBound(target, again.cost)) {
    return {
      ...again,
      violation: violation(
        'slow',
        `The call took ${again.ms.toFixed(0)} ms for an input of cost ${again.cost} bytes (bound ${timeBound(target, again.cost).toFixed(0)} ms).`,
      ),
    };
  }
  if (heavy && again.heapGrowth > memoryBound(again.cost)) {
    return {
      ...again,
      violation: violation(
        'memory',
        `The heap grew by ${mib(again.heapGrowth)} for an input of cost ${again.cost} bytes (bound ${mib(memoryBound(again.cost))}).`,
      ),
    };
  }
  return again;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
