import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaDeclarations, sidecarPath } from '@capnp-kit/ts-plugin';
import type { SchemaTypesInput } from '@capnp-kit/unplugin';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { BUNDLERS, BuildFailure, type Bundler, bundle } from './bundlers.js';

/**
 * The options, with two bundlers whose filters differ (Vite applies the hook filters itself,
 * esbuild through unplugin): importPaths, include/exclude, and the `types` hook.
 */

const fixtures = join(import.meta.dirname, 'fixtures');
const out = mkdtempSync(join(tmpdir(), 'capnp-kit-unplugin-options-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(file: string): unknown {
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

let builds = 0;
function job(project: string, options: object) {
  builds++;
  return {
    root: join(fixtures, project),
    entry: 'main.js',
    outDir: join(out, String(builds)),
    options,
  };
}

describe.each(BUNDLERS)('%s', (bundler) => {
  // units.capnp is imported by measure.capnp only, by a side-effect import, in a package whose
  // package.json says `"sideEffects": false`: the bundle must keep it all the same.
  it('finds /… imports in importPaths, and keeps schemas imported only by schemas', async () => {
    const include = join(fixtures, 'import-path/include');
    const file = await bundle(bundler, job('import-path', { importPaths: [include] }));
    expect(run(file)).toEqual({ value: 2.5, unit: 'second' });
  });
});

describe.each(['vite', 'esbuild'] as Bundler[])('%s', (bundler) => {
  it('compiles only the included schemas', async () => {
    // The schema the app's schema imports from /usr/include, where it is, must match too.
    const include = ['**/fixtures/app/**/*.capnp', '**/capnp/c++.capnp'];
    expect(run(await bundle(bundler, job('app', { include })))).toMatchObject({ sides: 8 });
    // Left to the bundler, which cannot read a schema as JavaScript.
    const excluded = await bundle(bundler, job('app', { exclude: /shapes\.capnp$/ })).catch(
      (error: unknown) => error,
    );
    expect(excluded).toBeInstanceOf(BuildFailure);
    const [error] = (excluded as BuildFailure).errors;
    expect(`${error?.loc?.file} ${error?.message}`).toContain('schemas/lib/shapes.capnp');
  });

  it('calls the types hook for each schema file compiled; its failure fails the build', async () => {
    const seen: SchemaTypesInput[] = [];
    await bundle(
      bundler,
      job('app', { types: (input: SchemaTypesInput) => void seen.push(input) }),
    );
    const names = seen.map((s) => s.schema.request.requestedFiles[0]?.filename).sort();
    expect(names).toEqual(['capnp/c++.capnp', 'schemas/drawing.capnp', 'schemas/lib/shapes.capnp']);
    const drawing = seen.find((s) => s.path === join(fixtures, 'app/schemas/drawing.capnp'));
    expect(drawing?.schema.imports.map((i) => i.name)).toEqual([
      '/capnp/c++.capnp',
      'lib/shapes.capnp',
    ]);
    const failing = bundle(
      bundler,
      job('app', { types: () => Promise.reject(new Error('no types')) }),
    );
    await expect(failing).rejects.toMatchObject({ message: expect.stringContaining('no types') });
  });
});

describe.each(['vite', 'esbuild'] as Bundler[])('%s with types: true', (bundler) => {
  it('writes the declarations capnp-kit types writes, next to each schema in the project', async () => {
    // A copy of the fixture (in the gitignored .work/, where the runtime resolves), so the
    // sidecars do not land in the repository.
    const work = join(import.meta.dirname, '.work');
    mkdirSync(work, { recursive: true });
    const root = mkdtempSync(join(work, 'types-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    cpSync(join(fixtures, 'app'), root, { recursive: true });
    builds++;
    await bundle(bundler, {
      root,
      entry: 'main.js',
      outDir: join(out, String(builds)),
      options: { types: true },
    });
    for (const schema of ['schemas/drawing.capnp', 'schemas/lib/shapes.capnp']) {
      const path = join(root, schema);
      const expected = schemaDeclarations(path, {
        cwd: root,
        readFile: (p) => (existsSync(p) ? readFileSync(p) : undefined),
      });
      expect(expected.ok).toBe(true);
      expect(readFileSync(sidecarPath(path), 'utf8')).toBe(expected.ok ? expected.text : '');
    }
  });
});
