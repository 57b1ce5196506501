import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { schemaDeclarations, sidecarPath } from '@capnp-kit/ts-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESSBOOK, REPO, readIfExists, scratchDirectory } from './scratch.js';

/**
 * The type tests (test-d/*.test-d.ts, `expectTypeOf` and `@ts-expect-error`) run by tsc over a
 * project that imports schemas through the `x.d.capnp.ts` sidecars, as a user's project does
 * with `allowArbitraryExtensions`: with TypeScript 6 (the workspace's), 7 (the native compiler)
 * and 5. Each declaration text is also checked as the plain `.ts` module the tsserver plugin
 * serves it as (sidecars, being declaration files, are skipped by `skipLibCheck`).
 */

const TEST_D = join(REPO, 'packages/ts-plugin/test-d');
/**
 * Schemas declared besides those of test-d/: the examples, and the standard schemas (large,
 * generic and interface-heavy: their declarations must type-check too).
 */
const SCHEMAS = [
  ADDRESSBOOK,
  join(REPO, 'examples/calculator/calculator.capnp'),
  ...['schema', 'rpc', 'rpc-twoparty', 'persistent'].map((name) =>
    join(REPO, `packages/compiler/std/capnp/${name}.capnp`),
  ),
];

const COMPILERS = [
  { name: 'tsc 6', tsc: join(REPO, 'node_modules/typescript/bin/tsc') },
  { name: 'tsc 7', tsc: join(REPO, 'packages/ts-plugin/node_modules/typescript-7/bin/tsc') },
  { name: 'tsc 5', tsc: join(REPO, 'packages/ts-plugin/node_modules/typescript-5/bin/tsc') },
];

function tsc(compiler: string, project: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [compiler, '-p', '.', '--pretty', 'false'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// Each run type-checks the whole scratch project (a few seconds for tsc 5 and 6).
describe('the type tests, through the sidecars', { timeout: 120_000 }, () => {
  let dir: string;
  let remove: () => void;

  beforeAll(() => {
    ({ dir, remove } = scratchDirectory('type-tests'));
    for (const name of readdirSync(TEST_D)) copyFileSync(join(TEST_D, name), join(dir, name));
    for (const schema of SCHEMAS) copyFileSync(schema, join(dir, basename(schema)));
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.capnp'))) {
      const schema = join(dir, name);
      const result = schemaDeclarations(schema, {
        readFile: readIfExists,
        cwd: dir,
      });
      if (!result.ok) throw result.error;
      writeFileSync(sidecarPath(schema), result.text);
      writeFileSync(join(dir, `${name}.served.ts`), result.text);
    }
  });

  afterAll(() => remove?.());

  it.each(COMPILERS)('$name accepts the right code and rejects the wrong code', ({ tsc: bin }) => {
    const { status, output } = tsc(bin, dir);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('fails on code the types reject (the run above is not vacuous)', () => {
    writeFileSync(
      join(dir, 'wrong.ts'),
      "import ab from './addressbook.capnp';\nexport const n: number = ab.Person.newMessage().name;\n",
    );
    try {
      const { status, output } = tsc(COMPILERS[0]?.tsc as string, dir);
      expect(status).not.toBe(0);
      expect(output).toMatch(/^wrong\.ts\(2,14\): error TS2322: /m);
    } finally {
      writeFileSync(join(dir, 'wrong.ts'), 'export {};\n');
    }
  });
});
