/**
 * A command-line mistake: printed as the reference prints them (`capnp-kit compile: <what>` and
 * a hint to `--help`), exit status 1, no stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
