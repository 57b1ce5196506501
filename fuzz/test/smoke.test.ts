import { describe, expect, it } from 'vitest';
import { runCampaign } from '../src/engine/campaign.js';
import { TARGETS } from '../src/targets/index.js';

/**
 * A bounded run of every campaign with a fixed seed, in the normal test suite (so in CI): the
 * seeds and a few thousand mutants each must hold every invariant but the time and memory
 * bounds (those depend on the machine; the on-demand campaigns check them). A failure names the
 * violation and the minimized input; `pnpm fuzz <target> --replay` reproduces a saved one.
 */

const RUNS: Record<string, number> = {
  decode: 4000,
  unpack: 10000,
  text: 4000,
  json: 6000,
  compile: 6000,
  rpc: 1500,
};

describe('fuzz smoke run', () => {
  for (const target of Object.values(TARGETS)) {
    it(`${target.name}: ${RUNS[target.name]} inputs, no invariant violated`, async () => {
      const runs = RUNS[target.name] ?? 2000;
      const { stats, found } = await runCampaign(target, {
        runs,
        seed: 20260101,
        coverage: false,
        bounds: false,
      });
      const report = found.map(
        (f) =>
          `${f.violation.kind}: ${f.violation.message}\n  input: ${f.description}\n${f.violation.stack}`,
      );
      expect(report).toEqual([]);
      expect(stats.runs).toBe(runs);
      // The mutants reach past the first checks: some inputs are accepted (an RPC connection
      // is served to its end, its outcome labelled `served, <n> frames`).
      const accepted = (r: string) => r === 'ok' || r === 'compiled' || r.startsWith('served,');
      expect(Object.keys(stats.results).filter(accepted)).not.toEqual([]);
    }, 120_000);
  }
});
