import { type LexRule, lex, type Token } from './tokens.js';

const word = (kind: string) => () => kind;

/** The lexical rules of JSON; a string followed by a colon is a key. */
const JSON_RULES: readonly LexRule[] = [
  {
    pattern: /"(?:[^"\\\n]|\\.)*"?/y,
    kind: (_match, text, end) => (/^\s*:/.test(text.slice(end, end + 64)) ? 'key' : 'string'),
  },
  { pattern: /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y, kind: word('number') },
  { pattern: /true|false|null/y, kind: word('keyword') },
  { pattern: /\s+/y, kind: () => undefined },
  { pattern: /[{}[\]:,]/y, kind: word('punct') },
];

/** Tokens of a JSON text, for highlighting. */
export function jsonTokens(text: string): Token[] {
  return lex(text, JSON_RULES);
}
