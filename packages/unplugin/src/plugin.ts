import { dirname, isAbsolute, join } from 'node:path';
import { createUnplugin, type UnpluginInstance } from 'unplugin';
import { BUNDLED_ID, BUNDLED_SPECIFIER, bundledId } from './bundled-ids.js';
import { CAPNP_FILE, type CapnpPluginOptions, resolveOptions } from './options.js';
import { SchemaBuildError } from './schema-error.js';
import { SchemaModules } from './schema-modules.js';
import { viteHooks } from './vite-hooks.js';

/** The plugin's name, in every bundler's messages. */
export const PLUGIN_NAME = 'capnp-kit';

/** Bundlers with Rollup's plugin context: `resolve()`, and an `error()` that throws. */
const ROLLUP_LIKE = new Set(['rollup', 'vite', 'rolldown', 'unloader']);

/** Marks esbuild's resolution of a schema made by this plugin (not to be handled again). */
const RESOLVING = Symbol('capnp-kit resolving');

/** Rollup's `this.resolve`, which unplugin's context type does not declare. */
type Resolve = (source: string, importer: string, options: { skipSelf: boolean }) => unknown;

/** Every `node_modules` directory from `root` up: where packages imported from `root` are. */
function nodeModulesFrom(root: string): string[] {
  const out: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    out.push(join(dir, 'node_modules'));
    if (dirname(dir) === dir) return out;
  }
}

/** The parts of webpack's and Rspack's options the plugin extends. */
interface WebpackLikeOptions {
  readonly resolve: { modules?: string[] };
  readonly module: { readonly rules: unknown[] };
}

/**
 * Lets schemas outside the project find the runtime (the root's `node_modules` directories
 * searched last), and marks schema modules as having side effects: loading one registers its
 * nodes, which the schemas importing it rely on, so it is never dropped as unused.
 */
function adaptWebpackLike(options: WebpackLikeOptions, root: string): void {
  options.resolve.modules = [
    ...(options.resolve.modules ?? ['node_modules']),
    ...nodeModulesFrom(root),
  ];
  options.module.rules.push({ test: CAPNP_FILE, sideEffects: true });
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * `.capnp` files as ES modules, one per schema file, compiled at build time: each module
 * imports the modules of the schemas it imports and hands the runtime its precompiled nodes.
 * The default export is the module object `load()` gives; each top-level declaration is also a
 * named export.
 *
 * Schemas outside the project (in /usr/include, or an import path elsewhere) import the runtime
 * as the project does: Rollup, Vite and Rolldown resolve it from the root; webpack, Rspack and
 * esbuild get the root's `node_modules` directories as a last resort to search.
 */
export const unplugin: UnpluginInstance<Partial<CapnpPluginOptions> | undefined, false> =
  createUnplugin((userOptions, meta) => {
    const options = resolveOptions(userOptions);
    const schemas = new SchemaModules(options);
    const rollupLike = ROLLUP_LIKE.has(meta.framework);
    const runtime = new RegExp(`^${escapeRegExp(options.runtime)}$`);
    const isSchema = (id: string) => CAPNP_FILE.test(id) || BUNDLED_ID.test(id);
    return {
      name: PLUGIN_NAME,
      // Before the bundlers' own resolvers and loaders, which know nothing of schemas.
      enforce: 'pre',
      resolveId: {
        filter: {
          id: rollupLike ? new RegExp(`${CAPNP_FILE.source}|${runtime.source}`) : CAPNP_FILE,
        },
        async handler(id, importer) {
          if (id.startsWith(BUNDLED_SPECIFIER))
            return bundledId(id, meta.framework === 'esbuild' ? schemas.root : undefined);
          if (importer === undefined || !isSchema(importer)) return null;
          // A bundled schema imports schemas on disk by absolute path.
          if (isAbsolute(id) && BUNDLED_ID.test(importer)) return id;
          const resolve = (this as unknown as { resolve?: Resolve }).resolve;
          if (runtime.test(id) && typeof resolve === 'function') {
            const fromRoot = join(schemas.root, 'capnp-kit-schema.js');
            return (await resolve.call(this, id, fromRoot, { skipSelf: true })) as string | null;
          }
          return null;
        },
      },
      load: {
        filter: {
          id: { include: [...options.include, BUNDLED_ID], exclude: [...options.exclude] },
        },
        async handler(id) {
          try {
            return await schemas.load(id, (file) => this.addWatchFile(file));
          } catch (error) {
            // Rollup-like bundlers add the plugin's name and show `loc` and `frame`; the others
            // report a thrown error with its message, which has the location.
            if (error instanceof SchemaBuildError && rollupLike) this.error(error);
            throw error;
          }
        },
      },
      vite: viteHooks(options, schemas),
      webpack(compiler) {
        schemas.useBundlerRoot(compiler.context);
        adaptWebpackLike(compiler.options, schemas.root);
      },
      rspack(compiler) {
        schemas.useBundlerRoot(compiler.context);
        adaptWebpackLike(compiler.options, schemas.root);
      },
      rsbuild: {
        setup(api) {
          schemas.useBundlerRoot(api.context.rootPath);
          api.modifyRspackConfig((config) => {
            config.resolve ??= {};
            config.module ??= {};
            config.module.rules ??= [];
            adaptWebpackLike(
              { resolve: config.resolve, module: { rules: config.module.rules } },
              schemas.root,
            );
          });
        },
      },
      esbuild: {
        onResolveFilter: CAPNP_FILE,
        onLoadFilter: CAPNP_FILE,
        loader: 'js',
        setup(build) {
          // esbuild drops a side-effect-only import of a module whose package.json says
          // `"sideEffects": false`; schema modules register nodes their importers rely on.
          build.onResolve({ filter: CAPNP_FILE }, async (args) => {
            if (args.pluginData === RESOLVING) return undefined;
            const { importer, resolveDir, kind } = args;
            const resolved = await build.resolve(args.path, {
              importer,
              resolveDir,
              kind,
              pluginData: RESOLVING,
            });
            if (resolved.errors.length > 0) return { errors: resolved.errors };
            const { path, namespace, external, warnings } = resolved;
            return { path, namespace, external, warnings, sideEffects: true };
          });
        },
        config(buildOptions) {
          schemas.useBundlerRoot(buildOptions.absWorkingDir);
          buildOptions.nodePaths = [
            ...(buildOptions.nodePaths ?? []),
            ...nodeModulesFrom(schemas.root),
          ];
        },
      },
    };
  });
