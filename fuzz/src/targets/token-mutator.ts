import type { Rng } from '../engine/rng.js';

/**
 * Structure-aware mutation of text in the C-like token languages under test (the Cap'n Proto
 * text format, JSON, the schema language): the text is split into tokens — names, numbers,
 * strings, punctuation, whitespace and comments — and edited a token at a time, so most
 * mutants stay lexically valid and reach the parser and the value translator instead of
 * dying in the lexer. Vocabulary tokens (field names, keywords, type names) come from the
 * target.
 */

const TOKEN =
  /"(?:[^"\\\n]|\\.)*"?|0x"[^"]*"?|[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?|#[^\n]*|\s+|./gsu;

/** Splits text into tokens (every character belongs to exactly one). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const NUMBERS = [
  '0',
  '-0',
  '1',
  '-1',
  '127',
  '-128',
  '255',
  '256',
  '32767',
  '-32768',
  '65535',
  '65536',
  '2147483647',
  '-2147483648',
  '4294967295',
  '4294967296',
  '9223372036854775807',
  '-9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
  '99999999999999999999999999',
  '0x7fffffffffffffff',
  '0xffffffffffffffffff',
  '0777',
  '09',
  '1.5',
  '-0.0',
  '1e308',
  '1e309',
  '-1e-400',
  '3.4028235e38',
  '1.',
  '1e',
  '.5',
  'inf',
  '-inf',
  'nan',
  'NaN',
  'Infinity',
  '-Infinity',
];

const STRINGS = [
  '""',
  '"a"',
  '"\\x00"',
  '"\\xff\\xfe"',
  '"\\u00e9"',
  '"\\ud800"',
  '"\\uDC00\\uD800"',
  '"\\777"',
  '"\\q"',
  '"caf\u00e9 \u{1f600}"',
  '"\\n\\t\\\\\\""',
  '0x""',
  '0x"00 ff 7f"',
  '0x"0"',
  '"x" "y"',
  `"${'z'.repeat(300)}"`,
];

/** The punctuation and brackets of a language, so that edits stay mostly in its syntax. */
export interface Syntax {
  readonly punctuation: readonly string[];
  readonly brackets: readonly (readonly [string, string])[];
}

/** The schema language and the text format (which is its expression syntax). */
export const CAPNP_SYNTAX: Syntax = {
  punctuation: ['(', ')', '[', ']', '{', '}', ',', '=', ':', ';', '.', '@', '$', '-', '"'],
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
};

export const JSON_SYNTAX: Syntax = {
  punctuation: ['{', '}', '[', ']', ':', ',', '"', '-', 'null', 'true', 'false'],
  brackets: [
    ['{"a":', '}'],
    ['[', ']'],
  ],
};

/** A token to insert or substitute: from the vocabulary, a number, a string or punctuation. */
export function randomToken(
  rng: Rng,
  vocabulary: readonly string[],
  syntax: Syntax = CAPNP_SYNTAX,
): string {
  switch (rng.below(4)) {
    case 0:
      return rng.pick(NUMBERS);
    case 1:
      return rng.pick(STRINGS);
    case 2:
      return rng.pick(syntax.punctuation);
    default:
      return vocabulary.length > 0 ? rng.pick(vocabulary) : rng.pick(NUMBERS);
  }
}

/** Indexes of the tokens that are not whitespace. */
function solid(tokens: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (!/^\s/.test(tokens[i] as string)) out.push(i);
  return out;
}

/** One to four token edits of `text` (mostly one). */
export function mutateTokens(
  text: string,
  rng: Rng,
  vocabulary: readonly string[],
  syntax: Syntax = CAPNP_SYNTAX,
): string {
  const tokens = tokenize(text);
  const edits = 1 + rng.size(3);
  for (let e = 0; e < edits; e++) {
    const idx = solid(tokens);
    const at = idx.length > 0 ? rng.pick(idx) : tokens.length;
    switch (rng.below(10)) {
      case 0:
        tokens.splice(at, 1);
        break;
      case 1:
        tokens.splice(at, 0, tokens[at] ?? '', ' ');
        break;
      case 2: {
        const other = idx.length > 0 ? rng.pick(idx) : at;
        const t = tokens[at] as string;
        tokens[at] = tokens[other] as string;
        tokens[other] = t;
        break;
      }
      case 3:
      case 4:
        tokens[at] = randomToken(rng, vocabulary, syntax);
        break;
      case 5:
        tokens.splice(at, 0, randomToken(rng, vocabulary, syntax), rng.oneIn(2) ? ' ' : '');
        break;
      case 6: {
        // Deep nesting: the parsers' recursion limits.
        const depth = rng.oneIn(4) ? 200 + rng.below(400) : 1 + rng.below(70);
        const [open, close] = rng.pick([
          ['(', ')'],
          ['[', ']'],
          ['{', '}'],
        ] as const);
        tokens.splice(
          at,
          0,
          open.repeat(depth),
          tokens[at] ?? '',
          close.repeat(rng.oneIn(4) ? 0 : depth),
        );
        break;
      }
      case 7: {
        // Repeat a span: long lists, many fields, the same field many times.
        const end = Math.min(tokens.length, at + 1 + rng.below(12));
        const span = tokens.slice(at, end);
        const times = rng.oneIn(8) ? 50 + rng.below(500) : 1 + rng.below(8);
        const copies: string[] = [];
        for (let k = 0; k < times; k++) copies.push(...span, ', ');
        tokens.splice(at, 0, ...copies);
        break;
      }
      case 8:
        // Cut the text.
        tokens.length = Math.min(tokens.length, at);
        break;
      default: {
        // A byte-level edit inside one token.
        const t = tokens[at] ?? '';
        const i = rng.below(t.length + 1);
        tokens[at] =
          t.slice(0, i) + String.fromCharCode(rng.below(128)) + t.slice(i + (rng.oneIn(2) ? 1 : 0));
      }
    }
  }
  return tokens.join('');
}
