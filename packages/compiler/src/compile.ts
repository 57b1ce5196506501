import { COMPILE_EAGERNESS, Compiler } from './compiler.js';
import { type Diagnostic, diagnostic } from './diagnostics.js';
import { CompileAborted } from './error-reporter.js';
import {
  type Directory,
  locateSourceFile,
  type Module,
  ModuleLoader,
  type ReadFile,
} from './loader.js';
import { splitPath } from './paths.js';
import { CAPNP_VERSION, type CodeGeneratorRequest } from './schema/model.js';
import { SourceFile } from './source.js';
import { STD_SCHEMAS } from './std-schemas.js';

/** Options of {@link compile}, as `capnp compile` takes them. */
export interface CompileOptions {
  /** The files to compile, in order, as a user names them (relative to `cwd`, or absolute). */
  readonly files: readonly string[];
  /** Reads a file by absolute POSIX path; undefined if there is none. */
  readonly readFile: ReadFile;
  /** The directory relative paths start from (default `/`). */
  readonly cwd?: string;
  /** Directories searched for `/…` imports, in order (`-I`). */
  readonly importPaths?: readonly string[];
  /**
   * Search `/usr/local/include` and `/usr/include` after `importPaths`, as the reference does
   * unless given `--no-standard-import` (default true).
   */
  readonly standardImportPaths?: boolean;
  /**
   * Fall back to the standard schemas bundled with this package (`/capnp/c++.capnp` and
   * friends) when the import path does not have them (default true).
   */
  readonly bundledStandardSchemas?: boolean;
  /** Directories whose files are named relative to them (`--src-prefix`). */
  readonly srcPrefixes?: readonly string[];
}

/** What {@link compile} returns: the request, or the diagnostics explaining why there is none. */
export interface CompileResult {
  /** Undefined when there were errors (like the reference, which then writes nothing). */
  readonly request: CodeGeneratorRequest | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const STANDARD_IMPORT_PATHS = ['/usr/local/include', '/usr/include'];

/** The bundled schemas' directory: a name no real path has. */
const BUNDLED_DIR: Directory = {
  segments: ['<capnp-kit>'],
  errorPrefix: '<capnp-kit>/',
  read: (path) => STD_SCHEMAS[path.slice('/<capnp-kit>/'.length)],
};

function directory(
  path: string,
  cwd: readonly string[],
  read: ReadFile,
  errorPrefix?: string,
): Directory | undefined {
  const segments = splitPath(path, cwd);
  if (segments === undefined) return undefined;
  return { segments, errorPrefix: errorPrefix ?? (path.endsWith('/') ? path : `${path}/`), read };
}

/**
 * Compiles schema files into the CodeGeneratorRequest `capnp compile -o-` (0.9.2) would write,
 * node for node, or reports every error the reference would report. Synchronous and free of
 * platform APIs: files come from `readFile`.
 */
export function compile(options: CompileOptions): CompileResult {
  const read = options.readFile;
  const cwd = splitPath(options.cwd ?? '/') ?? [];
  const current: Directory = { segments: cwd, errorPrefix: '', read };
  const rootDir: Directory = { segments: [], errorPrefix: '/', read };
  const searchPath: Directory[] = [];
  for (const p of options.importPaths ?? []) {
    const dir = directory(p, cwd, read);
    if (dir !== undefined) searchPath.push(dir);
  }
  if (options.standardImportPaths ?? true) {
    for (const p of STANDARD_IMPORT_PATHS) searchPath.push(directory(p, cwd, read) as Directory);
  }
  if (options.bundledStandardSchemas ?? true) searchPath.push(BUNDLED_DIR);
  const srcPrefixes = (options.srcPrefixes ?? []).flatMap((p) => directory(p, cwd, read) ?? []);

  const loader = new ModuleLoader(searchPath);
  const compiler = new Compiler();
  const requested: Module[] = [];
  for (const file of options.files) {
    const located = locateSourceFile(file, cwd, srcPrefixes, current, rootDir);
    const module = located && loader.load(located.dir, located.path);
    if (module === undefined) {
      compiler.diagnostics.push(
        diagnostic('file-not-found', 'no such file', new SourceFile(file, ''), 0),
      );
      continue;
    }
    requested.push(module);
    try {
      compiler.eagerlyCompile(compiler.rootOf(module));
    } catch (e) {
      if (e instanceof CompileAborted) break;
      throw e;
    }
  }

  if (compiler.diagnostics.length > 0)
    return { request: undefined, diagnostics: compiler.diagnostics };
  return {
    request: {
      capnpVersion: { ...CAPNP_VERSION },
      nodes: compiler.nodes(),
      sourceInfo: compiler.sourceInfo(),
      requestedFiles: requested.map((module) => {
        const root = compiler.rootOf(module);
        return { id: root.id, filename: module.sourceName, imports: compiler.importTable(root) };
      }),
    },
    diagnostics: [],
  };
}

export { COMPILE_EAGERNESS };
