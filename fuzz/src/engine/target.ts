import type { Rng } from './rng.js';

/**
 * One fuzzing campaign's subject: how inputs are made, run and judged. An input is always a
 * byte array, whatever it means to the target (a message, a schema, text…), so the engine's
 * mutation, corpus, minimization and crasher files work the same for all targets. Targets whose
 * inputs need more than bytes (which struct type, which entry point, which limits) keep that in
 * a short header at the start of the input.
 */
export interface Target {
  readonly name: string;
  /** One line: what is fuzzed, through which API. */
  readonly about: string;
  /** Longest input the mutators produce. */
  readonly maxInputBytes: number;
  /** Leading header bytes, mutated less often than the rest. */
  readonly headerBytes: number;
  /**
   * Per-input time allowed besides what the input's cost allows (see `timeBound`); over it the
   * input is reported as slow (after a confirming re-run).
   */
  readonly slowMs: number;
  /** The seed corpus: valid inputs of every kind the target accepts. */
  seeds(): readonly Uint8Array[];
  /** Tokens byte-level mutation inserts whole. */
  dictionary(): readonly Uint8Array[];
  /**
   * A structure-aware mutation of `input`, or undefined when the input's structure cannot be
   * parsed (byte-level mutation is used then).
   */
  mutate(input: Uint8Array, rng: Rng, corpus: readonly Uint8Array[]): Uint8Array | undefined;
  /**
   * Runs the input through the code under test, adding to `meter.cost` as it learns what the
   * input may legitimately cost; returns outputs to keep alive until the heap is measured.
   * Throws what the code under test throws, or {@link InvariantViolation} when a property the
   * target checks itself does not hold.
   */
  run(input: Uint8Array, meter: Meter): unknown;
  /**
   * Undefined if `error`, thrown by {@link run}, is a documented typed error with a documented
   * code; otherwise why it is not.
   */
  judge(error: unknown): string | undefined;
  /** The input, explained for a person (header decoded, payload summarized). */
  describe(input: Uint8Array): string;
}

/**
 * The work an input may legitimately cause, in bytes: its length, plus what the documented
 * limits let it ask for (8 bytes per word charged to the traversal limit, the bytes a packed
 * input unpacks to). Heap growth per input is judged against it. Targets add to it as they go,
 * so it is known even when the run throws.
 */
export interface Meter {
  cost: number;
  /** How a run that did not throw ended, for the campaign's outcome counts (default `ok`). */
  label?: string;
}

/** A property checked by a target itself (a round trip, a result shape) does not hold. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}
