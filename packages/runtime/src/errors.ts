/** Why a runtime operation was refused. Stable: programs switch on it, never on the message. */
export type CapnpErrorCode =
  /** A plain-object init or `init(name)` named a field the struct does not have. */
  | 'unknown-field'
  /** A value of the wrong kind for a field (a string for an Int32, an unknown enumerant…). */
  | 'invalid-value'
  /** A number outside its field's range, or a list index past the end. */
  | 'out-of-range'
  /** A read of a union member that is not the active one. */
  | 'inactive-union-member'
  /** A type name, node or brand that the loaded schemas do not define. */
  | 'unknown-type'
  /** A schema that cannot be loaded (failed to compile, or malformed). */
  | 'schema'
  /** Text-format input (`fromText`) that does not parse or does not fit the struct. */
  | 'invalid-text'
  /** JSON input (`fromJSON`) that does not parse or does not fit the struct. */
  | 'invalid-json';

/** A runtime error: misuse of a message or type, or a schema that cannot be loaded. */
export class CapnpError extends Error {
  override readonly name = 'CapnpError';

  constructor(
    readonly code: CapnpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
