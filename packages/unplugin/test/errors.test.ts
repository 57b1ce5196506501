import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLERS, BuildFailure, type Bundler, bundle } from './bundlers.js';

/**
 * A broken schema fails every bundler's build with the compiler's located message, once (no
 * second error from the bundler trying to read the schema as JavaScript, or from the import of
 * a name the failed module would have exported); Rollup-like bundlers also get `loc` and a code
 * frame (what Vite's overlay shows).
 */

const fixtures = join(import.meta.dirname, 'fixtures');
const out = mkdtempSync(join(tmpdir(), 'capnp-kit-unplugin-errors-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Builds, expecting a failure; returns the errors reported. */
async function failure(bundler: Bundler, project: string, options = {}) {
  const job = {
    root: join(fixtures, project),
    entry: 'main.js',
    outDir: join(out, bundler),
    options,
  };
  try {
    await bundle(bundler, job);
  } catch (error) {
    if (error instanceof BuildFailure) return error.errors;
    throw error;
  }
  throw new Error(`${bundler} built ${project} without an error`);
}

/** The first of the compiler's diagnostics for fixtures/broken/broken.capnp. */
const FIRST = 'broken.capnp:5:9-13: error: Not defined: Nope';

const ROLLUP_LIKE: readonly Bundler[] = ['vite', 'rollup', 'rolldown'];

describe.each(BUNDLERS)('%s', (bundler: Bundler) => {
  it("fails on a broken schema with the compiler's located message", async () => {
    const errors = await failure(bundler, 'broken');
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error?.message).toContain(FIRST);
    expect(error?.message).toContain('broken.capnp:6:6-7: error: Duplicate ordinal number.');
    if (ROLLUP_LIKE.includes(bundler)) {
      expect(error?.loc).toEqual({
        file: join(fixtures, 'broken/broken.capnp'),
        line: 5,
        column: 8,
      });
      expect(error?.frame).toContain('5:   a @0 :Nope;\n           ^^^^\n');
    }
  });

  it('fails on /capnp/c++.capnp with neither the standard import paths nor the bundled copy', async () => {
    const errors = await failure(bundler, 'app', {
      standardImportPaths: false,
      bundledStandardSchemas: false,
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /schemas\/drawing\.capnp:4:\d+-\d+: error: Import failed: \/capnp\/c\+\+\.capnp/,
    );
  });
});
