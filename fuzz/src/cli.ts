import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { check } from './engine/invariants.js';
import { type CampaignReport, supervise } from './engine/supervisor.js';
import type { Target } from './engine/target.js';
import { TARGETS } from './targets/index.js';

/**
 * `pnpm fuzz <target|all|list> [--runs N] [--seed S] [--no-coverage] [--no-minimize]
 * [--hang-ms MS] [--max-heap-mb MB]`, or `pnpm fuzz <target> --replay FILE...`.
 *
 * A campaign runs in a supervised worker (see engine/supervisor.ts), writes crashers to
 * fuzz/crashers/<target>/ and its figures to fuzz/results/<target>.json; the exit status is 1
 * if any invariant was violated. `--replay` runs saved inputs once, in this thread, and prints
 * what each did.
 */

const ROOT = join(import.meta.dirname, '..');

const USAGE = `usage: pnpm fuzz <target|all|list> [--runs N] [--seed S] [--no-coverage] [--no-minimize]
                 [--hang-ms MS] [--max-heap-mb MB]
       pnpm fuzz <target> --replay FILE...
targets: ${Object.keys(TARGETS).join(', ')}`;

async function replay(target: Target, files: readonly string[]): Promise<boolean> {
  let clean = true;
  for (const file of files) {
    const input = new Uint8Array(readFileSync(file));
    const outcome = await check(target, input);
    console.log(`${file}: ${target.describe(input)}`);
    console.log(
      `  result ${outcome.result}, ${outcome.ms.toFixed(1)} ms, heap +${outcome.heapGrowth} bytes`,
    );
    if (outcome.violation !== undefined) {
      clean = false;
      console.log(`  VIOLATION ${outcome.violation.kind}: ${outcome.violation.message}`);
      console.log(outcome.violation.stack);
    }
  }
  return clean;
}

/** Frames handed to RPC connections, counted from the `rpc` outcomes (`<end>, <n> frames`). */
function framesOf(results: Readonly<Record<string, number>>): number | undefined {
  let frames: number | undefined;
  for (const [label, count] of Object.entries(results)) {
    const m = /, (\d+) frames$/.exec(label);
    if (m !== null) frames = (frames ?? 0) + Number(m[1]) * count;
  }
  return frames;
}

function summary(r: CampaignReport): string {
  const mib = (b: number) => (b / 1048576).toFixed(1);
  const frames = framesOf(r.results);
  return [
    `[${r.target}] done: ${r.runs} inputs${frames === undefined ? '' : ` (${frames} frames)`} in ${(r.elapsedMs / 1000).toFixed(0)} s (seed ${r.seed})`,
    `  violations: ${r.violations} distinct, ${r.violatingInputs} inputs ${JSON.stringify(r.byKind)}`,
    `  outcomes: ${JSON.stringify(r.results)}`,
    `  max time per input ${r.maxMs.toFixed(1)} ms: ${r.slowestInput.slice(0, 160)}`,
    `  max heap growth per input ${mib(r.maxHeapGrowth)} MiB: ${r.heaviestInput.slice(0, 160)}`,
    `  max RSS ${r.maxRssMiB.toFixed(0)} MiB, corpus ${r.corpus}, covered positions ${r.coveredPositions}, worker restarts ${r.restarts}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      'no-coverage': { type: 'boolean', default: false },
      'no-minimize': { type: 'boolean', default: false },
      'hang-ms': { type: 'string', default: '300000' },
      'max-heap-mb': { type: 'string', default: '4096' },
      replay: { type: 'boolean', default: false },
    },
  });
  const [name, ...files] = positionals;
  if (name === undefined || name === 'list') {
    console.log(USAGE);
    for (const t of Object.values(TARGETS)) console.log(`  ${t.name}: ${t.about}`);
    return name === undefined ? 2 : 0;
  }
  const targets = name === 'all' ? Object.values(TARGETS) : [TARGETS[name]];
  if (targets.some((t) => t === undefined)) {
    console.error(`unknown target ${name}\n${USAGE}`);
    return 2;
  }
  if (values.replay) return (await replay(targets[0] as Target, files)) ? 0 : 1;
  let clean = true;
  for (const target of targets as Target[]) {
    const report = await supervise({
      target,
      runs: Number(values.runs),
      seed: Number(values.seed),
      coverage: !values['no-coverage'],
      minimize: !values['no-minimize'],
      hangMs: Number(values['hang-ms']),
      maxHeapMb: Number(values['max-heap-mb']),
      crashersDir: join(ROOT, 'crashers'),
      log: (line) => console.log(line),
    });
    console.log(summary(report));
    mkdirSync(join(ROOT, 'results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'results', `${target.name}.json`),
      `${JSON.stringify({ ...report, frames: framesOf(report.results), date: new Date().toISOString(), node: process.version }, null, 2)}\n`,
    );
    if (report.violations > 0) clean = false;
  }
  return clean ? 0 : 1;
}

process.exitCode = await main();
