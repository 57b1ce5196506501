import { type Brand, type Field, type Node, substitute } from '@capnp-kit/compiler/schema';
import { genericType } from './generic-type.js';
import { declarableName, docComment } from './identifiers.js';
import { hasCapabilities } from './struct-declarations.js';
import { type At, METHOD_MEMBERS, type TypeWriter } from './type-writer.js';
import { valueProperties } from './value-properties.js';

/**
 * The types of an interface, following the RPC API (issue 7; the shared shapes are in
 * public-rpc-types.ts of @capnp-kit/runtime, kept apart so both can be aligned with the RPC
 * implementation): `Client` (a method per schema method, params positional in schema order,
 * and `fooRequest()` request builders, both giving pipelined promises), `Server` (what a
 * `class Impl extends Iface.Server` may implement: `foo(params, context)` or
 * `foo_context(context)`), and per method a namespace with `Params`, `Results`, `Answer`,
 * `Context` and `Return`.
 */

type InterfaceNode = Node & { which: 'interface' };

/** The declarations of an interface: its own, and those of each method's namespace. */
export interface InterfaceDeclarations {
  readonly lines: string[];
  /** Lines of each method's namespace, by namespace name (params/results structs aside). */
  readonly methods: Map<string, string[]>;
}

/**
 * Own properties of an interface object (rpc/interface-type.ts; `schema` is added with the
 * nested declarations): a nested declaration of one of these names is hidden.
 */
const INTERFACE_PROPERTIES = new Set(['length', 'name', 'schema', 'Server', 'Client']);

/** Members of every client; a schema method of the same name shadows it on that interface. */
const CLIENT_MEMBERS = ['castAs', 'release', 'whenResolved', 'released'];

/** The struct helpers a `Params`/`Results` alias namespace declares. */
const ALIAS_HELPERS = ['Reader', 'Builder', 'Init', 'Object', 'Pipeline'] as const;

/** ID of `StreamResult` (/capnp/stream.capnp): the results of a `-> stream` method. */
const STREAM_RESULT = 0x995f9a3377c0b16en;

export function interfaceDeclarations(
  w: TypeWriter,
  node: InterfaceNode,
  local: boolean,
): InterfaceDeclarations {
  const index = w.index;
  const id = node.id;
  const at: At = { node: id };
  const params = w.typeParams(id);
  const args = w.ownArgs(id);
  const client = index.helper(id, 'Client');
  const server = index.helper(id, 'Server');
  const supers = node.interface.superclasses;
  const shadowed = CLIENT_MEMBERS.filter((n) => node.interface.methods.some((m) => m.name === n));
  const base =
    shadowed.length === 0
      ? '$.Client'
      : `Omit<$.Client, ${shadowed.map((n) => JSON.stringify(n)).join(' | ')}>`;
  const clientBases = [base, ...supers.map((s) => w.ref(s.id, 'Client', s.brand, at))];
  const serverBases = supers.map((s) => w.ref(s.id, 'Server', s.brand, at));
  const methods = new Map<string, string[]>();
  const clientLines: string[] = [];
  const serverLines: string[] = [];

  node.interface.methods.forEach((m, i) => {
    const ns = declarableName(m.name);
    const doc = docComment(index.doc(id, i), '  ');
    const positional = structFields(w, m.paramStructType).map(
      (f) => `${declarableName(f.name)}?: ${paramType(w, f, m.paramBrand, at)}`,
    );
    positional.push('options?: $.CallOptions');
    clientLines.push(
      ...doc,
      `  ${m.name}(${positional.join(', ')}): ${ns}.Answer${args};`,
      `  /** A request for \`${m.name}\`: set its params as a struct's fields, then \`send()\`. */`,
      `  ${m.name}Request(): $.Request<${ns}.Params.Builder${args}, ${ns}.Answer${args}>;`,
    );
    serverLines.push(
      ...doc,
      `  ${m.name}?(params: ${ns}.Params.Reader${args}, context: ${ns}.Context${args}): $.MaybePromise<${ns}.Return${args}>;`,
      `  /** \`${m.name}\` taking only its context (fill \`context.results\`). */`,
      `  ${m.name}_context?(context: ${ns}.Context${args}): $.MaybePromise<void>;`,
    );
    methods.set(ns, methodNamespace(w, node, m, params, args));
  });

  const lines = [
    `interface ${client}${params} extends ${clientBases.join(', ')} {`,
    ...clientLines,
    '}',
    `interface ${server}${params}${serverBases.length === 0 ? '' : ` extends ${serverBases.join(', ')}`} {`,
    ...serverLines,
    '}',
    `type $Values${params} = $.CapabilityValues<${client}${args}, ${server}${args}>;`,
  ];
  if (local) {
    lines.push(
      `interface $Type${params} extends $.InterfaceTypeOf<${client}${args}, ${server}${args}> {`,
      ...valueProperties(w, node, at, INTERFACE_PROPERTIES),
      '}',
    );
    const own = index.ownParams(id);
    if (own.length > 0) lines.push(...genericType(w, id, 'interface'));
  }
  return { lines, methods };
}

function structFields(w: TypeWriter, id: bigint): readonly Field[] {
  const node = w.index.nodes.get(id);
  return node?.which === 'struct' ? (node.struct.fields ?? []) : [];
}

// A positional param: the field's init type, with the method's brand of a named param struct.
function paramType(w: TypeWriter, f: Field, brand: Brand | null, at: At): string {
  if (f.which === 'group') return w.struct(f.group.typeId, brand, 'init', at, false);
  return w.type(substitute(f.slot.type, brand), 'init', at);
}

type Method = InterfaceNode['interface']['methods'][number];

// The lines of a method's namespace: aliases for named param/result structs, Answer, Context,
// Return. (The structs the compiler made for the method are placed in it by the assembler.)
function methodNamespace(
  w: TypeWriter,
  node: InterfaceNode,
  m: Method,
  params: string,
  args: string,
): string[] {
  const index = w.index;
  const at: At = { node: node.id, extraNames: METHOD_MEMBERS };
  const out: string[] = [];
  const aliases = (name: string, structId: bigint, brand: Brand | null) => {
    const aliasAt: At = { node: node.id, extraNames: [...METHOD_MEMBERS, ...ALIAS_HELPERS] };
    out.push(`namespace ${name} {`);
    for (const helper of ALIAS_HELPERS) {
      if (helper === 'Pipeline' && !hasCapabilities(index, structId)) continue;
      const extra = helper === 'Object' ? '$C' : '';
      const own =
        helper === 'Object'
          ? w.typeParams(node.id, '$C extends $.ToObjectConfig = $.DefaultToObjectConfig')
          : params;
      out.push(`  type ${helper}${own} = ${w.ref(structId, helper, brand, aliasAt, extra)};`);
    }
    out.push('}');
  };
  if (index.nodes.get(m.paramStructType)?.scopeId !== 0n)
    aliases('Params', m.paramStructType, m.paramBrand);
  if (index.nodes.get(m.resultStructType)?.scopeId !== 0n)
    aliases('Results', m.resultStructType, m.resultBrand);

  const results = structFields(w, m.resultStructType);
  if (m.resultStructType === STREAM_RESULT) {
    out.push(
      '/** A streaming call resolves when flow control lets the next one go (no results). */',
      `type Answer${params} = Promise<void>;`,
    );
  } else {
    const pipeline = hasCapabilities(index, m.resultStructType) ? `, Results.Pipeline${args}` : '';
    out.push(
      '/** The promise of the results: awaitable, and pipelined (see `PipelinedPromise`). */',
      `type Answer${params} = $.PipelinedPromise<Results.Reader${args}${pipeline}>;`,
    );
  }
  // The return conventions of rpc/results-writer.ts: the only result alone (or as an object),
  // several results in order as an array, or an object of them, or the results struct.
  const only =
    results.length === 1 ? paramType(w, results[0] as Field, m.resultBrand, at) : undefined;
  const tuple = results.map(
    (f) => `${declarableName(f.name)}?: ${paramType(w, f, m.resultBrand, at)}`,
  );
  out.push(
    '/** What an implementation receives besides its params. */',
    `type Context${params} = $.CallContext<Params.Reader${args}, Results.Builder${args}>;`,
    '/**',
    ' * What an implementation may return: its results (the only one alone, several in order as',
    ' * an array, an object of them, or the results struct), or nothing after filling',
    ' * `context.results`.',
    ' */',
    `type Return${params} =`,
    '  | void',
    `  | Results.Init${args}`,
    `  | Results.Reader${args}`,
    `  | Results.Builder${args}`,
    `  | ${only ?? `[${tuple.join(', ')}]`};`,
  );
  return out;
}
