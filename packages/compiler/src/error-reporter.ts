import type { DiagnosticCode } from './diagnostics.js';

/** Where errors about one file go. Locations are offsets into that file's text. */
export interface ErrorReporter {
  addError(start: number, end: number, message: string, code?: DiagnosticCode): void;
  /** True if any error was reported in this compile (the reference uses it to stay quiet). */
  hadErrors(): boolean;
}

/** Something with a location. */
export interface Spanned {
  readonly start: number;
  readonly end: number;
}

/** Reports `message` at the location of `node`. */
export function addErrorOn(
  reporter: ErrorReporter,
  node: Spanned,
  message: string,
  code?: DiagnosticCode,
): void {
  reporter.addError(node.start, node.end, message, code);
}

/**
 * Ends a compile early, after the error that explains why has been reported: the reference
 * aborts on some assertions (the "issue 344" layout refusal) and reports nothing after them.
 */
export class CompileAborted extends Error {
  override readonly name = 'CompileAborted';
}
