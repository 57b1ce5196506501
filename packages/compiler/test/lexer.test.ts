import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.js';
import { type LexResult, lex, MAX_NESTING_DEPTH, type Token } from '../src/lexer.js';
import { SourceFile } from '../src/source.js';
import { showStatements, showTokens } from './syntax-print.js';

function lexText(text: string): LexResult {
  return lex(new SourceFile('x.capnp', text));
}

/** The tokens of `text` lexed as one statement (`text;`). */
function tokensOf(text: string): readonly Token[] {
  const result = lexText(`${text};`);
  const errors = result.diagnostics.map(formatDiagnostic);
  if (errors.length > 0) throw new Error(`lexing ${JSON.stringify(text)}: ${errors.join('; ')}`);
  return result.statements[0]?.tokens ?? [];
}

function errorsOf(text: string): string[] {
  return lexText(text).diagnostics.map(formatDiagnostic);
}

describe('tokens', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'identifiers', input: 'foo _bar Baz9 a_b_c', want: 'foo _bar Baz9 a_b_c' },
    { name: 'operators are maximal runs', input: '@ : -> $ ! * . =', want: '@ : -> $ ! * . =' },
    { name: 'operators run together', input: 'a:=b', want: 'a := b' },
    { name: 'all operator characters', input: '!$%&*+-./:<=>?@^|~', want: '!$%&*+-./:<=>?@^|~' },
    { name: 'decimal', input: '0 1 42 1234567890', want: '0n 1n 42n 1234567890n' },
    { name: 'hex', input: '0x0 0x2a 0xDEADbeef', want: '0n 42n 3735928559n' },
    { name: 'octal', input: '00 017 0777', want: '0n 15n 511n' },
    { name: '09 is two integers', input: '09', want: '0n 9n' },
    { name: '08.5 is an integer and a float', input: '08.5', want: '0n 8.5f' },
    {
      name: 'largest 64-bit value',
      input: '0xffffffffffffffff 18446744073709551615',
      want: '18446744073709551615n 18446744073709551615n',
    },
    { name: 'integers wrap modulo 2^64', input: '18446744073709551617', want: '1n' },
    {
      name: 'hex wraps modulo 2^64',
      input: '0x1_0000_0000_0000_0001'.replaceAll('_', ''),
      want: '1n',
    },
    { name: 'octal wraps modulo 2^64', input: `0${'7'.repeat(23)}`, want: '18446744073709551615n' },
    {
      name: 'long decimal wraps modulo 2^64',
      input: '123456789012345678901234567890',
      want: `${123456789012345678901234567890n % 2n ** 64n}n`,
    },
    {
      name: 'floats',
      input: '1.5 0.25 1. 1e5 1.e5 1E+2 1e-2 2.5e3',
      want: '1.5f 0.25f 1f 100000f 100000f 100f 0.01f 2500f',
    },
    { name: 'float overflow is infinity', input: '1e999', want: 'Infinityf' },
    { name: 'float underflow is zero', input: '1e-999', want: '0f' },
    { name: 'minus is an operator', input: '-1 -1.5', want: '- 1n - 1.5f' },
    { name: 'member access', input: 'a.b.c', want: 'a . b . c' },
    { name: 'plain string', input: '"hello"', want: '"hello"' },
    { name: 'empty string', input: '""', want: '""' },
    {
      name: 'simple escapes',
      input: String.raw`"\a\b\f\n\r\t\v\'\"\\\?"`,
      want: JSON.stringify('\x07\b\f\n\r\t\v\'"\\?'),
    },
    { name: 'hex escape', input: String.raw`"\x41\x6a\x4A"`, want: '"AjJ"' },
    {
      name: 'octal escapes of 1 to 3 digits',
      input: String.raw`"\101\60\7\1234"`,
      want: JSON.stringify('A0\x07S4'),
    },
    { name: 'non-ASCII text', input: '"héllo 日本 🎉"', want: '"héllo 日本 🎉"' },
    { name: 'NUL inside a string is fine', input: '"a\0b"', want: JSON.stringify('a\0b') },
    { name: 'adjacent strings stay separate tokens', input: '"a" "b"', want: '"a" "b"' },
    { name: 'binary', input: '0x"de ad be ef"', want: '0x"deadbeef"' },
    { name: 'binary without spaces', input: '0x"DEADbeef"', want: '0x"deadbeef"' },
    { name: 'binary with newlines and tabs', input: '0x"  00\n\t01 "', want: '0x"0001"' },
    { name: 'empty list', input: '() []', want: '() []' },
    { name: 'list items', input: '(a, b c, d)', want: '(a, b c, d)' },
    { name: 'one trailing comma is dropped', input: '(a, b,)', want: '(a, b)' },
    { name: 'only the last empty item is dropped', input: '(a,,)', want: '(a, )' },
    { name: '(,) has one empty item', input: '(,)', want: '()' },
    { name: 'leading empty item', input: '(,a)', want: '(, a)' },
    {
      name: 'nested lists',
      input: 'List(List(Int32)) [[1], [2, 3]]',
      want: 'List (List (Int32)) [[1n], [2n, 3n]]',
    },
    { name: 'comments and whitespace', input: 'a # comment\n\t\f\v\r b', want: 'a b' },
    { name: 'UTF-8 byte order marks are whitespace', input: '\ufeffa\ufeff \ufeffb', want: 'a b' },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const got = showTokens(tokensOf(input));
    expect(got, `tokens of ${JSON.stringify(input)}: got ${got}, want ${want}`).toBe(want);
  });

  it('counts items of (,) as one', () => {
    const [list] = tokensOf('(,)');
    expect(list?.kind === 'parenthesizedList' && list.items.length).toBe(1);
  });

  it('keeps string bytes exact', () => {
    const cases: { name: string; input: string; want: string }[] = [
      { name: 'byte escapes', input: String.raw`"\xff\x00\777"`, want: 'ff00ff' },
      { name: 'UTF-8 from escapes', input: String.raw`"\xc3\xa9"`, want: 'c3a9' },
      { name: 'UTF-8 text', input: '"é🎉"', want: 'c3a9f09f8e89' },
    ];
    for (const { name, input, want } of cases) {
      const [token] = tokensOf(input);
      const got = token?.kind === 'string' ? Buffer.from(token.bytes).toString('hex') : '';
      expect(got, `${name}: got ${got}, want ${want}`).toBe(want);
    }
    const [decoded] = tokensOf(String.raw`"\xc3\xa9"`);
    expect(decoded?.kind === 'string' && decoded.value).toBe('é');
    // A leading U+FEFF is a character of the string, not a byte-order mark to drop.
    for (const tail of ['a', `a${'é'.repeat(40)}`]) {
      const [bom] = tokensOf(`"\uFEFF${tail}"`);
      expect(bom?.kind === 'string' && bom.value).toBe(`\uFEFF${tail}`);
    }
  });

  it('records token locations', () => {
    const tokens = tokensOf('foo @0x1f "s" (a, [b])');
    const got = tokens.map((t) => `${t.kind}:${t.start}-${t.end}`).join(' ');
    const want = 'identifier:0-3 operator:4-5 integer:5-9 string:10-13 parenthesizedList:14-22';
    expect(got, `got ${got}, want ${want}`).toBe(want);
    const list = tokens[4];
    const inner = list?.kind === 'parenthesizedList' ? list.items[1]?.[0] : undefined;
    expect(inner && [inner.kind, inner.start, inner.end]).toEqual(['bracketedList', 18, 21]);
  });
});

describe('statements', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'lines', input: 'a b; c;', want: 'a b; c;' },
    { name: 'block', input: 'struct A { x @0 :T; }', want: 'struct A { x @ 0n : T; }' },
    { name: 'nested blocks', input: 'a { b { c; } d; }', want: 'a { b { c; } d; }' },
    { name: 'empty statements', input: '; {}', want: '; {  }' },
    { name: 'no statements', input: '  # only a comment\n', want: '' },
    { name: 'empty file', input: '', want: '' },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const result = lexText(input);
    const got = showStatements(result.statements);
    expect(result.diagnostics).toEqual([]);
    expect(got, `statements of ${JSON.stringify(input)}: got ${got}, want ${want}`).toBe(want);
  });

  it('records where statements start and end, doc comment included', () => {
    const text = '  struct A {\n  x @0 :T;  # doc\n  y @1 :T;\n}  # after\nconst k = 1;';
    const [block, line] = lexText(text).statements;
    expect([block?.start, block?.end]).toEqual([2, text.indexOf('const')]);
    expect([line?.start, line?.end]).toEqual([text.indexOf('const'), text.length]);
    const [x, y] = block?.block ?? [];
    expect([x?.start, x?.end]).toEqual([text.indexOf('x @0'), text.indexOf('  y @1')]);
    expect([y?.start, y?.end]).toEqual([text.indexOf('y @1'), text.indexOf('\n}')]);
  });
});

describe('doc comments', () => {
  // Each verified with `capnp compile -o- | capnp decode … CodeGeneratorRequest` (sourceInfo).
  const cases: { name: string; input: string; want: string | undefined }[] = [
    { name: 'none', input: 'a;', want: undefined },
    { name: 'same line', input: 'a; # doc', want: 'doc\n' },
    { name: 'no space after #', input: 'a; #doc', want: 'doc\n' },
    { name: 'only one space is dropped', input: 'a; #   doc', want: '  doc\n' },
    { name: 'next line', input: 'a;\n# doc', want: 'doc\n' },
    { name: 'next line, indented', input: 'a;\n    # doc', want: 'doc\n' },
    {
      name: 'consecutive lines joined',
      input: 'a; # one\n# two\n\t# three\n',
      want: 'one\ntwo\nthree\n',
    },
    { name: 'blank line ends it', input: 'a; # one\n\n# not doc', want: 'one\n' },
    { name: 'blank line before: none', input: 'a;\n\n# not doc', want: undefined },
    { name: 'trailing spaces then next line', input: 'a;   \n# doc', want: 'doc\n' },
    { name: 'form feed and vertical tab are line space', input: 'a; \f\v\t# doc', want: 'doc\n' },
    { name: 'CRLF keeps the CR', input: 'a; # one\r\n# two\r\n', want: 'one\r\ntwo\r\n' },
    { name: 'CRLF before the comment', input: 'a;\r\n# doc', want: 'doc\n' },
    { name: 'lone CR before the comment', input: 'a;\r# doc', want: 'doc\n' },
    { name: 'two lone CRs: none', input: 'a;\r\r# doc', want: undefined },
    { name: 'BOM is not line space', input: 'a; \ufeff# not doc', want: undefined },
    { name: 'empty comment', input: 'a; #', want: '\n' },
    { name: 'after {', input: 'a { # doc\n b; }', want: 'doc\n' },
    { name: 'after { on the next line', input: 'a {\n  # doc\n  b; }', want: 'doc\n' },
    { name: 'after }', input: 'a {\n  b;\n} # late', want: 'late\n' },
    { name: 'after } on the next line', input: 'a {}\n# late', want: 'late\n' },
    { name: 'after { wins over after }', input: 'a { # early\n} # late', want: 'early\n' },
    { name: 'comment before a statement is not its doc', input: '# before\na;', want: undefined },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const result = lexText(input);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const got = result.statements[0]?.docComment;
    expect(
      got,
      `doc comment of ${JSON.stringify(input)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`,
    ).toBe(want);
  });

  it('does not give a comment already taken to the next statement', () => {
    const [a, b] = lexText('a; # for a\nb;').statements;
    expect([a?.docComment, b?.docComment]).toEqual(['for a\n', undefined]);
  });

  it('gives members their own comments', () => {
    const [block] = lexText('s { # s\n  x; # x\n  y;\n  # y\n}').statements;
    const got = [block?.docComment, ...(block?.block ?? []).map((m) => m.docComment)];
    expect(got).toEqual(['s\n', 'x\n', 'y\n']);
  });
});

describe('errors', () => {
  // Positions verified against `capnp compile` 0.9.2 (more in test/parse-errors).
  const cases: { name: string; input: string; want: string[] }[] = [
    {
      name: 'unterminated string',
      input: 'a = "abc\n";',
      want: ['x.capnp:1:9: error: Parse error.'],
    },
    {
      name: 'string at end of input',
      input: 'a = "abc',
      want: ['x.capnp:1:9: error: Parse error.'],
    },
    {
      name: 'unknown escape',
      input: String.raw`a = "ab\qc";`,
      want: ['x.capnp:1:9: error: Parse error.'],
    },
    {
      name: 'no \\u escape',
      input: String.raw`a = "\u0041";`,
      want: ['x.capnp:1:7: error: Parse error.'],
    },
    {
      name: 'short hex escape',
      input: String.raw`a = "\x4";`,
      want: ['x.capnp:1:9: error: Parse error.'],
    },
    {
      name: 'hex escape without digits',
      input: String.raw`a = "\xg";`,
      want: ['x.capnp:1:8: error: Parse error.'],
    },
    { name: '0o prefix', input: 'a = 0o17;', want: ['x.capnp:1:6: error: Parse error.'] },
    { name: '0X prefix', input: 'a = 0X1;', want: ['x.capnp:1:6: error: Parse error.'] },
    { name: 'letter after hex', input: 'a = 0x1fg;', want: ['x.capnp:1:9: error: Parse error.'] },
    {
      name: 'letter after number',
      input: 'a = 12abc;',
      want: ['x.capnp:1:7: error: Parse error.'],
    },
    { name: 'two dots', input: 'a = 1.5.3;', want: ['x.capnp:1:8: error: Parse error.'] },
    {
      name: 'binary with odd digits',
      input: 'a = 0x"abc";',
      want: ['x.capnp:1:11: error: Parse error.'],
    },
    { name: 'empty binary', input: 'a = 0x"";', want: ['x.capnp:1:8: error: Parse error.'] },
    { name: 'missing semicolon', input: 'a { b }', want: ['x.capnp:1:7: error: Parse error.'] },
    { name: 'unclosed block', input: 'a {\n', want: ['x.capnp:2:1: error: Parse error.'] },
    { name: 'stray }', input: 'a;\n}', want: ['x.capnp:2:1: error: Parse error.'] },
    { name: 'unclosed list', input: 'a (b;', want: ['x.capnp:1:5: error: Parse error.'] },
    { name: 'mismatched bracket', input: 'a [b);', want: ['x.capnp:1:5: error: Parse error.'] },
    {
      name: 'non-ASCII outside strings',
      input: 'a é;',
      want: ['x.capnp:1:3: error: Parse error.'],
    },
    {
      name: 'column counts UTF-8 bytes',
      input: '"日本" ]',
      want: ['x.capnp:1:10: error: Parse error.'],
    },
    {
      name: 'NUL',
      input: 'a;\0',
      want: [
        "x.capnp:1:3-4: error: Non-UTF-8 input detected. Cap'n Proto schema files must be UTF-8 text.",
        'x.capnp:1:4: error: Parse error.',
      ],
    },
    {
      name: 'exponent without digits (the reference crashes)',
      input: 'a = 1e;',
      want: [
        "x.capnp:1:5-7: error: Invalid floating-point literal '1e': the exponent has no digits.",
      ],
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const got = errorsOf(input);
    expect(
      got,
      `errors of ${JSON.stringify(input)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`,
    ).toEqual(want);
  });

  it('gives no statements when lexing fails', () => {
    expect(lexText('a; b; c').statements).toEqual([]);
  });
});

describe('limits', () => {
  it(`accepts ${MAX_NESTING_DEPTH} levels of nesting`, () => {
    const half = MAX_NESTING_DEPTH / 2;
    const input = `${'a {'.repeat(half)} b = ${'['.repeat(half)}${']'.repeat(half)}; ${'}'.repeat(half)}`;
    const result = lexText(input);
    expect(result.diagnostics).toEqual([]);
    expect(result.statements).toHaveLength(1);
  });

  const deep: { name: string; input: string }[] = [
    { name: 'parentheses', input: `a = ${'('.repeat(100_000)}${')'.repeat(100_000)};` },
    { name: 'brackets', input: `a = ${'['.repeat(100_000)}` },
    { name: 'braces', input: 'struct A {'.repeat(100_000) },
    { name: 'just over the limit', input: `${'('.repeat(MAX_NESTING_DEPTH + 1)}` },
  ];
  it.each(deep)('reports deeper $name as a limit', ({ input }) => {
    const result = lexText(input);
    expect(result.statements).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['limit']);
  });
});
