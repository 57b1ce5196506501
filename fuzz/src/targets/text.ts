import { formatText } from '@capnp-kit/runtime';
import type { Target } from '../engine/target.js';
import { textualSeeds } from './textual-seeds.js';
import { textualTarget } from './textual-target.js';
import { CAPNP_SYNTAX } from './token-mutator.js';

/** The text format parser (`T.fromText`), as `capnp convert text:binary` reads. */
export const textTarget: Target = textualTarget({
  name: 'text',
  about:
    'T.fromText of 62 struct types (bytes and strings, throwing and collecting), read back and round-tripped',
  syntax: CAPNP_SYNTAX,
  errorCode: 'invalid-text',
  parse: (T, text, { collect }) => T.fromText(text, collect ? { onError: () => {} } : undefined),
  print: (b) => b.toString(),
  faithful: true,
  // Capabilities and AnyPointer values print as placeholders that text input cannot set.
  unreadable: (printed) => /<(external capability|opaque pointer)>/.test(printed),
  seeds: () =>
    textualSeeds(['.txt'], (b) => {
      // A message with an AnyPointer or capability set cannot be printed as text input.
      try {
        return [b.toString(), formatText(b, { short: true })];
      } catch {
        return [];
      }
    }),
});
