import type { Node } from '@capnp-kit/compiler/schema';
import { constType } from './const-types.js';
import { docComment, propertyKey } from './identifiers.js';
import type { At, TypeWriter } from './type-writer.js';

/**
 * The properties a type object (a struct type, an enum, an interface) or the module object has
 * for the declarations nested in its node (see module-object.ts: `#attachNested`): nested types
 * as their type objects, constants as their values, annotations as declaration objects. A
 * nested declaration whose name the object already has as its own property is not reachable,
 * and is left out (`hidden`).
 */
export function valueProperties(
  w: TypeWriter,
  node: Node,
  at: At,
  hidden: ReadonlySet<string>,
): string[] {
  const index = w.index;
  const out: string[] = [];
  for (const nested of node.nestedNodes ?? []) {
    const child = index.nodes.get(nested.id);
    if (child === undefined || hidden.has(nested.name) || nested.name === 'schema') continue;
    out.push(...docComment(index.doc(child.id), '  '));
    out.push(`  readonly ${propertyKey(nested.name)}: ${valueType(w, child, at)};`);
  }
  return out;
}

/** The type of the value the runtime makes for declaration `node`, seen from `at`. */
export function valueType(w: TypeWriter, node: Node, at: At): string {
  const index = w.index;
  switch (node.which) {
    case 'struct':
    case 'interface': {
      const own = index.ownParams(node.id);
      if (own.length > 0) {
        const outer = index.place(node.id).params.filter((p) => p.scopeId !== node.id);
        const ref = w.ref(node.id, '$Type', inheritAll(w, at), at);
        const path = ref.slice(0, ref.indexOf('$Type'));
        const names = outer.map((p) => p.name);
        return `${path}$Generic${names.length === 0 ? '' : `<${names.join(', ')}>`}`;
      }
      return w.ref(node.id, '$Type', inheritAll(w, at), at);
    }
    case 'enum':
      return w.ref(node.id, '$Type', null, at);
    case 'const':
      return constType(w, node, at);
    default:
      return '$.AnnotationObject';
  }
}

// The brand of a nested declaration seen from its parent: the parent's parameters passed on.
function inheritAll(w: TypeWriter, at: At) {
  const scopes = [...new Set(w.index.place(at.node).params.map((p) => p.scopeId))];
  return scopes.length === 0
    ? null
    : { scopes: scopes.map((scopeId) => ({ scopeId, which: 'inherit' as const })) };
}
