/**
 * Names in generated TypeScript. Cap'n Proto names are identifiers without `_` or `$`
 * (the compiler enforces it), so every name the generator makes up for itself contains a `$`
 * and can never clash with a schema name.
 */

// Words that cannot name a namespace, variable or type (reserved words, strict-mode reserved
// words, and the type names TypeScript reserves).
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with implements interface let package private protected ' +
    'public static yield await arguments eval any boolean never number object string symbol ' +
    'bigint unknown undefined'
  ).split(' '),
);

/** True if `name` can be declared as it is (a namespace, `const` or type of that name). */
export function isDeclarableName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/** `name` if it can be declared, else `name$` (unique: schema names contain no `$`). */
export function declarableName(name: string): string {
  return isDeclarableName(name) ? name : `${name}$`;
}

/** A property key for `name`: the name itself, or a string literal where it must be quoted. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A string literal type. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/**
 * A doc comment for `text` at indentation `indent`, or nothing. `*\/` in the text is broken up
 * so that a schema comment cannot end the comment early.
 */
export function docComment(text: string | null | undefined, indent: string): string[] {
  if (text === null || text === undefined) return [];
  const lines = text
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [
    `${indent}/**`,
    ...lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)),
    `${indent} */`,
  ];
}
