import { readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { compileSchema, type SchemaLocation, schemaModule } from '@capnp-kit/runtime/module-source';
import { bundledName, bundledSpecifier } from './bundled-ids.js';
import type { ResolvedOptions, TypesHook } from './options.js';
import { SchemaBuildError } from './schema-error.js';

/** A schema module's code, and how bundlers must treat it. */
export interface SchemaModuleCode {
  readonly code: string;
  /**
   * Loading a schema module registers its nodes with the runtime, which the modules of the
   * schemas importing it rely on: never drop it as unused (Rollup, Vite and Rolldown read this).
   */
  readonly moduleSideEffects: true;
}

function readFromDisk(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** How a schema module at `importer` imports the schema at `target`. */
function specifierOf(target: SchemaLocation, importer: SchemaLocation): string {
  if (target.kind === 'bundled') return bundledSpecifier(target.name);
  // From a virtual module only an absolute path works (this plugin resolves it).
  if (importer.kind === 'bundled') return target.path;
  const relative = posix.relative(posix.dirname(importer.path), target.path);
  return relative.startsWith('../') ? relative : `./${relative}`;
}

/**
 * Compiles schema modules for one plugin instance and remembers, per module, which files its
 * compile read: a module's code depends on all of them (a constant of an imported schema is
 * inlined, a struct default is laid out by the imported struct's layout), so a change to any
 * of them must recompile it.
 */
export class SchemaModules {
  #root: string;
  readonly #filesRead = new Map<string, readonly string[]>();

  constructor(readonly options: ResolvedOptions) {
    this.#root = options.root ?? process.cwd();
  }

  /** The directory names are relative to: the `root` option, else the bundler's. */
  get root(): string {
    return this.#root;
  }

  // The `types` hook: the option's function, or (for `types: true`) a writer of sidecar
  // declaration files from @capnp-kit/ts-plugin, loaded on first use.
  #sidecars: TypesHook | undefined;
  async #typesHook(): Promise<TypesHook | undefined> {
    const types = this.options.types;
    if (typeof types === 'function') return types;
    if (types !== true) return undefined;
    if (this.#sidecars === undefined) {
      const { sidecarWriter } = await import('@capnp-kit/ts-plugin');
      this.#sidecars = sidecarWriter(this.#root);
    }
    return this.#sidecars;
  }

  /** Takes the bundler's root directory, unless the `root` option set one. */
  useBundlerRoot(root: string | undefined): void {
    if (this.options.root === undefined && root !== undefined) this.#root = root;
  }

  /**
   * The code of the module with resolved id `id` (a schema file's path, or a bundled schema's
   * id). `watch` is told every other file the compile read, failed or not. Throws a
   * SchemaBuildError if the schema has errors.
   */
  async load(id: string, watch: (file: string) => void): Promise<SchemaModuleCode> {
    const name = bundledName(id);
    const location: SchemaLocation =
      name === undefined ? { kind: 'file', path: id } : { kind: 'bundled', name };
    const result = compileSchema(location, {
      readFile: readFromDisk,
      cwd: this.#root,
      importPaths: this.options.importPaths,
      standardImportPaths: this.options.standardImportPaths,
      bundledStandardSchemas: this.options.bundledStandardSchemas,
    });
    this.#filesRead.set(id, result.filesRead);
    for (const file of result.filesRead) if (file !== id) watch(file);
    if (!result.ok) throw new SchemaBuildError(id, result.error, this.#root);
    if (location.kind === 'file') {
      await (await this.#typesHook())?.({ path: location.path, schema: result.schema });
    }
    const shown = result.schema.request.requestedFiles[0]?.filename ?? id;
    const code = schemaModule(result.schema, {
      runtime: this.options.runtime,
      importOf: (target) => specifierOf(target, location),
      header: `Cap'n Proto schema ${shown}, compiled by @capnp-kit/unplugin.`,
    });
    return { code, moduleSideEffects: true };
  }

  /** The ids of the modules whose last compile read `file`, other than `file`'s own. */
  dependentsOf(file: string): string[] {
    const out: string[] = [];
    for (const [id, files] of this.#filesRead)
      if (id !== file && files.includes(file)) out.push(id);
    return out;
  }
}
