/** A compile job sent to the worker: schema files by absolute path, and which to compile. */
export interface CompileJob {
  readonly id: number;
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
}

/** A compile error, flattened for postMessage (a Diagnostic holds its SourceFile object). */
export interface DiagnosticView {
  readonly code: string;
  /** As `capnp compile` prints it: `file:LINE:COL-COL: error: Message.` */
  readonly text: string;
  readonly message: string;
  /** The file's display name. */
  readonly file: string;
  /** UTF-16 offsets into that file's text (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** 1-based. */
  readonly line: number;
}

/** The worker's answer: the encoded CodeGeneratorRequest, or why there is none. */
export type CompileReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly request: Uint8Array;
      readonly millis: number;
    }
  | {
      readonly id: number;
      readonly ok: false;
      readonly diagnostics: readonly DiagnosticView[];
      readonly millis: number;
    };
