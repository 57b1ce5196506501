import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const examples = join(import.meta.dirname, '..');

it('pnpm demo runs the quickstart end to end', () => {
  const tsx = join(examples, 'node_modules/tsx/dist/cli.mjs');
  const run = spawnSync(
    process.execPath,
    [tsx, '--import', '@capnp-kit/runtime/register', 'quickstart/demo.ts'],
    {
      cwd: examples,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toContain('load() gives the imported module: true');
  expect(out).toContain('ab.qux: 123');
  expect(out).toContain('is not an enumerant; expected one of "mobile", "home", "work"');
  expect(out).toContain('read and readPacked agree: true');
  expect(out).toContain('  student at: MIT\n');
  expect(out).toContain('  unemployed\n');
  expect(out.match(/^message \d: \["Alice","Bob"\]$/gm)).toHaveLength(3);
  expect(out).toContain('employment = (school = "MIT")');
  expect(out).toContain('Pipelining eval() calls: 27\n');
  expect(out).toContain('Using a callback: pow(2, 4 + 5): 512\n');
});
