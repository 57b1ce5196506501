import type { MessageBuilder } from '@capnp-kit/wire';

/** The largest first segment a hint asks for (8 MiB); bigger messages get further segments. */
const MAX_WORDS = 1 << 20;

/**
 * How big the first segment of a new message of one type should be, from the messages of the
 * type serialized before: the first gets the reference's 1024 words, later ones about the size
 * of the largest recent one. Programs that encode many similar messages then build each in a
 * single segment of about its size: no far pointers, no copying of segments when framing, and
 * no 8 KB buffer (zeroed, outside the JavaScript heap) for a message of a few words, which
 * took most of the time of building and serializing a small message. One per struct type (in
 * its StructMeta), so that serializing finds it from the root builder without a lookup table.
 */
export class SizeHint {
  words = 1024;

  /** Records the size `message` reached (called when it is serialized). */
  note(message: MessageBuilder): void {
    const words = message.totalWords;
    // An eighth more than the message took, and a decay by a quarter per message rather than
    // a drop to the last size: messages of one type that vary in size keep fitting in the
    // first segment, while a type whose messages shrink for good gets smaller segments soon.
    const needed = words + (words >>> 3) + 1;
    this.words = Math.min(Math.max(needed, this.words - (this.words >>> 2)), MAX_WORDS);
  }
}
