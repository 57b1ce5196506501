import type { SourceFile } from './source.js';

/**
 * One problem found in a schema. A value, not an exception: every stage collects them, and the
 * API throws one {@link CompileError} carrying all of a run's diagnostics.
 *
 * `start`/`end` are offsets into `file.text` (end exclusive). `code` is stable and meant for
 * programs; `message` is the reference compiler's wording, for people.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

/** Stable diagnostic codes, grouped by the stage that reports them. */
export type DiagnosticCode =
  // reading files
  | 'file-not-found'
  | 'import-failed'
  | 'non-utf8'
  // lexing and parsing
  | 'parse-error'
  | 'syntax'
  // declarations and names
  | 'missing-file-id'
  | 'invalid-id'
  | 'duplicate-id'
  | 'duplicate-name'
  | 'bad-name'
  | 'not-defined'
  | 'not-a-type'
  | 'misplaced-declaration'
  | 'ordinal'
  | 'union'
  | 'generic'
  | 'annotation'
  // values
  | 'type-mismatch'
  | 'value-out-of-range'
  | 'cycle'
  | 'limit'
  | 'layout';

/** Builds a {@link Diagnostic}. */
export function diagnostic(
  code: DiagnosticCode,
  message: string,
  file: SourceFile,
  start: number,
  end: number = start,
): Diagnostic {
  return { code, message, file, start, end };
}

/**
 * Formats a diagnostic exactly as `capnp compile` prints it: `file:LINE:COL-COL: error: Message`,
 * `file:LINE:COL: error:` for an empty range, `file:LINE: error:` for one spanning lines. Lines
 * and columns are 1-based; columns count UTF-8 bytes; the second column is exclusive.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const start = d.file.position(d.start);
  const end = d.file.position(d.end);
  const line = start.line + 1;
  if (start.line !== end.line) return `${d.file.name}:${line}: error: ${d.message}`;
  if (start.column === end.column) {
    return `${d.file.name}:${line}:${start.column + 1}: error: ${d.message}`;
  }
  return `${d.file.name}:${line}:${start.column + 1}-${end.column + 1}: error: ${d.message}`;
}

/** Thrown by the compile API when a run produced diagnostics; carries all of them. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  readonly code = 'compile-failed';

  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}
