import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLERS, type Bundler, bundle } from './bundlers.js';

/**
 * The fixture app (an entry importing a schema that imports another and /capnp/c++.capnp;
 * default and named imports, constants, an enum, a union) built for browsers by every bundler,
 * and the bundle run under Node. The bundles take @capnp-kit/runtime from its dist (`npx tsc -b`).
 */

const app = join(import.meta.dirname, 'fixtures/app');
const out = mkdtempSync(join(tmpdir(), 'capnp-kit-unplugin-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(() => {
  const runtime = join(import.meta.dirname, '../../runtime/dist/browser.js');
  if (!existsSync(runtime))
    throw new Error(`The bundles take the built runtime: ${runtime} is missing (npx tsc -b).`);
});

/** What the app prints (see fixtures/app/main.js), given the schemas in fixtures/app/schemas. */
const expected = {
  declarations: ['Drawing', 'sides', 'title'],
  title: 'capnp-kit',
  sides: 8,
  maxSides: 8,
  colours: { red: 0, green: 1, blue: 2 },
  colour: 'green',
  name: 'sketch',
  which: ['circle', 'polygon'],
  circle: [1, 2, 3],
  polygon: [
    [0, 0],
    [4, 0],
    [0, 3],
  ],
  sameTypes: true,
  sharedTypes: true,
};

function run(file: string): unknown {
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  expect(result.stderr, `stderr of ${file}`).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** Text only the compiler has: its copy of c++.capnp and one of its diagnostics. */
const compilerOnly = ['capnp-kit copy of the standard C++ annotations', 'Duplicate ordinal number'];

describe.each(BUNDLERS)('%s', (bundler: Bundler) => {
  it('bundles the app; the bundle runs and reads the schemas', async () => {
    const file = await bundle(bundler, { root: app, entry: 'main.js', outDir: join(out, bundler) });
    expect(run(file)).toEqual(expected);
    const code = readFileSync(file, 'utf8');
    for (const text of compilerOnly) expect(code).not.toContain(text);
    expect(code).not.toMatch(/from ["']node:/);
  });

  it('serves /capnp/c++.capnp from the bundled copy without the standard import paths', async () => {
    const file = await bundle(bundler, {
      root: app,
      entry: 'main.js',
      outDir: join(out, `${bundler}-bundled`),
      options: { standardImportPaths: false },
    });
    expect(run(file)).toEqual(expected);
  });
});

describe("the serialization-only runtime (option runtime: '@capnp-kit/runtime/core')", () => {
  it('bundles and runs the app, smaller than with the full runtime', async () => {
    const full = await bundle('esbuild', {
      root: app,
      entry: 'main.js',
      outDir: join(out, 'esbuild-full'),
    });
    const file = await bundle('esbuild', {
      root: app,
      entry: 'main.js',
      outDir: join(out, 'esbuild-core'),
      options: { runtime: '@capnp-kit/runtime/core' },
    });
    expect(run(file)).toEqual(expected);
    const code = readFileSync(file, 'utf8');
    expect(code).toContain('is not part of @capnp-kit/runtime/core');
    expect(code.length).toBeLessThan(readFileSync(full, 'utf8').length);
  });
});
