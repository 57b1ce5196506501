import { MessageReader } from '@capnp-kit/wire';

/**
 * A schema Value's encoded content (one segment, root pointer first) as a message to read or
 * copy from. Trusted input (the compiler made it), so read without limits.
 */
export function valueMessage(bytes: Uint8Array): MessageReader {
  return MessageReader.fromSegments([bytes], {
    traversalLimitInWords: Number.POSITIVE_INFINITY,
    nestingLimit: Number.POSITIVE_INFINITY,
  });
}
