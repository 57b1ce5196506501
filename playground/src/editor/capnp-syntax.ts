import { type LexRule, lex, type Token } from './tokens.js';

const KEYWORDS = new Set([
  'struct',
  'enum',
  'interface',
  'union',
  'group',
  'const',
  'annotation',
  'using',
  'import',
  'embed',
  'extends',
  'stream',
  'true',
  'false',
  'void',
  'inf',
  'nan',
]);

const BUILTIN_TYPES = new Set([
  'Void',
  'Bool',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float32',
  'Float64',
  'Text',
  'Data',
  'List',
  'AnyPointer',
  'AnyStruct',
  'AnyList',
  'Capability',
]);

const word = (kind: string) => () => kind;

/** The lexical rules of the schema language, enough to colour it (the compiler does the rest). */
const CAPNP_RULES: readonly LexRule[] = [
  { pattern: /#[^\n]*/y, kind: word('comment') },
  { pattern: /"(?:[^"\\\n]|\\.)*"?/y, kind: word('string') },
  { pattern: /0x"[^"\n]*"?/y, kind: word('string') },
  { pattern: /@0x[0-9a-fA-F]+/y, kind: word('id') },
  { pattern: /@[0-9]+/y, kind: word('ordinal') },
  { pattern: /\$[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y, kind: word('annotation') },
  { pattern: /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y, kind: word('number') },
  {
    pattern: /[A-Za-z_][A-Za-z0-9_]*/y,
    kind: (name) => {
      if (KEYWORDS.has(name)) return 'keyword';
      if (BUILTIN_TYPES.has(name)) return 'builtin';
      return /^[A-Z]/.test(name) ? 'type' : undefined;
    },
  },
  { pattern: /\s+/y, kind: () => undefined },
  { pattern: /[{}()[\]:;,=.]/y, kind: word('punct') },
];

/** Tokens of a Cap'n Proto schema, for highlighting. */
export function capnpTokens(text: string): Token[] {
  return lex(text, CAPNP_RULES);
}
