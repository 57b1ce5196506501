import { formatJson } from '@capnp-kit/runtime';
import type { Target } from '../engine/target.js';
import { mutateJsonValue } from './json-value-mutator.js';
import { textualSeeds } from './textual-seeds.js';
import { textualTarget } from './textual-target.js';
import { JSON_SYNTAX } from './token-mutator.js';

/** The value JSON.parse gives for `text` (fromJSON's object input), or the text if it has none. */
function parsedOrText(text: string | Uint8Array): object | string | Uint8Array {
  try {
    const value: unknown = JSON.parse(
      typeof text === 'string' ? text : new TextDecoder().decode(text),
    );
    return typeof value === 'object' && value !== null ? value : text;
  } catch {
    return text;
  }
}

/** The JSON parser (`T.fromJSON`), as `capnp convert json:binary` reads. */
export const jsonTarget: Target = textualTarget({
  name: 'json',
  about:
    'T.fromJSON of 62 struct types (bytes and strings, throwing and collecting), read back and round-tripped',
  syntax: JSON_SYNTAX,
  mutateValid: mutateJsonValue,
  errorCode: 'invalid-json',
  parse: (T, text, { collect, variant }) =>
    T.fromJSON(variant ? parsedOrText(text) : text, collect ? { onError: () => {} } : undefined),
  print: (b) => formatJson(b),
  faithful: false,
  // Outside strings, `inf` or `nan`: a non-finite number in a Json.Value, printed as the
  // reference prints it, which no JSON reader (the reference's included) accepts.
  unreadable: (printed) => /\b(inf|nan)\b/.test(printed.replace(/"(?:[^"\\]|\\.)*"/g, '""')),
  seeds: () =>
    textualSeeds(['.json'], (b) => {
      // JSON cannot carry AnyPointer values or capabilities.
      try {
        return [formatJson(b), formatJson(b, { short: true })];
      } catch {
        return [];
      }
    }),
});
