import type { DiagnosticCode } from '@capnp-kit/compiler';
import { CapnpError, type CapnpErrorCode, WireError, type WireErrorCode } from '@capnp-kit/runtime';

/**
 * The documented error codes, as runtime sets. Each is written as a `Record` over its code
 * union, so adding a code to the library without adding it here is a type error.
 */

const WIRE: Record<WireErrorCode, true> = {
  truncated: true,
  'too-many-segments': true,
  'message-too-large': true,
  'pointer-out-of-bounds': true,
  'bad-pointer': true,
  'wrong-pointer-kind': true,
  'wrong-element-size': true,
  'traversal-limit': true,
  'nesting-limit': true,
  'bad-text': true,
  'out-of-range': true,
  allocation: true,
};

const CAPNP: Record<CapnpErrorCode, true> = {
  'unknown-field': true,
  'invalid-value': true,
  'out-of-range': true,
  'inactive-union-member': true,
  'unknown-type': true,
  schema: true,
  'invalid-text': true,
  'invalid-json': true,
};

const DIAGNOSTIC: Record<DiagnosticCode, true> = {
  'file-not-found': true,
  'import-failed': true,
  'non-utf8': true,
  'parse-error': true,
  syntax: true,
  'missing-file-id': true,
  'invalid-id': true,
  'duplicate-id': true,
  'duplicate-name': true,
  'bad-name': true,
  'not-defined': true,
  'not-a-type': true,
  'misplaced-declaration': true,
  ordinal: true,
  union: true,
  generic: true,
  annotation: true,
  'type-mismatch': true,
  'value-out-of-range': true,
  cycle: true,
  limit: true,
  layout: true,
};

export const WIRE_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(WIRE));
export const CAPNP_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(CAPNP));
export const DIAGNOSTIC_CODES: ReadonlySet<string> = new Set(Object.keys(DIAGNOSTIC));

/** Which typed errors a target may throw: per class, the codes allowed (a subset of the documented ones). */
export interface AllowedErrors {
  readonly wire: ReadonlySet<WireErrorCode>;
  readonly capnp: ReadonlySet<CapnpErrorCode>;
}

/** Every documented wire code. */
export const ANY_WIRE_CODE = WIRE_ERROR_CODES as ReadonlySet<WireErrorCode>;

/**
 * Undefined if `error` is a WireError or CapnpError (TextFormatError is one) whose code is
 * documented and allowed; otherwise a description of what was thrown instead.
 */
export function judgeTypedError(error: unknown, allowed: AllowedErrors): string | undefined {
  if (error instanceof WireError) {
    if (!WIRE_ERROR_CODES.has(error.code))
      return `WireError with undocumented code '${error.code}'`;
    if (!allowed.wire.has(error.code)) return `WireError '${error.code}' is not expected here`;
    return undefined;
  }
  if (error instanceof CapnpError) {
    if (!CAPNP_ERROR_CODES.has(error.code))
      return `CapnpError with undocumented code '${error.code}'`;
    if (!allowed.capnp.has(error.code)) return `CapnpError '${error.code}' is not expected here`;
    return undefined;
  }
  return `untyped exception ${describeError(error)}`;
}

/** `Name: message` of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-Error value ${String(error)}`;
}
