import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const examples = join(import.meta.dirname, '..');

it('pnpm demo runs the quickstart end to end', () => {
  const tsx = join(examples, 'node_modules/tsx/dist/cli.mjs');
  const run = spawnSync(process.execPath, [tsx, 'quickstart/demo.ts'], {
    cwd: examples,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toContain('ab.qux: 123');
  expect(out).toContain('is not an enumerant; expected one of "mobile", "home", "work"');
  expect(out).toContain('read and readPacked agree: true');
  expect(out).toContain('  student at: MIT\n');
  expect(out).toContain('  unemployed\n');
  expect(out.match(/^message \d: \["Alice","Bob"\]$/gm)).toHaveLength(3);
  expect(out).toContain('employment = (school = "MIT")');
});
