import type { CompileError } from '@capnp-kit/compiler';
import { schemaDeclarations } from '../schema-declarations.js';

/**
 * The declarations of the schema files a project imports, made in memory from the schema text
 * the project has (the editor's, for an open schema) and kept until that text or a file it
 * imports changes.
 */

/** What the plugin needs of its host (tsserver's project and server host). */
export interface SchemaModuleHost {
  /** The schema's text as the project has it (open in the editor, or on disk). */
  readText(path: string): string | undefined;
  /** The project's version of the schema file (changes with every edit). */
  version(path: string): string;
  /** A file on disk (an imported schema); undefined if there is none. */
  readFile(path: string): string | undefined;
  /** Modification time of a file on disk (for the files a schema imports). */
  modifiedTime(path: string): number | undefined;
  /** Calls `onChange` when a file on disk changes; returns a function that stops it. */
  watchFile(path: string, onChange: () => void): () => void;
  /** The directory relative import paths start from. */
  readonly cwd: string;
  readonly importPaths: readonly string[];
}

/** The module of one schema file: its declarations, and the compile error if it has one. */
export interface SchemaModule {
  /** The declarations (the last good ones while the schema has errors, if there were any). */
  readonly text: string;
  readonly error: CompileError | undefined;
  /** What {@link SchemaModules.version} was when this was made. */
  readonly version: string;
}

/** The module of a schema that never compiled: a default export TypeScript cannot check. */
export const UNCHECKED_MODULE =
  '// The schema has errors (see the diagnostic on its import).\ndeclare const $module: any;\nexport default $module;\nexport {};\n';

const EMPTY: SchemaModule = { text: UNCHECKED_MODULE, error: undefined, version: '' };

interface Entry {
  module: SchemaModule;
  /** Other files the schema read, each with the modification time it had. */
  imports: Map<string, number | undefined>;
  unwatch: (() => void)[];
}

export class SchemaModules {
  readonly #entries = new Map<string, Entry>();
  /** Called when a file a schema imports changes (the project must then update). */
  onImportChange: () => void = () => {};

  constructor(readonly host: SchemaModuleHost) {}

  /**
   * The version of a schema module: the project's version of the file, and the modification
   * times of the files it imports (so that an edit to an imported schema updates it too).
   */
  version(path: string): string {
    const entry = this.#entries.get(path);
    const own = this.host.version(path);
    if (entry === undefined || entry.imports.size === 0) return own;
    const times = [...entry.imports.keys()].map((f) => this.host.modifiedTime(f) ?? 'none');
    return `${own}+${times.join('+')}`;
  }

  /** The module of the schema at `path`, made again if its version changed. */
  get(path: string): SchemaModule {
    const known = this.#entries.get(path);
    const version = this.version(path);
    if (known !== undefined && known.module.version === version) return known.module;
    const text = this.host.readText(path);
    const result = schemaDeclarations(path, {
      readFile: (file) => (file === path ? text : this.host.readFile(file)),
      cwd: this.host.cwd,
      importPaths: this.host.importPaths,
    });
    const imports = new Map<string, number | undefined>();
    for (const file of result.filesRead)
      if (file !== path) imports.set(file, this.host.modifiedTime(file));
    for (const stop of known?.unwatch ?? []) stop();
    const unwatch = [...imports.keys()].map((file) =>
      this.host.watchFile(file, () => this.onImportChange()),
    );
    const entry: Entry = { module: known?.module ?? EMPTY, imports, unwatch };
    this.#entries.set(path, entry);
    // The version includes the imports' modification times, known only now.
    const made = this.version(path);
    entry.module = result.ok
      ? { text: result.text, error: undefined, version: made }
      : { text: known?.module.text ?? UNCHECKED_MODULE, error: result.error, version: made };
    return entry.module;
  }

  /** The compile error of a schema module, if it has one (compiling it if needed). */
  error(path: string): CompileError | undefined {
    return this.get(path).error;
  }

  /** Stops watching every file. */
  close(): void {
    for (const entry of this.#entries.values()) for (const stop of entry.unwatch) stop();
    this.#entries.clear();
  }
}
