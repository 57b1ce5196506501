import type { MessageBuilder } from '@capnp-kit/wire';

/**
 * How big the first segment of a new message of one type should be: the size the last message
 * with a root of the type reached when it was serialized (at least the reference's 1024 words,
 * at most 1 Mi words). Programs that encode many similar messages then build each in a single
 * segment: no far pointers, no copying of segments when framing. One per struct type (in its
 * StructMeta), so that serializing finds it from the root builder without a lookup table.
 */
export class SizeHint {
  words = 1024;

  /** Records the size `message` reached (called when it is serialized). */
  note(message: MessageBuilder): void {
    this.words = Math.min(Math.max(1024, message.totalWords + 8), 1 << 20);
  }
}
