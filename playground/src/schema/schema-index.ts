import type { Node } from '@capnp-kit/compiler/schema';
import type { LoadedModule, StructSchema, StructType } from '@capnp-kit/runtime';

/** A struct a message can have as its root, named by its path in the file (`Person.PhoneNumber`). */
export interface RootChoice {
  readonly name: string;
  readonly type: StructType;
}

/** What the playground needs of a loaded schema file: its structs, and its nodes by ID. */
export interface SchemaIndex {
  readonly structs: readonly RootChoice[];
  readonly lookup: (id: bigint) => Node | undefined;
}

interface Declaration {
  readonly schema?: { readonly which?: string };
}

function isDeclaration(value: unknown): value is Declaration & Record<string, unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    'schema' in value
  );
}

function addGroups(schema: StructSchema, nodes: Map<bigint, Node>): void {
  nodes.set(schema.id, schema.node);
  for (const name of schema.fieldNames) {
    const group = schema.fields[name]?.group;
    if (group !== undefined) addGroups(group, nodes);
  }
}

/**
 * Indexes a loaded schema file: every struct declared in it, nested ones included, in
 * declaration order, and the nodes of its structs, groups and enums (plus `extraNodes`, e.g.
 * a whole CodeGeneratorRequest's, which also covers imported files).
 */
export function indexModule(module: LoadedModule, extraNodes: readonly Node[] = []): SchemaIndex {
  const structs: RootChoice[] = [];
  const nodes = new Map<bigint, Node>();
  for (const node of extraNodes) nodes.set(node.id, node);
  const seen = new Set<unknown>();
  const walk = (scope: Record<string, unknown>, prefix: string): void => {
    for (const key of Object.keys(scope)) {
      const value = scope[key];
      if (!isDeclaration(value) || seen.has(value)) continue;
      seen.add(value);
      const schema = value.schema as { which?: string; id?: bigint; node?: Node };
      if (schema.which === 'struct') {
        structs.push({ name: `${prefix}${key}`, type: value as unknown as StructType });
        addGroups(schema as StructSchema, nodes);
      } else if (schema.which === 'enum' && schema.node !== undefined && schema.id !== undefined) {
        nodes.set(schema.id, schema.node);
        continue;
      }
      walk(value, `${prefix}${key}.`);
    }
  };
  walk(module, '');
  return { structs, lookup: (id) => nodes.get(id) };
}
