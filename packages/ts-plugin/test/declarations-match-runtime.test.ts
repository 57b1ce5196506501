import { join } from 'node:path';
import { load } from '@capnp-kit/runtime';
import { schemaDeclarations } from '@capnp-kit/ts-plugin';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ADDRESSBOOK, REPO, readIfExists } from './scratch.js';

/**
 * The declarations describe the objects the runtime makes: for each schema, the module's
 * properties, the named exports, the constants' literal types, the enums' ordinals and the
 * nested declarations of every type object are checked against what `load()` gives.
 */

const SCHEMAS = [
  ADDRESSBOOK,
  join(REPO, 'examples/calculator/calculator.capnp'),
  join(REPO, 'packages/ts-plugin/test-d/constructs.capnp'),
];

function declarations(path: string): ts.SourceFile {
  const result = schemaDeclarations(path, { readFile: readIfExists, cwd: REPO });
  if (!result.ok) throw result.error;
  return ts.createSourceFile('x.d.ts', result.text, ts.ScriptTarget.Latest, true);
}

/** The members of interface `name` directly in `statements` (own members, not inherited). */
function members(statements: readonly ts.Statement[], name: string): ts.TypeElement[] {
  for (const s of statements)
    if (ts.isInterfaceDeclaration(s) && s.name.text === name) return [...s.members];
  return [];
}

function memberName(m: ts.TypeElement): string {
  const name = m.name;
  if (name === undefined) return '';
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();
}

/** The value a literal type stands for, or `undefined` if it is not a literal type. */
function literalValue(type: ts.TypeNode | undefined): { value: unknown } | undefined {
  if (type === undefined) return undefined;
  if (ts.isLiteralTypeNode(type)) {
    const lit = type.literal;
    if (lit.kind === ts.SyntaxKind.NullKeyword) return { value: null };
    if (lit.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
    if (lit.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
    if (ts.isStringLiteral(lit)) return { value: lit.text };
    if (ts.isNumericLiteral(lit)) return { value: Number(lit.text) };
    if (ts.isBigIntLiteral(lit)) return { value: BigInt(lit.text.slice(0, -1)) };
    if (ts.isPrefixUnaryExpression(lit) && lit.operator === ts.SyntaxKind.MinusToken) {
      const inner = lit.operand;
      if (ts.isNumericLiteral(inner)) return { value: -Number(inner.text) };
      if (ts.isBigIntLiteral(inner)) return { value: -BigInt(inner.text.slice(0, -1)) };
    }
  }
  return undefined;
}

/** Every namespace of the declarations with its path (`Person.PhoneNumber`), outside `$imports`. */
function namespaces(source: ts.SourceFile): { path: string[]; body: readonly ts.Statement[] }[] {
  const out: { path: string[]; body: readonly ts.Statement[] }[] = [];
  const visit = (statements: readonly ts.Statement[], path: string[]) => {
    for (const s of statements) {
      if (!ts.isModuleDeclaration(s) || s.name.text === '$imports') continue;
      const body = s.body !== undefined && ts.isModuleBlock(s.body) ? s.body.statements : [];
      const inner = [...path, s.name.text];
      out.push({ path: inner, body });
      visit(body, inner);
    }
  };
  visit(source.statements, []);
  return out;
}

describe.each(SCHEMAS)('the declarations of %s', (path) => {
  const source = declarations(path);
  const module = load(path) as unknown as Record<string, unknown>;

  it('give the module object its properties', () => {
    const declared = members(source.statements, '$Module').map(memberName);
    expect(declared.filter((n) => n !== 'schema').sort()).toEqual(Object.keys(module).sort());
  });

  it('export every top-level declaration by name', () => {
    const exported = new Set<string>();
    for (const s of source.statements) {
      const isExported = ts
        .getModifiers(s as ts.HasModifiers)
        ?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (ts.isVariableStatement(s) && isExported)
        for (const d of s.declarationList.declarations) exported.add(d.name.getText());
      if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause))
        for (const e of s.exportClause.elements) exported.add(e.name.text);
    }
    expect([...exported].sort()).toEqual(
      Object.keys(module)
        .filter((n) => n !== 'default')
        .sort(),
    );
  });

  it('give constants their values as literal types', () => {
    let checked = 0;
    for (const m of members(source.statements, '$Module')) {
      const literal = ts.isPropertySignature(m) ? literalValue(m.type) : undefined;
      if (literal === undefined) continue;
      expect(module[memberName(m)], memberName(m)).toStrictEqual(literal.value);
      checked++;
    }
    for (const ns of namespaces(source)) {
      const object = ns.path.reduce<unknown>(
        (o, key) => (o as Record<string, unknown> | undefined)?.[key],
        module,
      ) as Record<string, unknown> | undefined;
      for (const m of members(ns.body, '$Type')) {
        const literal = ts.isPropertySignature(m) ? literalValue(m.type) : undefined;
        if (literal === undefined || object === undefined) continue;
        expect(object[memberName(m)], `${ns.path.join('.')}.${memberName(m)}`).toStrictEqual(
          literal.value,
        );
        checked++;
      }
    }
    if (path.endsWith('constructs.capnp')) expect(checked).toBeGreaterThan(5);
  });

  it('give every type object its nested declarations (and enums their enumerants)', () => {
    let checked = 0;
    for (const ns of namespaces(source)) {
      const type = members(ns.body, '$Type');
      if (
        type.length === 0 &&
        !ns.body.some((s) => ts.isInterfaceDeclaration(s) && s.name.text === '$Type')
      )
        continue;
      const object = ns.path.reduce<unknown>(
        (o, key) => (o as Record<string, unknown> | undefined)?.[key],
        module,
      ) as Record<string, unknown>;
      expect(object, ns.path.join('.')).toBeDefined();
      expect(type.map(memberName).sort(), ns.path.join('.')).toEqual(Object.keys(object).sort());
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
