import type { MessageBuilder } from '@capnp-kit/wire';

const hints = new WeakMap<MessageBuilder, SizeHint>();

/**
 * How big the first segment of a new message of one type should be: the size the previous
 * message of the type reached when it was serialized (at least the reference's 1024 words, at
 * most 1 Mi words). Programs that encode many similar messages then build each in a single
 * segment: no far pointers, no copying of segments when framing.
 */
export class SizeHint {
  words = 1024;

  /** Makes `message` report its size to this hint when it is serialized. */
  watch(message: MessageBuilder): void {
    hints.set(message, this);
  }
}

/** Called when `message` is serialized: updates the hint of the type that made it. */
export function noteSerialized(message: MessageBuilder): void {
  const hint = hints.get(message);
  if (hint !== undefined) hint.words = Math.min(Math.max(1024, message.totalWords + 8), 1 << 20);
}
