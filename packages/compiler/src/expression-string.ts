import { C_ESCAPES, encodeUtf8 } from '@capnp-kit/wire';
import type { Expression, TupleElement } from './ast.js';

/**
 * An expression written back as text, the way the reference prints it in error messages
 * (`'Foo.bar' is not a type.`), quirks included: an application prints as `Foo(( Text ))`.
 */
export function expressionString(e: Expression): string {
  switch (e.kind) {
    case 'unknown':
      return '<parse error>';
    case 'positiveInt':
      return e.value.toString();
    case 'negativeInt':
      return `-${e.value.toString()}`;
    case 'float':
      return floatString(e.value);
    case 'string':
      return stringLiteral(e.bytes);
    case 'binary':
      return binaryLiteral(e.value);
    case 'relativeName':
      return e.name.value;
    case 'absoluteName':
      return `.${e.name.value}`;
    case 'import':
      return `import ${stringLiteral(encodeUtf8(e.path.value))}`;
    case 'embed':
      return `embed ${stringLiteral(encodeUtf8(e.path.value))}`;
    case 'list':
      return `[ ${e.elements.map(expressionString).join(', ')} ]`;
    case 'tuple':
      return tupleString(e.elements);
    case 'application':
      return `${expressionString(e.function)}(${tupleString(e.params)})`;
    case 'member':
      return `${expressionString(e.parent)}.${e.name.value}`;
  }
}

function tupleString(elements: readonly TupleElement[]): string {
  const parts = elements.map((p) =>
    p.name ? `${p.name.value} = ${expressionString(p.value)}` : expressionString(p.value),
  );
  return `( ${parts.join(', ')} )`;
}

function floatString(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Number.POSITIVE_INFINITY) return 'inf';
  if (v === Number.NEGATIVE_INFINITY) return '-inf';
  return String(v);
}

function stringLiteral(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    out +=
      C_ESCAPES[b] ??
      (b < 0x20 || b >= 0x7f ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b));
  }
  return `${out}"`;
}

function binaryLiteral(bytes: Uint8Array): string {
  return `0x"${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}"`;
}
