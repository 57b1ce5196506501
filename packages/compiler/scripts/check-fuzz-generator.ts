/**
 * Checks that test/fuzz/random-schema.ts only produces schemas the reference compiler accepts.
 *
 * Usage (from anywhere): npx tsx packages/compiler/scripts/check-fuzz-generator.ts [N] [--keep]
 *
 * Generates the schemas for seeds 1..N (default 500), writes each to its own temporary directory
 * and compiles its entry file with `capnp compile -o-` (standard schemas from packages/compiler/std
 * on the import path). The only acceptable rejection is the reference's deliberate issue-344
 * refusal; any other failure is printed with its seed and directory (kept on disk) and makes the
 * script exit with status 1. `--keep` keeps every directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomSchema } from '../test/fuzz/random-schema.js';

const issue344 = "Bad news: Cap'n Proto 0.5.x and previous contained a bug";

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 500);
const std = resolve(dirname(fileURLToPath(import.meta.url)), '../std');
const root = mkdtempSync(join(tmpdir(), 'capnp-fuzz-'));

let accepted = 0;
let refused344 = 0;
const failures: { seed: number; dir: string; stderr: string }[] = [];

for (let seed = 1; seed <= count; seed++) {
  const schema = randomSchema(seed);
  const dir = join(root, `seed-${seed}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(schema.files)) writeFileSync(join(dir, name), text);
  const run = spawnSync(
    'capnp',
    [
      'compile',
      '-o-',
      '--no-standard-import',
      `-I${std}`,
      `--src-prefix=${dir}`,
      join(dir, schema.entry),
    ],
    { encoding: 'buffer', maxBuffer: 1 << 28 },
  );
  const stderr = run.stderr.toString('utf8');
  if (run.status === 0) {
    accepted++;
  } else if (stderr.includes(issue344)) {
    refused344++;
  } else {
    failures.push({ seed, dir, stderr });
    continue;
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

for (const f of failures.slice(0, 10)) {
  console.log(`--- seed ${f.seed} (${f.dir})\n${f.stderr.trim()}`);
}
const percent = (n: number): string => `${((100 * n) / count).toFixed(1)}%`;
console.log(
  `${count} schemas: ${accepted} compiled (${percent(accepted)}), ${refused344} refused by issue 344 ` +
    `(${percent(refused344)}), ${failures.length} other failures`,
);
console.log(
  `accepted modulo issue 344: ${accepted + refused344}/${count} (${percent(accepted + refused344)})`,
);
if (failures.length === 0 && !keep) rmSync(root, { recursive: true, force: true });
process.exit(failures.length === 0 ? 0 : 1);
