import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConstDeclaration, Declaration, Expression, FileDeclaration } from '../src/ast.js';
import { type Diagnostic, formatDiagnostic } from '../src/diagnostics.js';
import { MAX_EXPRESSION_DEPTH } from '../src/parse-input.js';
import { parseFile } from '../src/parser.js';
import { SourceFile } from '../src/source.js';
import { showDeclaration, showExpression } from './syntax-print.js';

function parse(text: string): { ast: FileDeclaration; errors: string[] } {
  const result = parseFile(new SourceFile('x.capnp', text));
  return { ast: result.ast, errors: result.diagnostics.map(formatDiagnostic) };
}

/** Parses `text`, failing the test on any diagnostic. */
function parseClean(text: string): FileDeclaration {
  const { ast, errors } = parse(text);
  expect(errors, `diagnostics for ${JSON.stringify(text)}`).toEqual([]);
  return ast;
}

/** The value of `const x :T = <text>;`. */
function constValue(text: string): Expression {
  const decl = parseClean(`const x :T = ${text};`).nestedDecls[0] as ConstDeclaration;
  return decl.value;
}

/** The text a node's location covers. */
function textAt(text: string, node: { start: number; end: number }): string {
  return text.slice(node.start, node.end);
}

describe('golden parse errors (test/parse-errors, made by capnp 0.9.2)', () => {
  const dir = join(import.meta.dirname, 'parse-errors');
  const fixtures = readdirSync(dir).filter((name) => name.endsWith('.capnp'));

  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(40);
  });

  it.each(fixtures)('%s', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const want = readFileSync(join(dir, name.replace(/\.capnp$/, '.stderr')), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const got = parseFile(new SourceFile(name, text)).diagnostics.map(formatDiagnostic);
    expect(got, `${name}: got\n${got.join('\n')}\nwant\n${want.join('\n')}`).toEqual(want);
  });
});

describe('expressions', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'integer', input: '42', want: '42' },
    { name: 'negative integer', input: '-42', want: '-42' },
    { name: 'negative zero stays negative', input: '-0', want: '-0' },
    { name: 'minus and literal may be apart', input: '- 5', want: '-5' },
    { name: 'full 64 bits', input: '0xffffffffffffffff', want: '18446744073709551615' },
    { name: 'negative 2^63', input: '-0x8000000000000000', want: '-9223372036854775808' },
    { name: 'float', input: '1.5', want: '1.5f' },
    { name: 'negative float', input: '-1.5', want: '-1.5f' },
    { name: '-inf', input: '-inf', want: '-Infinityf' },
    { name: 'inf and nan are names', input: '[inf, nan]', want: '[inf, nan]' },
    { name: 'keywords are names', input: '[true, false, void]', want: '[true, false, void]' },
    { name: 'string', input: '"hi"', want: '"hi"' },
    { name: 'adjacent strings concatenate', input: '"con" "cat" "enate"', want: '"concatenate"' },
    { name: 'escapes split across literals', input: String.raw`"\xc3" "\xa9"`, want: '"é"' },
    { name: 'binary', input: '0x"01 02"', want: '0x"0102"' },
    { name: 'relative name', input: 'foo', want: 'foo' },
    { name: 'absolute name', input: '.foo', want: '.foo' },
    { name: 'members', input: '.Foo.Bar.baz', want: '.Foo.Bar.baz' },
    { name: 'import', input: 'import "a.capnp"', want: 'import "a.capnp"' },
    {
      name: 'import member',
      input: 'import "/capnp/c++.capnp".namespace',
      want: 'import "/capnp/c++.capnp".namespace',
    },
    { name: 'import without a string is a name', input: '[import]', want: '[import]' },
    { name: 'embed', input: 'embed "data.bin"', want: 'embed "data.bin"' },
    { name: 'list', input: '[1, -2, "three"]', want: '[1, -2, "three"]' },
    { name: 'empty list', input: '[]', want: '[]' },
    { name: 'list with trailing comma', input: '[1, 2,]', want: '[1, 2]' },
    { name: 'parenthesized value', input: '(1)', want: '1' },
    { name: 'doubly parenthesized value', input: '((foo))', want: 'foo' },
    { name: 'tuple', input: '(1, 2)', want: '(1, 2)' },
    { name: 'named tuple', input: '(a = 1, b = "x")', want: '(a = 1, b = "x")' },
    { name: 'one named element is a tuple', input: '(a = 1)', want: '(a = 1)' },
    { name: 'empty tuple', input: '()', want: '()' },
    {
      name: 'nested struct values',
      input: '(a = (b = [1, 2]), c = ())',
      want: '(a = (b = [1, 2]), c = ())',
    },
    { name: 'application', input: 'List(Int32)', want: 'List(Int32)' },
    {
      name: 'nested application',
      input: 'Map(Text, List(Int32)).Entry',
      want: 'Map(Text, List(Int32)).Entry',
    },
    { name: 'named arguments', input: 'Foo(T = Text)', want: 'Foo(T = Text)' },
    { name: 'application of an application', input: 'a(b)(c)', want: 'a(b)(c)' },
    { name: 'member of a parenthesized value', input: '(a).b', want: 'a.b' },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const got = showExpression(constValue(input));
    expect(got, `${input}: got ${got}, want ${want}`).toBe(want);
  });

  const locations: { name: string; input: string; want: string }[] = [
    { name: 'negative integer: the literal only', input: '-  5', want: '5' },
    { name: 'negative float: the literal only', input: '-1.5', want: '1.5' },
    { name: '-inf: both tokens', input: '- inf', want: '- inf' },
    { name: 'absolute name: with the dot', input: '.foo', want: '.foo' },
    { name: 'member: from the start of the parent', input: '.a.b', want: '.a.b' },
    {
      name: 'application: to the closing parenthesis',
      input: 'List( Int32 )',
      want: 'List( Int32 )',
    },
    { name: 'strings: first to last', input: '"a"  "b"', want: '"a"  "b"' },
    { name: 'import: keyword to string', input: 'import  "a"', want: 'import  "a"' },
    { name: 'list: the brackets', input: '[ 1 ]', want: '[ 1 ]' },
    { name: 'tuple: the parentheses', input: '( a = 1 )', want: '( a = 1 )' },
    { name: 'parenthesized value: the value', input: '( 1 )', want: '1' },
  ];
  it.each(locations)('location of $name', ({ input, want }) => {
    const text = `const x :T = ${input};`;
    const value = (parseClean(text).nestedDecls[0] as ConstDeclaration).value;
    const got = textAt(text, value);
    expect(
      got,
      `location of ${input}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`,
    ).toBe(want);
  });

  it('locates names, paths and tuple elements', () => {
    const text = 'const x :T = (a = import "f".b, 2);';
    const value = (parseClean(text).nestedDecls[0] as ConstDeclaration).value;
    if (value.kind !== 'tuple') throw new Error(`got ${value.kind}, want tuple`);
    const [first, second] = value.elements;
    const at = (n: { start: number; end: number } | undefined) => n && textAt(text, n);
    expect(at(first)).toBe('a = import "f".b');
    expect(at(first?.name)).toBe('a');
    const member = first?.value;
    expect(member?.kind === 'member' && [at(member.name), at(member.parent)]).toEqual([
      'b',
      'import "f"',
    ]);
    const imp = member?.kind === 'member' ? member.parent : undefined;
    expect(imp?.kind === 'import' && at(imp.path)).toBe('"f"');
    expect(at(second)).toBe('2');
  });

  it('keeps string bytes exact', () => {
    const value = constValue(String.raw`"\xff" "a"`);
    expect(value.kind === 'string' && [...value.bytes]).toEqual([0xff, 0x61]);
  });
});

describe('declarations', () => {
  const cases: { name: string; input: string; want: string }[] = [
    {
      name: 'file ID and file annotations',
      input: '@0xccd0890aa4926a9b;\n$foo("bar");\n$baz;',
      want: 'file @0xccd0890aa4926a9b $foo("bar") $baz { }',
    },
    {
      name: 'using',
      input:
        'using Foo = import "foo.capnp";\nusing import "bar.capnp".Bar;\nusing T = .Outer.Inner;',
      want: 'file { using Foo = import "foo.capnp"; using Bar = import "bar.capnp".Bar; using T = .Outer.Inner; }',
    },
    {
      name: 'const',
      input: 'const pi @0xd0c2a1b3c4d5e6f7 :Float64 = 3.14 $ann;',
      want: 'file { const pi @0xd0c2a1b3c4d5e6f7 :Float64 = 3.14f $ann; }',
    },
    {
      name: 'annotation declaration',
      input:
        'annotation foo(struct, field) :Text;\nannotation all @0xa0b1c2d3e4f56789 (*) :Void $bar;',
      want:
        'file { annotation foo(struct, field) :Text; annotation all @0xa0b1c2d3e4f56789' +
        '(file, const, enum, enumerant, struct, field, union, group, interface, method, param, annotation)' +
        ' :Void $bar; }',
    },
    {
      name: 'enum',
      input: 'enum Color $a { red @0; green @1 $b(1); blue @2; }',
      want: 'file { enum Color $a { red @0; green @1 $b(1); blue @2; } }',
    },
    {
      name: 'struct with fields and defaults',
      input:
        'struct Foo @0x8000000000000001 { a @0 :Int32 = -1 $x; b @1 :List(Text) = ["a"]; c @2 :Bar = (x = 1); }',
      want:
        'file { struct Foo @0x8000000000000001 { a @0 :Int32 = -1 $x; b @1 :List(Text) = ["a"];' +
        ' c @2 :Bar = (x = 1); } }',
    },
    {
      name: 'generic struct',
      input: 'struct Map(Key, Value) { entries @0 :List(Entry); struct Entry { key @0 :Key; } }',
      want: 'file { struct Map(Key, Value) { entries @0 :List(Entry); struct Entry { key @0 :Key; } } }',
    },
    {
      name: 'unions and groups',
      input:
        'struct S { u :union $a { x @0 :Void; y @1 :Void; } union { p @2 :Void; q @3 :Void; }' +
        ' old @4! :union { m @5 :Void; n @6 :Void; } g :group $b { h @7 :Void; } }',
      want:
        'file { struct S { u :union $a { x @0 :Void; y @1 :Void; } union { p @2 :Void; q @3 :Void; }' +
        ' old @4! :union { m @5 :Void; n @6 :Void; } g :group $b { h @7 :Void; } } }',
    },
    {
      name: 'declarations nested in a struct',
      input:
        'struct S { using T = Text; const k :T = "k"; annotation a(*) :Void; enum E {} struct N {} interface I {} }',
      want:
        'file { struct S { using T = Text; const k :T = "k"; annotation a(file, const, enum, enumerant,' +
        ' struct, field, union, group, interface, method, param, annotation) :Void; enum E { } struct N { }' +
        ' interface I { } } }',
    },
    {
      name: 'interface',
      input:
        'interface Foo(T) extends(Bar, import "b.capnp".Baz(T)) $a {\n' +
        '  get @0 (key :Text = "k" $p, n :UInt32) -> (value :T);\n' +
        '  put @1 Params -> Results;\n' +
        '  fire @2 () $m;\n' +
        '  send @3 (x :Data) -> stream;\n' +
        '  gen @4 [U, V] (u :U) -> Box(V);\n' +
        '  struct Params {}\n' +
        '}',
      want:
        'file { interface Foo(T) extends(Bar, import "b.capnp".Baz(T)) $a {' +
        ' get @0 (key :Text = "k" $p, n :UInt32) -> (value :T);' +
        ' put @1 Params -> Results; fire @2 () $m; send @3 (x :Data) -> stream;' +
        ' gen @4 [U, V] (u :U) -> Box(V); struct Params { } } }',
    },
    {
      name: 'stream before -> parses (a later stage rejects it)',
      input: 'interface I { m @0 stream; }',
      want: 'file { interface I { m @0 stream; } }',
    },
    {
      name: 'annotation values',
      input: 'struct S $a $b() $c(1) $d(x = 1, y = 2) $e(1, 2) $f.g(3) $h(1).i {}',
      want: 'file { struct S $a $b(()) $c(1) $d((x = 1, y = 2)) $e((1, 2)) $f.g(3) $h(1).i { } }',
    },
    {
      name: 'declarations a later stage rejects still parse',
      input: 'struct S { g :group { struct Inner {} } u :union { union { a @0 :Void; } } }',
      want: 'file { struct S { g :group { struct Inner { } } u :union { union { a @0 :Void; } } } }',
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const got = showDeclaration(parseClean(input));
    expect(got, `got\n${got}\nwant\n${want}`).toBe(want);
  });

  it('locates names, IDs, ordinals and statements', () => {
    const text =
      '@0xccd0890aa4926a9b;\nstruct Foo @0x8000000000000001 (T) {\n  field @12 :T;  # doc\n  union {\n    a @0 :Void;\n    b @1 :Void;\n  }\n}\n';
    const ast = parseClean(text);
    expect(ast.id && textAt(text, ast.id)).toBe('0xccd0890aa4926a9b');
    const foo = ast.nestedDecls[0];
    if (foo?.kind !== 'struct') throw new Error('want a struct');
    expect(textAt(text, foo.name)).toBe('Foo');
    expect(foo.id && textAt(text, foo.id)).toBe('0x8000000000000001');
    expect(foo.parameters?.map((p) => textAt(text, p))).toEqual(['T']);
    expect(textAt(text, foo)).toBe(text.slice(text.indexOf('struct'), -1));
    const [field, union] = foo.nestedDecls;
    if (field?.kind !== 'field' || union?.kind !== 'union')
      throw new Error('want a field and a union');
    expect(textAt(text, field.name)).toBe('field');
    expect(textAt(text, field.ordinal)).toBe('12');
    expect(textAt(text, field.type)).toBe('T');
    expect(textAt(text, field)).toBe('field @12 :T;  # doc\n');
    expect(field.docComment).toBe('doc\n');
    expect([union.name.value, textAt(text, union.name)]).toEqual(['', 'union']);
  });

  it('locates methods, params and param lists', () => {
    const text = 'interface I { m @3 [X] (a :X = 1 $p, b :Int32) -> Out; }';
    const iface = parseClean(text).nestedDecls[0];
    const m = iface?.kind === 'interface' ? iface.nestedDecls[0] : undefined;
    if (m?.kind !== 'method') throw new Error('want a method');
    expect(textAt(text, m.ordinal)).toBe('3');
    expect(m.implicitParameters?.map((p) => textAt(text, p))).toEqual(['X']);
    expect(textAt(text, m.params)).toBe('(a :X = 1 $p, b :Int32)');
    const params = m.params.kind === 'named' ? m.params.params : [];
    expect(params.map((p) => textAt(text, p))).toEqual(['a :X = 1 $p', 'b :Int32']);
    expect(params[0]?.annotations.map((a) => textAt(text, a))).toEqual(['$p']);
    expect(m.results && textAt(text, m.results)).toBe('Out');
  });

  it('gives the file the doc comment after its ID', () => {
    const ast = parseClean(
      '# ignored\n@0xccd0890aa4926a9b;  # file doc\n# more\n\nstruct A {} # a',
    );
    expect(ast.docComment).toBe('file doc\nmore\n');
    expect(ast.nestedDecls[0]?.docComment).toBe('a\n');
  });

  it('keeps the first file ID', () => {
    const { ast, errors } = parse('@0x8000000000000001;\n@0x8000000000000002; # no\n');
    expect(ast.id?.value).toBe(0x8000000000000001n);
    expect(ast.docComment).toBeUndefined();
    expect(errors).toEqual(['x.capnp:2: error: File can only have one ID.']);
  });

  it('leaves a missing file ID to later stages', () => {
    const { ast, errors } = parse('struct A {}');
    expect([ast.id, errors]).toEqual([undefined, []]);
  });

  it('collects annotation targets', () => {
    const text = 'annotation a(param, file, *) :Void;';
    const { ast, errors } = parse(text);
    const decl = ast.nestedDecls[0];
    if (decl?.kind !== 'annotation') throw new Error('want an annotation');
    expect(decl.targetNames.map((t) => textAt(text, t))).toEqual(['param', 'file', '*']);
    expect(Object.values(decl.targets).every((on) => on)).toBe(true);
    expect(errors).toEqual([
      'x.capnp:1:27-28: error: Wildcard should not be specified together with other targets.',
    ]);
  });
});

describe('what the reference leaves behind after errors', () => {
  const cases: { name: string; input: string; want: string; errors: number }[] = [
    {
      name: 'failed list element',
      input: 'const x :T = [1, 2 3];',
      want: 'file { const x :T = [1, <unknown>]; }',
      errors: 1,
    },
    {
      name: 'failed tuple element',
      input: 'const x :T = (a = 1, $);',
      want: 'file { const x :T = (a = 1, <unknown>); }',
      errors: 1,
    },
    {
      name: 'failed generic parameter',
      input: 'struct S(T, 1) {}',
      want: 'file { struct S(T, ) { } }',
      errors: 1,
    },
    {
      name: 'failed superclass',
      input: 'interface I extends(1 2) {}',
      want: 'file { interface I extends(<unknown>) { } }',
      errors: 1,
    },
    {
      name: 'failed parameter',
      input: 'interface I { m @0 (x) -> (); }',
      want: 'file { interface I { m @0 ( :<unknown>) -> (); } }',
      errors: 1,
    },
    {
      name: 'failed annotation target',
      input: 'annotation a(struct, 1) :Void;',
      want: 'file { annotation a(struct) :Void; }',
      errors: 1,
    },
    {
      name: 'a bad statement is dropped',
      input: 'struct A {}\nstruct ;\nstruct B {}',
      want: 'file { struct A { } struct B { } }',
      errors: 1,
    },
    {
      name: 'a block on a line statement is not parsed',
      input: 'const k :T = 1 { bad; }',
      want: 'file { const k :T = 1; }',
      errors: 1,
    },
    {
      name: 'a line statement that needs a block',
      input: 'struct A;',
      want: 'file { struct A { } }',
      errors: 1,
    },
    {
      name: 'v0.3 union syntax still parses',
      input: 'struct S { u @0 union { a @1 :Void; b @2 :Void; } }',
      want: 'file { struct S { u @0! :union { a @1 :Void; b @2 :Void; } } }',
      errors: 2,
    },
  ];
  it.each(cases)('$name', ({ input, want, errors }) => {
    const result = parse(input);
    const got = showDeclaration(result.ast);
    expect(got, `got\n${got}\nwant\n${want}`).toBe(want);
    expect(result.errors, `errors: ${result.errors.join('; ')}`).toHaveLength(errors);
  });

  it('gives the value tuple of an annotation no location, like the reference', () => {
    const text = 'struct S $a(x = 1) $b(2) {}';
    const s = parseClean(text).nestedDecls[0];
    const [a, b] = s?.annotations ?? [];
    expect(a?.value && [a.value.kind, a.value.start, a.value.end]).toEqual(['tuple', 0, 0]);
    expect(b?.value && textAt(text, b.value)).toBe('2');
    expect(a && textAt(text, a)).toBe('$a(x = 1)');
  });

  it('names a using without = after its member, or leaves it unnamed', () => {
    const { ast, errors } = parse('using .Foo;\nusing Foo.Bar;');
    const [bad, good] = ast.nestedDecls;
    expect(bad && [bad.name.value, bad.name.start, bad.name.end]).toEqual(['', 0, 0]);
    expect(good?.name.value).toBe('Bar');
    expect(errors).toEqual([
      "x.capnp:1:7-11: error: 'using' declaration without '=' must specify a named declaration from a different scope.",
    ]);
  });
});

describe('hostile input', () => {
  const cases: { name: string; input: () => string; code: Diagnostic['code'] | undefined }[] = [
    {
      name: '100 000 nested parentheses',
      input: () => `const x :T = ${'('.repeat(1e5)}1${')'.repeat(1e5)};`,
      code: 'limit',
    },
    {
      name: '100 000 nested brackets',
      input: () => `const x :T = ${'['.repeat(1e5)}${']'.repeat(1e5)};`,
      code: 'limit',
    },
    {
      name: '100 000 nested blocks',
      input: () => `${'struct A {'.repeat(1e5)}${'}'.repeat(1e5)}`,
      code: 'limit',
    },
    {
      name: 'a long member chain',
      input: () => `const x :T = a${'.a'.repeat(1e5)};`,
      code: 'limit',
    },
    {
      name: 'a long application chain',
      input: () => `const x :T = a${'()'.repeat(1e5)};`,
      code: 'limit',
    },
    {
      name: 'an integer of a million digits',
      input: () => `const x :T = ${'9'.repeat(1e6)};`,
      code: undefined,
    },
    {
      name: 'an unterminated 10 MB string',
      input: () => `const x :T = "${'a'.repeat(1e7)}`,
      code: 'parse-error',
    },
    {
      name: 'a 10 MB schema',
      input: () =>
        `@0xccd0890aa4926a9b;\n${'struct Foo { a @0 :Text; b @1 :List(Int32) = [1, 2]; }  # doc\n'.repeat(160_000)}`,
      code: undefined,
    },
  ];
  it.each(cases)(
    'survives $name',
    ({ input, code }) => {
      const result = parseFile(new SourceFile('x.capnp', input()));
      expect(result.diagnostics.map((d) => d.code)).toEqual(code === undefined ? [] : [code]);
    },
    60_000,
  );

  it(`accepts expressions ${MAX_EXPRESSION_DEPTH} levels deep`, () => {
    const { errors } = parse(`const x :T = a${'.a'.repeat(MAX_EXPRESSION_DEPTH - 1)};`);
    expect(errors).toEqual([]);
  });

  it('reports the limit once and goes on with the next statement', () => {
    const { ast, errors } = parse(
      `const x :T = a${'.a'.repeat(MAX_EXPRESSION_DEPTH)};\nstruct B {}`,
    );
    expect(errors).toEqual([
      `x.capnp:1:${14 + 2 * MAX_EXPRESSION_DEPTH}-${15 + 2 * MAX_EXPRESSION_DEPTH}: error: Expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep.`,
    ]);
    expect(ast.nestedDecls.map((d: Declaration) => d.kind)).toEqual(['struct']);
  });
});

describe('public API', () => {
  it('exports the front end from the package', async () => {
    const api = await import('@capnp-kit/compiler');
    expect(typeof api.parseFile).toBe('function');
    expect(typeof api.lex).toBe('function');
    expect(api.MAX_NESTING_DEPTH).toBe(256);
    expect(api.MAX_EXPRESSION_DEPTH).toBe(512);
  });
});
