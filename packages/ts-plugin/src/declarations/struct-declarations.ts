import { type Field, lgSizeOf, NO_DISCRIMINANT, type Node } from '@capnp-kit/compiler/schema';
import { genericType } from './generic-type.js';
import { docComment, propertyKey, stringLiteral } from './identifiers.js';
import type { SchemaIndex } from './schema-index.js';
import { type At, CONFIG, type Role, type TypeWriter } from './type-writer.js';
import { valueProperties } from './value-properties.js';

/**
 * The types of a struct (or group): `Reader`, `Builder`, `Init` (the plain objects
 * `newMessage(init)` and setters take), `Object` (what `toObject()` gives), `Pipeline` (the
 * capabilities among its fields, for pipelined calls), `$Values`, and for structs of the
 * requested file the type of the struct type object, `$Type` (and `$Generic` for generic
 * structs, which are callable: `Box(Text)`). Each mirrors what the runtime's generated classes
 * do (struct-base.ts, accessors.ts, field-writers.ts, to-object.ts).
 */

type StructNode = Node & { which: 'struct' };

/**
 * What `which()` gives for a discriminant from a newer schema: a template literal type, written
 * in two pieces since it is TypeScript text, not a template of this code.
 */
const UNKNOWN_MEMBER = '`(unknown union member $' + '{number})`';

function fieldsOf(node: StructNode): readonly Field[] {
  return node.struct.fields ?? [];
}

/** True if the field is a pointer (set or not), rather than data or a group. */
function isPointer(f: Field): boolean {
  return f.which === 'slot' && lgSizeOf(f.slot.type) === -2;
}

/** The TypeScript type of field `f` of the struct at `at` in `role`. */
export function fieldType(w: TypeWriter, f: Field, role: Role, at: At): string {
  if (f.which === 'group') return w.struct(f.group.typeId, groupBrand(w, at), role, at, false);
  return w.type(f.slot.type, role, at);
}

// A group is referred to with the generic parameters of its struct passed on unchanged.
function groupBrand(w: TypeWriter, at: At) {
  const params = w.index.place(at.node).params;
  const scopes = [...new Set(params.map((p) => p.scopeId))].map((scopeId) => ({
    scopeId,
    which: 'inherit' as const,
  }));
  return scopes.length === 0 ? null : { scopes };
}

/**
 * True if the struct may have capabilities among its fields (interfaces and AnyPointers, directly
 * or in structs and groups): then it has a `Pipeline`.
 */
export function hasCapabilities(index: SchemaIndex, id: bigint, seen = new Set<bigint>()): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  const node = index.nodes.get(id);
  if (node?.which !== 'struct') return false;
  return fieldsOf(node).some((f) => {
    if (f.which === 'group') return hasCapabilities(index, f.group.typeId, seen);
    const t = f.slot.type;
    if (t.which === 'struct') return hasCapabilities(index, t.typeId, seen);
    return (
      t.which === 'interface' || (t.which === 'anyPointer' && t.anyPointer.which !== 'parameter')
    );
  });
}

/** The declarations inside a struct's namespace. `local`: also its type object's types. */
export function structDeclarations(w: TypeWriter, node: StructNode, local: boolean): string[] {
  const index = w.index;
  const id = node.id;
  const at: At = { node: id };
  const h = (name: Parameters<SchemaIndex['helper']>[1]) => index.helper(id, name);
  const params = w.typeParams(id);
  const args = w.ownArgs(id);
  const fields = fieldsOf(node);
  const names =
    fields.length === 0 ? 'never' : fields.map((f) => stringLiteral(f.name)).join(' | ');
  const unionFields = fields.filter((f) => f.discriminantValue !== NO_DISCRIMINANT);
  const which =
    node.struct.discriminantCount === 0
      ? 'undefined'
      : [...unionFields.map((f) => stringLiteral(f.name)), UNKNOWN_MEMBER].join(' | ');
  const doc = (i: number, indent: string) => docComment(index.doc(id, i), indent);
  const objectArgs = (config: string) => w.ownArgs(id, config);
  const toObject = [
    `  /** This struct as a plain object (pycapnp's \`to_dict\`): see \`ToObjectOptions\`. */`,
    `  toObject(): ${h('Object')}${args};`,
    `  toObject<const $O extends Partial<$.ToObjectOptions>>(options: $O): ${h('Object')}${objectArgs('$.ToObjectConfigOf<$O>')};`,
  ];
  const out: string[] = [];

  out.push(
    `interface ${h('Reader')}${params} extends $.StructReader<${names}, ${which}, ${h('Builder')}${args}> {`,
  );
  fields.forEach((f, i) => {
    out.push(
      ...doc(i, '  '),
      `  readonly ${propertyKey(f.name)}: ${fieldType(w, f, 'reader', at)};`,
    );
  });
  out.push(...toObject, '}');

  out.push(
    `interface ${h('Builder')}${params} extends $.StructBuilder<${names}, ${which}, ${h('Reader')}${args}> {`,
  );
  fields.forEach((f, i) => {
    const key = propertyKey(f.name);
    out.push(
      ...doc(i, '  '),
      `  get ${key}(): ${fieldType(w, f, 'builder', at)};`,
      `  set ${key}(value: ${fieldType(w, f, 'init', at)});`,
    );
  });
  out.push(...initOverloads(w, fields, at), ...toObject, '}');

  out.push(`interface ${h('Init')}${params} {`);
  fields.forEach((f, i) => {
    out.push(...doc(i, '  '), `  ${propertyKey(f.name)}?: ${fieldType(w, f, 'init', at)};`);
  });
  out.push('}');

  out.push(
    ...objectType(
      w,
      node,
      at,
      w.typeParams(id, `${CONFIG} extends $.ToObjectConfig = $.DefaultToObjectConfig`),
    ),
  );

  if (hasCapabilities(index, id)) {
    out.push(`interface ${h('Pipeline')}${params} {`);
    for (const f of fields) {
      const pipelined = pipelineType(w, f, at);
      if (pipelined !== undefined) out.push(`  readonly ${propertyKey(f.name)}: ${pipelined};`);
    }
    out.push('}');
  }

  const values = `${h('Reader')}${args}, ${h('Builder')}${args}, ${h('Init')}${args}, ${h('Object')}${args}`;
  out.push(`type $Values${params} = $.StructValues<${values}>;`);
  // Groups and the param/result structs of methods are no values: they have no type object.
  const isValue = !node.struct.isGroup && index.place(id).method === undefined;
  if (local && isValue) {
    out.push(`interface $Type${params} extends $.StructTypeOf<${values}> {`);
    out.push(...valueProperties(w, node, at, STRUCT_TYPE_PROPERTIES), '}');
    const own = index.ownParams(id);
    if (own.length > 0) out.push(...genericType(w, id, 'struct'));
  }
  return out;
}

/**
 * Own properties of every struct type object (struct-type.ts): a nested declaration with one
 * of these names is not reachable as a property.
 */
const STRUCT_TYPE_PROPERTIES = new Set([
  'length',
  'name',
  'schema',
  'Reader',
  'Builder',
  'newMessage',
  'fromBytes',
  'fromBytesPacked',
  'fromSegments',
  'fromText',
  'fromJSON',
  'readMultipleBytes',
  'readMultipleBytesPacked',
  'read',
  'readPacked',
  'readMultiple',
  'readMultiplePacked',
]);

// `init(name, size?)`: which fields it initializes and what it returns (see Registry#init).
function initOverloads(w: TypeWriter, fields: readonly Field[], at: At): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const name = stringLiteral(f.name);
    if (f.which === 'group') {
      out.push(`  init(name: ${name}): ${fieldType(w, f, 'builder', at)};`);
      continue;
    }
    const t = f.slot.type;
    switch (t.which) {
      case 'struct':
        out.push(`  init(name: ${name}): ${fieldType(w, f, 'builder', at)};`);
        break;
      case 'list':
      case 'data':
        out.push(`  init(name: ${name}, size: number): ${fieldType(w, f, 'builder', at)};`);
        break;
      case 'anyPointer':
        // A generic parameter is initialized as what it is bound to (a list needs a size).
        out.push(
          t.anyPointer.which === 'parameter'
            ? `  init(name: ${name}, size?: number): ${fieldType(w, f, 'builder', at)};`
            : `  init(name: ${name}): $.AnyBuilder;`,
        );
        break;
      default:
        break;
    }
  }
  if (out.length > 0) {
    out.unshift(
      '  /**',
      '   * Initializes field `name`: a new struct or group, a list (or Data) of `size` elements, or',
      '   * an empty AnyPointer; makes it the active union member. Returns its builder.',
      '   */',
    );
  }
  return out;
}

/**
 * `toObject()` output: data fields and groups always, pointer fields when set, and the active
 * union member; a union member from a newer schema gives none.
 */
function objectType(w: TypeWriter, node: StructNode, at: At, params: string): string[] {
  const fields = fieldsOf(node);
  const entry = (f: Field, optional: boolean) =>
    `${propertyKey(f.name)}${optional ? '?' : ''}: ${fieldType(w, f, 'object', at)}`;
  const base = fields
    .filter((f) => f.discriminantValue === NO_DISCRIMINANT)
    .map((f) => `  ${entry(f, isPointer(f))};`);
  const union = fields.filter((f) => f.discriminantValue !== NO_DISCRIMINANT);
  const out = [`type ${w.index.helper(node.id, 'Object')}${params} = {`, ...base];
  if (union.length === 0) {
    out.push('};');
    return out;
  }
  out.push('} & (');
  const absent = (f: Field) => `${propertyKey(f.name)}?: undefined`;
  for (const active of union) {
    const members = union.map((f) => (f === active ? entry(f, false) : absent(f)));
    out.push(`  | { ${members.join('; ')} }`);
  }
  out.push(`  | { ${union.map(absent).join('; ')} }`, ');');
  return out;
}

function pipelineType(w: TypeWriter, f: Field, at: At): string | undefined {
  if (f.which === 'group') {
    return hasCapabilities(w.index, f.group.typeId)
      ? w.ref(f.group.typeId, 'Pipeline', groupBrand(w, at), at)
      : undefined;
  }
  const t = f.slot.type;
  if (t.which === 'interface') return w.ref(t.typeId, 'Client', t.brand, at);
  // An AnyPointer may hold a capability: pipelined, it is an untyped client.
  if (t.which === 'anyPointer' && t.anyPointer.which !== 'parameter') return '$.Client';
  if (t.which === 'struct' && hasCapabilities(w.index, t.typeId))
    return w.ref(t.typeId, 'Pipeline', t.brand, at);
  return undefined;
}
