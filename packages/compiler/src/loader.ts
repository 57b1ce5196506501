import { decodeUtf8, encodeUtf8 } from '@capnp-kit/wire';
import type { FileDeclaration } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { parseFile } from './parser.js';
import { absolute, splitPath, startsWith } from './paths.js';
import { SourceFile } from './source.js';

/**
 * Reads a file of the compiler's file system: its bytes (or text), or undefined if it does not
 * exist. Paths are absolute POSIX paths. Synchronous, so that compiling works the same in Node
 * (node:fs), in a browser (a map of sources) or anywhere else.
 */
export type ReadFile = (path: string) => Uint8Array | string | undefined;

/**
 * A directory files are found in: the current directory, a `--src-prefix`, an import path, the
 * file-system root, or the bundled standard schemas. It decides a file's two names: the source
 * name (its path inside the directory — what the file node's `displayName` holds) and the name
 * errors are reported under (the directory as the user wrote it, then that path).
 */
export interface Directory {
  readonly segments: readonly string[];
  /** Prefix of error names: '' for the current directory, '/' for the root, else `dir/`. */
  readonly errorPrefix: string;
  /** Reads files below this directory (the bundled schemas have their own reader). */
  readonly read: ReadFile;
}

/** A schema file, loaded and parsed once per compile. */
export class Module {
  readonly sourceName: string;
  readonly source: SourceFile;
  #parsed: { ast: FileDeclaration; diagnostics: Diagnostic[] } | undefined;

  constructor(
    readonly loader: ModuleLoader,
    readonly dir: Directory,
    /** Path inside `dir`. */
    readonly path: readonly string[],
    text: string,
  ) {
    this.sourceName = path.join('/');
    this.source = new SourceFile(dir.errorPrefix + this.sourceName, text);
  }

  /** The parsed file (parsed on first use; parse errors are in `parseDiagnostics`). */
  get ast(): FileDeclaration {
    this.#parsed ??= parseFile(this.source);
    return this.#parsed.ast;
  }

  get parseDiagnostics(): readonly Diagnostic[] {
    this.#parsed ??= parseFile(this.source);
    return this.#parsed.diagnostics;
  }

  /**
   * The module an `import` names: `/x/y.capnp` is searched in the import path, anything else is
   * relative to this file (within the directory it was found in).
   */
  importRelative(name: string): Module | undefined {
    if (name.startsWith('/')) return this.loader.loadFromSearchPath(name);
    const path = splitPath(name, this.path.slice(0, -1));
    return path === undefined || path.length === 0 ? undefined : this.loader.load(this.dir, path);
  }

  /** The bytes an `embed` names, found like imports. */
  embedRelative(name: string): Uint8Array | undefined {
    if (name.startsWith('/')) return this.loader.readFromSearchPath(name);
    const path = splitPath(name, this.path.slice(0, -1));
    return path === undefined ? undefined : readBytes(this.dir, path);
  }
}

function readBytes(dir: Directory, path: readonly string[]): Uint8Array | undefined {
  const content = dir.read(absolute([...dir.segments, ...path]));
  if (content === undefined) return undefined;
  return typeof content === 'string' ? encodeUtf8(content) : content;
}

/** Loads each file once, keyed by its absolute path, and resolves imports. */
export class ModuleLoader {
  readonly #modules = new Map<string, Module>();

  constructor(
    /** Where `/…` imports are searched, in order. */
    readonly searchPath: readonly Directory[],
  ) {}

  /**
   * The module at `path` inside `dir`, or undefined if there is no such file. The same file
   * reached through two directories is one module, named as it was first reached.
   */
  load(dir: Directory, path: readonly string[]): Module | undefined {
    const key = absolute([...dir.segments, ...path]);
    const known = this.#modules.get(key);
    if (known !== undefined) return known;
    const content = dir.read(key);
    if (content === undefined) return undefined;
    const text = typeof content === 'string' ? content : decodeUtf8(content, 0, content.length);
    const module = new Module(this, dir, path, text);
    this.#modules.set(key, module);
    return module;
  }

  loadFromSearchPath(name: string): Module | undefined {
    const path = splitPath(name.slice(1));
    if (path === undefined || path.length === 0) return undefined;
    for (const dir of this.searchPath) {
      const module = this.load(dir, path);
      if (module !== undefined) return module;
    }
    return undefined;
  }

  readFromSearchPath(name: string): Uint8Array | undefined {
    const path = splitPath(name.slice(1));
    if (path === undefined) return undefined;
    for (const dir of this.searchPath) {
      const bytes = readBytes(dir, path);
      if (bytes !== undefined) return bytes;
    }
    return undefined;
  }
}

/**
 * Splits a file named on the command line into the directory it belongs to and its path there,
 * as the reference does: the longest `--src-prefix` containing it, else the current directory
 * if it is inside it, else the root.
 */
export function locateSourceFile(
  file: string,
  cwd: readonly string[],
  srcPrefixes: readonly Directory[],
  current: Directory,
  root: Directory,
): { dir: Directory; path: string[] } | undefined {
  const path = splitPath(file, cwd);
  if (path === undefined || path.length === 0) return undefined;
  for (let i = path.length - 1; i > 0; i--) {
    const prefix = path.slice(0, i);
    const dir = srcPrefixes.find((d) => d.segments.join('/') === prefix.join('/'));
    if (dir !== undefined) return { dir, path: path.slice(i) };
  }
  if (startsWith(path, cwd)) return { dir: current, path: path.slice(cwd.length) };
  return { dir: root, path };
}
