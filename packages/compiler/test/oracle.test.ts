import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { randomSchema } from './fuzz/random-schema.js';
import { compileLikeReference, oracleAvailable, readFromDisk } from './support.js';

/**
 * Live differential tests against the installed reference compiler. They run wherever `capnp`
 * is installed (CI installs it; there a missing oracle fails instead of skipping).
 */
const live = oracleAvailable();

/** Runs `capnp compile -o-`: its bytes, or its stderr on failure. */
function reference(args: string[], cwd: string): { bytes?: Uint8Array; stderr: string } {
  const r = spawnSync('capnp', ['compile', '-o-', ...args], { cwd, maxBuffer: 1 << 30 });
  return r.status === 0
    ? { bytes: new Uint8Array(r.stdout), stderr: '' }
    : { stderr: r.stderr.toString() };
}

const hex = (b: Uint8Array | undefined) =>
  b === undefined ? undefined : Buffer.from(b).toString('hex');

describe.runIf(live)('live oracle: the installed standard schemas', () => {
  const root = '/usr/include';
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.capnp')) files.push(relative(root, path));
    }
  };
  if (live && existsSync(join(root, 'capnp'))) walk(join(root, 'capnp'));

  it('finds them', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)('%s compiles byte-identically', (file) => {
    const want = reference([file], root);
    const got = compileLikeReference({ files: [file], cwd: root, readFile: readFromDisk });
    expect(got.stderr).toBe(want.stderr);
    expect(hex(got.bytes)).toBe(hex(want.bytes));
  });
});

describe.runIf(live)('live oracle: differential fuzzing with random valid schemas', () => {
  // A bounded run by default; CAPNP_KIT_FUZZ_SCHEMAS=N runs N schemas (e.g. 5000 on demand).
  const count = Number(process.env.CAPNP_KIT_FUZZ_SCHEMAS ?? 40);
  const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let refusedByBoth = 0;

  it(
    `compiles ${count} random schemas exactly like capnp`,
    () => {
      for (let seed = 1; seed <= count; seed++) {
        const schema = randomSchema(seed);
        const caseDir = join(dir, String(seed));
        execFileSync('mkdir', ['-p', caseDir]);
        for (const [name, text] of Object.entries(schema.files))
          writeFileSync(join(caseDir, name), text);
        const want = reference([schema.entry], caseDir);
        const got = compileLikeReference({
          files: [schema.entry],
          cwd: caseDir,
          readFile: readFromDisk,
        });
        if (want.bytes === undefined) {
          // The only refusals of valid schemas are the reference's issue-344 assertion.
          expect(want.stderr, `seed ${seed}`).toContain('issues/344');
          expect(got.stderr, `seed ${seed}`).toContain('issues/344');
          refusedByBoth++;
          continue;
        }
        expect(got.stderr, `seed ${seed}`).toBe('');
        expect(hex(got.bytes), `seed ${seed}: ${join(caseDir, schema.entry)}`).toBe(
          hex(want.bytes),
        );
      }
      expect(refusedByBoth).toBeLessThan(count);
    },
    Math.max(30_000, count * 100),
  );
});
