import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import capnpRspack from '@capnp-kit/unplugin/rspack';
import capnpWebpack from '@capnp-kit/unplugin/webpack';
import { rspack } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';

/**
 * webpack's and Rspack's watch mode: editing a schema that the entry's schema imports rebuilds
 * both (the importer's module embeds the imported schema's constant).
 */

const base = join(import.meta.dirname, `.work/watch-${process.pid}`);
const out = join(tmpdir(), `capnp-kit-watch-${process.pid}`);
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

interface Watching {
  close(callback: () => void): void;
}
interface WatchStats {
  hasErrors(): boolean;
  toString(options: string): string;
}
type Watch = (
  options: { aggregateTimeout: number; poll: number },
  handler: (error: Error | null, stats?: WatchStats) => void,
) => Watching;

const compilers = {
  webpack: (root: string, outDir: string): Watch => {
    const compiler = webpack({
      mode: 'development',
      context: root,
      entry: './main.js',
      output: { path: outDir, filename: 'out.js' },
      devtool: false,
      infrastructureLogging: { level: 'none' },
      plugins: [capnpWebpack()],
    });
    return compiler.watch.bind(compiler) as unknown as Watch;
  },
  rspack: (root: string, outDir: string): Watch => {
    const compiler = rspack({
      mode: 'development',
      context: root,
      entry: './main.js',
      output: { path: outDir, filename: 'out.js' },
      devtool: false,
      infrastructureLogging: { level: 'none' },
      plugins: [capnpRspack()],
    });
    return compiler.watch.bind(compiler) as unknown as Watch;
  },
};

/** Builds to wait for the edit to show before giving up. */
const MAX_BUILDS = 5;

/** What the bundle prints, run under Node. */
function run(file: string): { sides: number; maxSides: number } {
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe.each(Object.keys(compilers) as (keyof typeof compilers)[])('%s --watch', (name) => {
  it('rebuilds the importer when an imported schema changes', async () => {
    const root = join(base, name);
    mkdirSync(root, { recursive: true });
    cpSync(join(import.meta.dirname, 'fixtures/app'), root, { recursive: true });
    const outDir = join(out, name);
    const results: { sides: number; maxSides: number }[] = [];
    const shapes = join(root, 'schemas/lib/shapes.capnp');
    const watch = compilers[name](root, outDir);
    await new Promise<void>((resolve, reject) => {
      // Polling, so that the test does not depend on the platform's file events.
      const watching = watch({ aggregateTimeout: 20, poll: 50 }, (error, stats) => {
        if (error || stats?.hasErrors()) {
          watching.close(() => reject(error ?? new Error(stats?.toString('errors-only'))));
          return;
        }
        const result = run(join(outDir, 'out.js'));
        results.push(result);
        if (results.length === 1) {
          const text = readFileSync(shapes, 'utf8');
          writeFileSync(shapes, text.replace('maxSides :UInt32 = 8', 'maxSides :UInt32 = 12'));
        } else if (result.maxSides === 12 || results.length === MAX_BUILDS) {
          // Done when the edit is in (a build of copied files may come first).
          watching.close(resolve);
        }
      });
    });
    expect(results.map((r) => [r.sides, r.maxSides])).toEqual([
      [8, 8],
      ...results.slice(1, -1).map(() => [8, 8]),
      [12, 12],
    ]);
  });
});
