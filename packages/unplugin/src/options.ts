import type { CompiledSchema } from '@capnp-kit/runtime/module-source';
import type { FilterPattern } from 'unplugin';

/** What the {@link CapnpPluginOptions.types} hook is given for each schema file compiled. */
export interface SchemaTypesInput {
  /** Absolute path of the schema file. */
  readonly path: string;
  /** The compiled schema: its request, file ID and located imports. */
  readonly schema: CompiledSchema;
}

/**
 * Called after each schema file on disk compiles (in builds and on every change in dev), e.g.
 * to write its declaration file. That includes schemas outside the project (/usr/include/capnp/
 * when Cap'n Proto is installed): a writer skips the files it must not write next to. A
 * rejected promise fails the build like a schema error.
 */
export type TypesHook = (input: SchemaTypesInput) => void | Promise<void>;

/** Options of the plugin; every one is optional (the plugin takes a `Partial`). */
export interface CapnpPluginOptions {
  /**
   * The `.capnp` modules this plugin compiles: picomatch globs (relative ones start at the
   * working directory) or regular expressions, matched against resolved paths. Default: every
   * `.capnp` file. Schemas that compiled schemas import must match too (/usr/include/capnp/…
   * included); the standard schemas bundled with the compiler are always served.
   */
  readonly include: FilterPattern;
  /** Modules not to compile, although included. Default: none. */
  readonly exclude: FilterPattern | undefined;
  /** Directories searched for `/…` imports, before the standard ones (`capnp compile -I`). */
  readonly importPaths: readonly string[];
  /**
   * Search /usr/local/include and /usr/include after `importPaths`, as `capnp compile` does
   * unless given `--no-standard-import`. Default true.
   */
  readonly standardImportPaths: boolean;
  /**
   * Serve `/capnp/*.capnp` from the compiler's bundled copies when no import directory has
   * them, so builds need no Cap'n Proto installation. Default true.
   */
  readonly bundledStandardSchemas: boolean;
  /** The specifier schema modules import the runtime by. Default `@capnp-kit/runtime`. */
  readonly runtime: string;
  /**
   * The directory schema names are relative to (in diagnostics and in the loaded nodes'
   * `displayName`s), and relative `importPaths` start from. Default: Vite's root, webpack's
   * and Rspack's `context`, esbuild's `absWorkingDir`, else the working directory.
   */
  readonly root: string | undefined;
  /**
   * `true`: write each schema's declarations next to it as `x.d.capnp.ts` (what `capnp-kit types`
   * writes; TypeScript reads them with `allowArbitraryExtensions`), in builds and on every change
   * in dev, for schemas inside `root` and outside node_modules, only when they change. Or a hook
   * called for each compiled schema (see {@link TypesHook}). Default: nothing.
   */
  readonly types: TypesHook | boolean | undefined;
}

/** The options, with defaults, resolved once per plugin instance. */
export interface ResolvedOptions extends Omit<CapnpPluginOptions, 'include' | 'exclude'> {
  readonly include: readonly (string | RegExp)[];
  readonly exclude: readonly (string | RegExp)[];
}

function toList(pattern: FilterPattern | undefined): (string | RegExp)[] {
  if (pattern === undefined) return [];
  return Array.isArray(pattern) ? [...pattern] : [pattern as string | RegExp];
}

/** Every `.capnp` file (no query: `x.capnp?raw` is left to whoever handles it). */
export const CAPNP_FILE = /\.capnp$/;

/** Resolves user options (undefined entries count as absent). */
export function resolveOptions(options: Partial<CapnpPluginOptions> = {}): ResolvedOptions {
  return {
    include: toList(options.include ?? CAPNP_FILE),
    exclude: toList(options.exclude),
    importPaths: options.importPaths ?? [],
    standardImportPaths: options.standardImportPaths ?? true,
    bundledStandardSchemas: options.bundledStandardSchemas ?? true,
    runtime: options.runtime ?? '@capnp-kit/runtime',
    root: options.root,
    types: options.types,
  };
}
