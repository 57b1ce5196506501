/**
 * Compact text forms of tokens, statements and syntax trees, so table-driven tests can state what
 * they want in one readable string.
 */
import type {
  AnnotationApplication,
  Declaration,
  Expression,
  Located,
  Param,
  ParamList,
  TupleElement,
} from '../src/ast.js';
import type { Statement, Token } from '../src/lexer.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Tokens as `ident op int float "string" 0x"hex" (a, b) [c]`. */
export function showTokens(tokens: readonly Token[]): string {
  return tokens.map(showToken).join(' ');
}

function showToken(token: Token): string {
  switch (token.kind) {
    case 'identifier':
    case 'operator':
      return token.value;
    case 'integer':
      return `${token.value}n`;
    case 'float':
      return `${Object.is(token.value, -0) ? '-0' : token.value}f`;
    case 'string':
      return JSON.stringify(token.value);
    case 'binary':
      return `0x"${hex(token.value)}"`;
    case 'parenthesizedList':
      return `(${token.items.map(showTokens).join(', ')})`;
    case 'bracketedList':
      return `[${token.items.map(showTokens).join(', ')}]`;
  }
}

/** Statements as `tokens;` or `tokens { … }`, doc comments as `#"text"`. */
export function showStatements(statements: readonly Statement[]): string {
  return statements
    .map((s) => {
      const doc = s.docComment === undefined ? '' : ` #${JSON.stringify(s.docComment)}`;
      const body = s.block === undefined ? ';' : ` { ${showStatements(s.block)} }`;
      return `${showTokens(s.tokens)}${body}${doc}`.trim();
    })
    .join(' ');
}

/** An expression in (roughly) schema syntax: `List(Text)`, `.a.b`, `(x = 1, 2)`, `-5`. */
export function showExpression(e: Expression): string {
  switch (e.kind) {
    case 'unknown':
      return '<unknown>';
    case 'positiveInt':
      return `${e.value}`;
    case 'negativeInt':
      return `-${e.value}`;
    case 'float':
      return `${Object.is(e.value, -0) ? '-0' : e.value}f`;
    case 'string':
      return JSON.stringify(e.value);
    case 'binary':
      return `0x"${hex(e.value)}"`;
    case 'relativeName':
      return e.name.value;
    case 'absoluteName':
      return `.${e.name.value}`;
    case 'import':
    case 'embed':
      return `${e.kind} ${JSON.stringify(e.path.value)}`;
    case 'list':
      return `[${e.elements.map(showExpression).join(', ')}]`;
    case 'tuple':
      return `(${showElements(e.elements)})`;
    case 'application':
      return `${showExpression(e.function)}(${showElements(e.params)})`;
    case 'member':
      return `${showExpression(e.parent)}.${e.name.value}`;
  }
}

function showElements(elements: readonly TupleElement[]): string {
  return elements
    .map((p) => (p.name === undefined ? '' : `${p.name.value} = `) + showExpression(p.value))
    .join(', ');
}

function showAnnotations(annotations: readonly AnnotationApplication[]): string {
  return annotations
    .map((a) => {
      const value = a.value === undefined ? '' : `(${showExpression(a.value)})`;
      return ` $${showExpression(a.name)}${value}`;
    })
    .join('');
}

const showId = (id: Located<bigint> | undefined) =>
  id === undefined ? '' : ` @0x${id.value.toString(16)}`;
const showNames = (names: readonly Located<string>[] | undefined, open = '(', close = ')') =>
  names === undefined ? '' : `${open}${names.map((n) => n.value).join(', ')}${close}`;

function showParamList(list: ParamList): string {
  switch (list.kind) {
    case 'named':
      return `(${list.params.map(showParam).join(', ')})`;
    case 'type':
      return showExpression(list.type);
    case 'stream':
      return 'stream';
  }
}

function showParam(p: Param): string {
  const value = p.defaultValue === undefined ? '' : ` = ${showExpression(p.defaultValue)}`;
  return `${p.name.value} :${showExpression(p.type)}${value}${showAnnotations(p.annotations)}`;
}

/** A declaration in schema syntax, one line, nested members in `{ … }`. */
export function showDeclaration(d: Declaration): string {
  const ann = 'annotations' in d ? showAnnotations(d.annotations) : '';
  const nested = (decls: readonly Declaration[]) =>
    ` {${decls.map((m) => ` ${showDeclaration(m)}`).join('')} }`;
  switch (d.kind) {
    case 'file':
      return `file${showId(d.id)}${ann}${nested(d.nestedDecls)}`;
    case 'using':
      return `using ${d.name.value} = ${showExpression(d.target)};`;
    case 'const':
      return `const ${d.name.value}${showId(d.id)} :${showExpression(d.type)} = ${showExpression(d.value)}${ann};`;
    case 'annotation': {
      const targets = Object.entries(d.targets)
        .filter(([, on]) => on)
        .map(([t]) => t)
        .join(', ');
      return `annotation ${d.name.value}${showId(d.id)}(${targets}) :${showExpression(d.type)}${ann};`;
    }
    case 'enum':
      return `enum ${d.name.value}${showId(d.id)}${ann}${nested(d.nestedDecls)}`;
    case 'enumerant':
      return `${d.name.value} @${d.ordinal.value}${ann};`;
    case 'struct':
      return `struct ${d.name.value}${showId(d.id)}${showNames(d.parameters)}${ann}${nested(d.nestedDecls)}`;
    case 'field': {
      const value = d.defaultValue === undefined ? '' : ` = ${showExpression(d.defaultValue)}`;
      return `${d.name.value} @${d.ordinal.value} :${showExpression(d.type)}${value}${ann};`;
    }
    case 'union': {
      const ordinal = d.ordinal === undefined ? '' : ` @${d.ordinal.value}!`;
      const head = d.name.value === '' ? 'union' : `${d.name.value}${ordinal} :union`;
      return `${head}${ann}${nested(d.nestedDecls)}`;
    }
    case 'group':
      return `${d.name.value} :group${ann}${nested(d.nestedDecls)}`;
    case 'interface': {
      const supers =
        d.superclasses.length === 0
          ? ''
          : ` extends(${d.superclasses.map(showExpression).join(', ')})`;
      return `interface ${d.name.value}${showId(d.id)}${showNames(d.parameters)}${supers}${ann}${nested(d.nestedDecls)}`;
    }
    case 'method': {
      const results = d.results === undefined ? '' : ` -> ${showParamList(d.results)}`;
      return `${d.name.value} @${d.ordinal.value}${showNames(d.implicitParameters, ' [', ']')} ${showParamList(d.params)}${results}${ann};`;
    }
  }
}
