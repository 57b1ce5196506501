/**
 * Why a message could not be read or written. Stable: programs switch on it, never on the
 * message text.
 */
export type WireErrorCode =
  /** The bytes end before the segment table, a segment, or a packed run says they should. */
  | 'truncated'
  /** A segment table announces 512 or more segments (the reference's limit). */
  | 'too-many-segments'
  /** The message is larger than the traversal limit allows it to be. */
  | 'message-too-large'
  /** A pointer's target lies outside its segment, or a far pointer names a missing segment. */
  | 'pointer-out-of-bounds'
  /** A pointer word is malformed (bad far landing pad, unknown "other" pointer, bad tag). */
  | 'bad-pointer'
  /** A pointer has a different kind than the schema expects (list for struct, and so on). */
  | 'wrong-pointer-kind'
  /** A list's element size cannot be read as the element type the schema expects. */
  | 'wrong-element-size'
  /** Reading dereferenced more words than `traversalLimitInWords` allows. */
  | 'traversal-limit'
  /** Pointers nest deeper than `nestingLimit`. */
  | 'nesting-limit'
  /** Text is not NUL-terminated. */
  | 'bad-text'
  /** A list index or value is outside the valid range. */
  | 'out-of-range'
  /** The builder cannot satisfy a request (object too large for one segment and such). */
  | 'allocation';

/** An error reading or writing the Cap'n Proto encoding; `code` says which rule was broken. */
export class WireError extends Error {
  override readonly name = 'WireError';

  constructor(
    readonly code: WireErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
