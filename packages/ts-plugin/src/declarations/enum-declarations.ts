import type { Node } from '@capnp-kit/compiler/schema';
import { docComment, propertyKey, stringLiteral } from './identifiers.js';
import type { TypeWriter } from './type-writer.js';
import { valueProperties } from './value-properties.js';

/**
 * An enum is a type alias of its enumerant names, declared beside its namespace
 * (`Person.PhoneNumber.Type` is `'mobile' | 'home' | 'work'`); the namespace holds `$Values`
 * and, for enums of the requested file, `$Type`: the enum object, enumerant names mapped to
 * their ordinals (module-object.ts: `enumType`).
 */

type EnumNode = Node & { which: 'enum' };

/** The alias of the enumerant names, for the namespace that holds the enum's. */
export function enumAlias(node: EnumNode): string {
  const names = node.enum.enumerants.map((e) => stringLiteral(e.name));
  return names.length === 0 ? 'never' : names.join(' | ');
}

/** The declarations inside an enum's namespace. */
export function enumDeclarations(w: TypeWriter, node: EnumNode, local: boolean): string[] {
  const self = w.ref(node.id, null, null, { node: node.id });
  const out = [`type $Values = $.EnumValues<${self}>;`];
  if (!local) return out;
  out.push(`interface $Type extends $.EnumTypeOf<${self}> {`);
  const enumerants = new Set<string>();
  node.enum.enumerants.forEach((e, i) => {
    enumerants.add(e.name);
    // The enum object's `schema` property is defined after the enumerants: it wins.
    if (e.name === 'schema') return;
    out.push(...docComment(w.index.doc(node.id, i), '  '));
    out.push(`  readonly ${propertyKey(e.name)}: ${i};`);
  });
  out.push(...valueProperties(w, node, { node: node.id }, enumerants), '}');
  return out;
}
