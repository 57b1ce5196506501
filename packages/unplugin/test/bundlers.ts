import { join } from 'node:path';
import type { CapnpPluginOptions } from '@capnp-kit/unplugin';
import capnpEsbuild from '@capnp-kit/unplugin/esbuild';
import capnpRolldown from '@capnp-kit/unplugin/rolldown';
import capnpRollup from '@capnp-kit/unplugin/rollup';
import capnpRsbuild from '@capnp-kit/unplugin/rsbuild';
import capnpRspack from '@capnp-kit/unplugin/rspack';
import capnpVite from '@capnp-kit/unplugin/vite';
import capnpWebpack from '@capnp-kit/unplugin/webpack';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { createRsbuild } from '@rsbuild/core';
import { rspack } from '@rspack/core';
import * as esbuild from 'esbuild';
import { rolldown } from 'rolldown';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

/**
 * Each bundler, driven in-process through its JavaScript API, building `entry` of a fixture
 * project for browsers into one ES module (webpack and Rspack: one script) with the plugin
 * taken from its `@capnp-kit/unplugin/<bundler>` export.
 */

export const BUNDLERS = [
  'vite',
  'rollup',
  'rolldown',
  'webpack',
  'rspack',
  'rsbuild',
  'esbuild',
] as const;
export type Bundler = (typeof BUNDLERS)[number];

export interface BundleJob {
  /** The project directory. */
  readonly root: string;
  /** The entry, relative to `root`. */
  readonly entry: string;
  /** Where the bundle goes; it is written to `outDir/out.js`. */
  readonly outDir: string;
  readonly options?: Partial<CapnpPluginOptions>;
}

/** What one error of a failed build says, and where, as the bundler reports it. */
export interface ReportedError {
  readonly message: string;
  readonly loc?: { readonly file?: string; readonly line: number; readonly column: number };
  readonly frame?: string;
}

/** A build that failed, with every error the bundler reported. */
export class BuildFailure extends Error {
  constructor(readonly errors: readonly ReportedError[]) {
    super(errors.map((e) => e.message).join('\n---\n'));
  }
}

/** An error as thrown (Rollup, Vite, Rolldown) or as one of esbuild's messages. */
interface ThrownError {
  readonly message?: string;
  readonly text?: string;
  readonly loc?: ReportedError['loc'];
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
  readonly frame?: string;
  readonly errors?: readonly ThrownError[];
}

function reported(e: ThrownError): ReportedError {
  const loc = e.loc ?? e.location ?? undefined;
  return { message: e.message ?? e.text ?? String(e), loc, frame: e.frame };
}

function fromThrown(error: unknown): BuildFailure {
  if (error instanceof BuildFailure) return error;
  const e = error as ThrownError;
  // esbuild and Rolldown throw one error carrying all of them.
  if (e.errors !== undefined && e.errors.length > 0)
    return new BuildFailure(e.errors.map(reported));
  return new BuildFailure([reported(e)]);
}

type Builder = (job: BundleJob) => Promise<void>;

const builders: Record<Bundler, Builder> = {
  async vite({ root, entry, outDir, options }) {
    await viteBuild({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [capnpVite(options)],
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        rolldownOptions: { input: join(root, entry), output: { entryFileNames: 'out.js' } },
      },
    });
  },

  async rollup({ root, entry, outDir, options }) {
    const bundle = await rollup({
      input: join(root, entry),
      plugins: [capnpRollup(options), nodeResolve({ browser: true })],
      onwarn: () => {},
    });
    try {
      await bundle.write({ file: join(outDir, 'out.js'), format: 'es' });
    } finally {
      await bundle.close();
    }
  },

  async rolldown({ root, entry, outDir, options }) {
    const bundle = await rolldown({
      input: join(root, entry),
      cwd: root,
      platform: 'browser',
      plugins: [capnpRolldown(options)],
      logLevel: 'silent',
    });
    try {
      await bundle.write({ file: join(outDir, 'out.js'), format: 'es' });
    } finally {
      await bundle.close();
    }
  },

  async webpack({ root, entry, outDir, options }) {
    const compiler = webpack({
      mode: 'production',
      context: root,
      entry: `./${entry}`,
      target: ['web', 'es2022'],
      output: { path: outDir, filename: 'out.js' },
      optimization: { minimize: false },
      devtool: false,
      infrastructureLogging: { level: 'none' },
      plugins: [capnpWebpack(options)],
    });
    await runWebpackLike(compiler);
  },

  async rspack({ root, entry, outDir, options }) {
    const compiler = rspack({
      mode: 'production',
      context: root,
      entry: `./${entry}`,
      target: ['web', 'es2022'],
      output: { path: outDir, filename: 'out.js' },
      optimization: { minimize: false },
      devtool: false,
      infrastructureLogging: { level: 'none' },
      plugins: [capnpRspack(options)],
    });
    await runWebpackLike(compiler);
  },

  async rsbuild({ root, entry, outDir, options }) {
    const rsbuild = await createRsbuild({
      cwd: root,
      loadEnv: false,
      rsbuildConfig: {
        mode: 'production',
        logLevel: 'silent',
        plugins: [capnpRsbuild(options)],
        source: { entry: { index: `./${entry}` } },
        output: {
          distPath: { root: outDir, js: '' },
          filename: { js: 'out.js' },
          minify: false,
          sourceMap: false,
        },
        tools: { htmlPlugin: false },
        performance: { chunkSplit: { strategy: 'all-in-one' } },
      },
    });
    // Run the compiler itself: Rsbuild's build() only logs the errors.
    await runWebpackLike(await rsbuild.createCompiler());
  },

  async esbuild({ root, entry, outDir, options }) {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(outDir, 'out.js'),
      logLevel: 'silent',
      plugins: [capnpEsbuild(options)],
    });
  },
};

interface WebpackLikeCompiler {
  run(callback: (error: Error | null, stats?: WebpackLikeStats) => void): void;
  close(callback: (error?: Error | null) => void): void;
}
interface WebpackLikeStats {
  hasErrors(): boolean;
  toJson(options: { all: false; errors: true }): { errors?: { message: string }[] };
}

function runWebpackLike(compiler: WebpackLikeCompiler): Promise<void> {
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) reject(error);
        else if (stats?.hasErrors()) {
          const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
          reject(new BuildFailure(errors.map((e) => ({ message: e.message }))));
        } else resolve();
      });
    });
  });
}

/** Builds `job` with `bundler`; returns the bundle's path, or throws a BuildFailure. */
export async function bundle(bundler: Bundler, job: BundleJob): Promise<string> {
  try {
    await builders[bundler](job);
  } catch (error) {
    throw fromThrown(error);
  }
  return join(job.outDir, 'out.js');
}
