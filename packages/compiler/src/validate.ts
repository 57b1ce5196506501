import type { Node } from './schema/model.js';

/**
 * The checks the reference's schema loader makes on every node the compiler produces
 * (schema-loader.c++ `Validator`). A schema that parses and translates cleanly can still fail
 * them — a retroactively unionized field whose union is first touched by a lower ordinal leaves
 * the field list out of ordinal order — and the reference then reports an "internal compiler
 * bug" at the declaration. Returns that report's text, or undefined if the node is valid.
 */
export function validateNode(node: Node): string | undefined {
  if (node.which !== 'struct') return undefined;
  const nodeContext = `capnp/schema-loader.c++:222: context: validating schema node; nodeName = ${node.displayName}; (uint)node.which() = 1`;
  let nextOrdinal = 0;
  for (const field of node.struct.fields ?? []) {
    if (field.ordinal === null) continue;
    if (field.ordinal < nextOrdinal) {
      return [
        nodeContext,
        `capnp/schema-loader.c++:339: context: validating struct field; field.getName() = ${field.name}`,
        `capnp/schema-loader.c++:349: failed: expected ordinal.getExplicit() >= nextOrdinal [${field.ordinal} >= ${nextOrdinal}]; fields were not ordered by ordinal`,
      ].join('\n');
    }
    nextOrdinal = field.ordinal + 1;
  }
  return undefined;
}
