import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CompileOptions, compile, encodeRequest, formatDiagnostic } from '@capnp-kit/compiler';

/** The repository root: golden manifests name files relative to it. */
export const repoRoot = join(import.meta.dirname, '../../..');

/** Reads files from the real file system (what the CLI does). */
export function readFromDisk(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** One reference compile recorded by scripts/make-goldens.sh. */
export interface GoldenCase {
  name: string;
  files: string[];
  srcPrefix?: string;
  importPaths: string[];
  noStandardImport: boolean;
}

/** The options that replay a golden's `capnp compile` command line. */
export function optionsFor(c: GoldenCase): CompileOptions {
  return {
    files: c.files,
    cwd: repoRoot,
    importPaths: c.importPaths,
    standardImportPaths: !c.noStandardImport,
    srcPrefixes: c.srcPrefix ? [c.srcPrefix] : [],
    readFile: readFromDisk,
  };
}

/** Compiles like `capnp compile -o-`: the request bytes, or the error lines. */
export function compileLikeReference(options: CompileOptions): {
  bytes?: Uint8Array;
  stderr: string;
} {
  const result = compile(options);
  if (result.request === undefined) {
    return { stderr: result.diagnostics.map(formatDiagnostic).join('\n') };
  }
  return { bytes: encodeRequest(result.request), stderr: '' };
}

let capnpVersion: string | undefined | null = null;

/** The installed reference compiler's version, if there is one. */
export function referenceVersion(): string | undefined {
  if (capnpVersion === null) {
    try {
      capnpVersion = execFileSync('capnp', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      capnpVersion = undefined;
    }
  }
  return capnpVersion;
}

/**
 * Whether live oracle tests can run. Under CI the reference must be installed: a missing
 * oracle is a failure there, never a skip.
 */
export function oracleAvailable(): boolean {
  const version = referenceVersion();
  if (version === undefined && process.env.CI) {
    throw new Error('CI must install the reference `capnp` (0.9.2): apt-get install capnproto');
  }
  return version !== undefined;
}
