import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CodeGeneratorRequest } from '@capnp-kit/compiler/schema';
import { generateDeclarations } from './declarations/generate-declarations.js';
import { sidecarPath } from './schema-declarations.js';

/** Writes `text` to `path` unless the file already holds exactly that; true if it wrote. */
export function writeIfChanged(path: string, text: string): boolean {
  try {
    if (readFileSync(path, 'utf8') === text) return false;
  } catch {
    // No such file yet.
  }
  writeFileSync(path, text);
  return true;
}

/** A compiled schema as the bundler plugin hands it over (see @capnp-kit/unplugin's `types`). */
export interface CompiledSchemaFile {
  /** Absolute path of the schema file. */
  readonly path: string;
  readonly schema: { readonly request: CodeGeneratorRequest; readonly fileId: bigint };
}

/**
 * A writer of `x.d.capnp.ts` sidecars for compiled schemas (what `capnp-kit types` writes),
 * for the bundler plugin's `types` hook: it writes only schemas inside `root` and outside
 * `node_modules` (never next to /usr/include/capnp/…), and only when the content changes.
 */
export function sidecarWriter(root: string): (file: CompiledSchemaFile) => void {
  return ({ path, schema }) => {
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) return;
    if (inside.split(/[\\/]/).includes('node_modules')) return;
    const requested = schema.request.requestedFiles.find((f) => f.id === schema.fileId);
    const text = generateDeclarations(
      schema.request,
      requested === undefined ? {} : { file: requested.filename },
    );
    writeIfChanged(sidecarPath(path), text);
  };
}
