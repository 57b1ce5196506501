import type { CompileError, ReadFile } from '@capnp-kit/compiler';
import { compileSchema } from '@capnp-kit/runtime/module-source';
import { generateDeclarations } from './declarations/generate-declarations.js';

/** How {@link schemaDeclarations} finds files (as the runtime's loader does by default). */
export interface SchemaFiles {
  /** Reads a file by absolute path; undefined if there is none. */
  readonly readFile: ReadFile;
  /** The directory relative import paths start from. */
  readonly cwd: string;
  /** Directories searched for `/…` imports before /usr/local/include and /usr/include. */
  readonly importPaths?: readonly string[];
}

/**
 * What {@link schemaDeclarations} returns: the declarations, or the compile error; and every
 * file the compiler read (the schema and what it imports), which a watcher must watch.
 */
export type SchemaDeclarationsResult =
  | { readonly ok: true; readonly text: string; readonly filesRead: readonly string[] }
  | { readonly ok: false; readonly error: CompileError; readonly filesRead: readonly string[] };

/**
 * Compiles the schema at absolute `path` as the runtime's loader does and returns the
 * declarations of its module (see `generateDeclarations`). Schema errors come back as a
 * CompileError, never thrown.
 */
export function schemaDeclarations(path: string, files: SchemaFiles): SchemaDeclarationsResult {
  const result = compileSchema(
    { kind: 'file', path },
    {
      readFile: files.readFile,
      cwd: files.cwd,
      ...(files.importPaths === undefined ? {} : { importPaths: files.importPaths }),
    },
  );
  if (!result.ok) return result;
  const { request, fileId } = result.schema;
  const requested = request.requestedFiles.find((f) => f.id === fileId);
  const text = generateDeclarations(
    request,
    requested === undefined ? {} : { file: requested.filename },
  );
  return { ok: true, text, filesRead: result.filesRead };
}

/** The declaration file TypeScript reads for `./x.capnp` (`allowArbitraryExtensions`). */
export function sidecarPath(schemaPath: string): string {
  return `${schemaPath.slice(0, -'.capnp'.length)}.d.capnp.ts`;
}
