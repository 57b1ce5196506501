import { resolve } from 'node:path';
import type { CompileError, Diagnostic } from '@capnp-kit/compiler';

/** Where an error is, as bundlers take it: line 1-based, column 0-based (UTF-16 units). */
export interface ErrorLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Lines of context a code frame shows before and after the error's line. */
const FRAME_CONTEXT = 2;

function locationOf(d: Diagnostic, root: string): ErrorLocation {
  const { text } = d.file;
  const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
  const line = d.file.line(d.start) + 1;
  // Bundled schemas are named `<capnp-kit>/capnp/…`: no file to resolve.
  const file = d.file.name.startsWith('<') ? d.file.name : resolve(root, d.file.name);
  return { file, line, column: d.start - lineStart };
}

/** The lines around `loc`, numbered, with a caret under the error (Rollup's `frame`). */
function codeFrame(text: string, loc: ErrorLocation, length: number): string {
  const lines = text.split('\n');
  const first = Math.max(1, loc.line - FRAME_CONTEXT);
  const last = Math.min(lines.length, loc.line + FRAME_CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    out.push(`${String(n).padStart(width)}: ${lines[n - 1] ?? ''}`);
    if (n === loc.line) {
      const carets = Math.max(1, Math.min(length, (lines[n - 1] ?? '').length - loc.column));
      out.push(`${' '.repeat(width + 2 + loc.column)}${'^'.repeat(carets)}`);
    }
  }
  return out.join('\n');
}

/**
 * A schema that failed to compile, as every bundler reports it: the message is the compiler's
 * `file:line:col: error: …` lines (so the location is in the text wherever only the text is
 * shown: esbuild, webpack), `loc` and `frame` point at the first error (Vite's overlay, Rollup),
 * `id` is the module whose compile failed, and `cause` the CompileError with every diagnostic.
 */
export class SchemaBuildError extends Error {
  override readonly name = 'SchemaBuildError';
  readonly code = 'compile-failed';
  /** webpack and Rspack print a loader error's stack unless told not to: it says nothing here. */
  readonly hideStack = true;
  readonly loc: ErrorLocation | undefined;
  readonly frame: string | undefined;

  constructor(
    readonly id: string,
    error: CompileError,
    root: string,
  ) {
    super(error.message, { cause: error });
    const first = error.diagnostics[0];
    this.loc = first === undefined ? undefined : locationOf(first, root);
    this.frame =
      first === undefined || this.loc === undefined
        ? undefined
        : codeFrame(first.file.text, this.loc, first.end - first.start);
  }
}
