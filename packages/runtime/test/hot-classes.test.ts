import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The classes of which reading or building a message makes an object per struct, list, group or
 * pointer field declare no private methods or accessors. V8 stamps every instance of a class
 * with such members with a private brand while constructing it, which made constructing a
 * struct builder (each list element and group of a message built field by field) about three
 * times as slow. Private fields are fine: they are stored like any other field.
 */

const packages = join(import.meta.dirname, '../..');
const HOT: Record<string, readonly string[]> = {
  'wire/src/reader.ts': ['StructReader', 'ListReader'],
  'wire/src/builder.ts': ['StructBuilder', 'ListBuilder'],
  'runtime/src/struct-base.ts': ['StructReaderBase', 'StructBuilderBase'],
  'runtime/src/list-base.ts': ['ListReaderBase', 'ListBuilderBase'],
  'runtime/src/any-pointer.ts': ['AnyPointerReader', 'AnyPointerBuilder'],
};

/** Names of the private methods and accessors of each class declared in `file`. */
function privateMembers(file: string): Map<string, string[]> {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(packages, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const found = new Map<string, string[]>();
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || statement.name === undefined) continue;
    const names = statement.members
      .filter(
        (m) =>
          (ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) &&
          m.name !== undefined &&
          ts.isPrivateIdentifier(m.name),
      )
      .map((m) => (m.name as ts.PrivateIdentifier).text);
    found.set(statement.name.text, names);
  }
  return found;
}

describe('classes constructed per field access', () => {
  for (const [file, classes] of Object.entries(HOT)) {
    it(`${classes.join(', ')} (${file}) have no private methods or accessors`, () => {
      const members = privateMembers(file);
      for (const name of classes) {
        expect(members.has(name), `${name} is declared in ${file}`).toBe(true);
        expect(members.get(name), name).toEqual([]);
      }
    });
  }

  it('the check finds private methods where a class has them', () => {
    // MessageReader (one per message, not hot) keeps its slow charging path private.
    expect(privateMembers('wire/src/reader.ts').get('MessageReader')).toEqual(['#chargeSlow']);
  });
});
