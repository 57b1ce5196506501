import { type Brand, type Node, substitute, type Type } from '@capnp-kit/compiler/schema';
import { CapnpError } from '../errors.js';
import { type Registry, type StructClasses, typeKey } from '../registry.js';

/** `StructResult` of /capnp/stream.capnp: the results type of `-> stream` methods. */
export const STREAM_RESULT_ID = 0x995f9a3377c0b16en;

/** A method as the RPC layer calls and dispatches it. */
export interface MethodInfo {
  readonly registry: Registry;
  readonly name: string;
  /** The interface that declares it (a superclass's ID for inherited methods). */
  readonly interfaceId: bigint;
  /** Its ordinal in that interface. */
  readonly methodId: number;
  /** `-> stream`: calls are flow-controlled and the method returns nothing. */
  readonly streaming: boolean;
  /** The params struct's classes (generic bindings applied). */
  params(): StructClasses;
  /** The results struct's classes. */
  results(): StructClasses;
  /** Names of the params, in declaration order (the short call form's argument order). */
  paramNames(): readonly string[];
  /** Names of the results, in declaration order (the positional return convention). */
  resultNames(): readonly string[];
}

/**
 * An interface (with generic bindings) as the RPC layer sees it: its methods and those it
 * inherits, and the interfaces it implements.
 */
export interface InterfaceInfo {
  readonly registry: Registry;
  readonly id: bigint;
  readonly node: Node & { which: 'interface' };
  readonly brand: Brand | null;
  /** Its display name (`Calculator`, `Calculator.Value`). */
  readonly name: string;
  /** Own methods first, then inherited ones (superclasses depth-first, in declaration order). */
  readonly methods: readonly MethodInfo[];
  /** The method `methodId` of interface `interfaceId`, if this interface has (or inherits) it. */
  find(interfaceId: bigint, methodId: number): MethodInfo | undefined;
  /** True if this interface is `interfaceId` or extends it. */
  implements(interfaceId: bigint): boolean;
}

const caches = new WeakMap<Registry, { generation: number; infos: Map<string, InterfaceInfo> }>();

function normalBrand(brand: Brand | null | undefined): Brand | null {
  return brand?.scopes && brand.scopes.length > 0 ? brand : null;
}

function namesInOrder(classes: StructClasses): string[] {
  return [...classes.meta.info.fields]
    .sort((a, b) => a.field.codeOrder - b.field.codeOrder)
    .map((f) => f.name);
}

function structOf(reg: Registry, id: bigint, declared: Brand | null, outer: Brand | null) {
  const t = substitute({ which: 'struct', typeId: id, brand: declared } as Type, outer);
  const brand = t.which === 'struct' ? t.brand : null;
  let classes: StructClasses | undefined;
  return () => {
    classes ??= reg.structClasses(id, normalBrand(brand));
    return classes;
  };
}

function build(reg: Registry, id: bigint, brand: Brand | null): InterfaceInfo {
  const node = reg.node(id);
  if (node.which !== 'interface') {
    throw new CapnpError('unknown-type', `${node.displayName} is not an interface.`);
  }
  const methods: MethodInfo[] = node.interface.methods.map((m, methodId) => {
    const params = structOf(reg, m.paramStructType, m.paramBrand, brand);
    const results = structOf(reg, m.resultStructType, m.resultBrand, brand);
    let paramNames: string[] | undefined;
    let resultNames: string[] | undefined;
    return {
      registry: reg,
      name: m.name,
      interfaceId: id,
      methodId,
      streaming: m.resultStructType === STREAM_RESULT_ID,
      params,
      results,
      paramNames: () => {
        paramNames ??= namesInOrder(params());
        return paramNames;
      },
      resultNames: () => {
        resultNames ??= namesInOrder(results());
        return resultNames;
      },
    };
  });
  const ancestors = new Set<bigint>([id]);
  for (const s of node.interface.superclasses) {
    const t = substitute({ which: 'interface', typeId: s.id, brand: s.brand } as Type, brand);
    const parent = interfaceInfo(reg, s.id, t.which === 'interface' ? t.brand : null);
    for (const m of parent.methods) methods.push(m);
    for (const a of ancestorsOf(parent)) ancestors.add(a);
  }
  const byKey = new Map<string, MethodInfo>();
  for (const m of methods) {
    const key = `${m.interfaceId}:${m.methodId}`;
    if (!byKey.has(key)) byKey.set(key, m);
  }
  const info: InterfaceInfo & { ancestors: Set<bigint> } = {
    registry: reg,
    id,
    node,
    brand,
    name: node.displayName.slice(node.displayNamePrefixLength),
    methods,
    ancestors,
    find: (interfaceId, methodId) => byKey.get(`${interfaceId}:${methodId}`),
    implements: (interfaceId) => ancestors.has(interfaceId),
  };
  return info;
}

function ancestorsOf(info: InterfaceInfo): Iterable<bigint> {
  return (info as InterfaceInfo & { ancestors: Set<bigint> }).ancestors;
}

/** The info of interface `id` with generic bindings `brand`, built once per registry generation. */
export function interfaceInfo(reg: Registry, id: bigint, brand: Brand | null): InterfaceInfo {
  let cache = caches.get(reg);
  if (cache === undefined || cache.generation !== reg.generation) {
    cache = { generation: reg.generation, infos: new Map() };
    caches.set(reg, cache);
  }
  const b = normalBrand(brand);
  const key = `${id}:${typeKey(b)}`;
  let info = cache.infos.get(key);
  if (info === undefined) {
    info = build(reg, id, b);
    cache.infos.set(key, info);
  }
  return info;
}
