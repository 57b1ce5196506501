import type ts from 'typescript';

/**
 * The module specifiers of a source file that name `.capnp` files: in import and export
 * declarations, `import x = require(…)`, `import(…)` calls and `import(…)` types.
 */
export function capnpImports(typescript: typeof ts, source: ts.SourceFile): ts.StringLiteral[] {
  const out: ts.StringLiteral[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node !== undefined && typescript.isStringLiteral(node) && node.text.endsWith('.capnp'))
      out.push(node);
  };
  const visit = (node: ts.Node): void => {
    if (typescript.isImportDeclaration(node) || typescript.isExportDeclaration(node)) {
      add(node.moduleSpecifier);
    } else if (
      typescript.isImportEqualsDeclaration(node) &&
      typescript.isExternalModuleReference(node.moduleReference)
    ) {
      add(node.moduleReference.expression);
    } else if (
      typescript.isCallExpression(node) &&
      node.expression.kind === typescript.SyntaxKind.ImportKeyword
    ) {
      add(node.arguments[0]);
    } else if (typescript.isImportTypeNode(node) && typescript.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
