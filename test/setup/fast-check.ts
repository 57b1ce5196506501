import fc from 'fast-check';

/**
 * Property tests run from a fixed seed, so every run of the suite checks the same inputs and a
 * failure reproduces. `FC_SEED=<n> pnpm test` explores other inputs; the fuzz campaigns
 * (`pnpm fuzz`) search far wider.
 */
const seed = process.env.FC_SEED === undefined ? 0x5eed : Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed))
  throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
fc.configureGlobal({ seed });
