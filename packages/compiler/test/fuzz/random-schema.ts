/**
 * Deterministic generator of random, valid Cap'n Proto schemas, for differential tests against the
 * reference compiler (capnp 0.9.2).
 *
 * `randomSchema(seed)` always returns the same text for the same seed and options: randomness comes
 * from a seeded PRNG (sfc32, seeded through splitmix32), never from `Math.random`. The output covers
 * nested declarations, groups, named/unnamed/nested unions, `@n!` unions, shuffled ordinals, every
 * field type, default values in every literal form, constants and constant references, annotations
 * on every kind of target, interfaces with inheritance and every method form, generics with brands,
 * and imports between several files (relative imports plus `/capnp/c++.capnp` and the implicit
 * `/capnp/stream.capnp`, so compile with the standard schemas on the import path).
 *
 * Every generated schema compiles with the reference, except that some nested-union layouts hit the
 * reference's deliberate "issue 344" refusal (see REFERENCE.md §3.3); callers must accept that one
 * failure. The generator avoids the reference's other rejections and bugs: no references to
 * enum-typed constants, no generic parameters bound to AnyStruct/AnyList/Capability, `@n!` union
 * ordinals below all member ordinals, acyclic constants/annotations/inheritance.
 */

/** Knobs of {@link randomSchema}; each has a default. */
export interface RandomSchemaOptions {
  /** Number of files; the entry file imports all others (and each file may import earlier ones). */
  files: number;
  /** Top-level declarations per file, at most. */
  declarations: number;
  /** Maximum depth of nested declarations and of nested groups/unions. */
  maxDepth: number;
  /** Maximum members directly in one struct/group/union body. */
  maxMembers: number;
}

/** A generated schema: file name → text, plus the file to compile. */
export interface RandomSchema {
  files: Record<string, string>;
  entry: string;
}

const defaultOptions: RandomSchemaOptions = {
  files: 2,
  declarations: 8,
  maxDepth: 3,
  maxMembers: 6,
};

// ---------------------------------------------------------------------------------------------
// PRNG

/** sfc32 seeded with splitmix32: small, fast, and identical on every JS engine. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.u32() / 0x100000000) * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** Uniform bigint in [lo, hi]. */
  bigint(lo: bigint, hi: bigint): bigint {
    const span = hi - lo + 1n;
    let r = 0n;
    for (let i = 0; i < 3; i++) r = (r << 32n) | BigInt(this.u32());
    return lo + (r % span);
  }
}

// ---------------------------------------------------------------------------------------------
// Model

const intTypes = {
  Int8: [-(2n ** 7n), 2n ** 7n - 1n],
  Int16: [-(2n ** 15n), 2n ** 15n - 1n],
  Int32: [-(2n ** 31n), 2n ** 31n - 1n],
  Int64: [-(2n ** 63n), 2n ** 63n - 1n],
  UInt8: [0n, 2n ** 8n - 1n],
  UInt16: [0n, 2n ** 16n - 1n],
  UInt32: [0n, 2n ** 32n - 1n],
  UInt64: [0n, 2n ** 64n - 1n],
} as const;
type IntName = keyof typeof intTypes;
const intNames = Object.keys(intTypes) as IntName[];
const primNames = [
  'Void',
  'Bool',
  ...intNames,
  'Float32',
  'Float64',
  'Text',
  'Data',
] as const satisfies readonly string[];
type PrimName = (typeof primNames)[number];
const anyNames = ['AnyPointer', 'AnyStruct', 'AnyList', 'Capability'] as const;
type AnyName = (typeof anyNames)[number];

type Type =
  | { k: 'prim'; name: PrimName }
  | { k: 'any'; name: AnyName }
  | { k: 'list'; elem: Type }
  | { k: 'enum'; decl: EnumDecl }
  | { k: 'struct'; decl: StructDecl; brand: Brand }
  | { k: 'iface'; decl: IfaceDecl; brand: Brand }
  | { k: 'param'; name: string };

/** Brand arguments per generic declaration on the path (absent = left unbound). */
type Brand = Map<Decl, Type[]>;

interface FileModel {
  index: number;
  name: string;
  alias: string;
  decls: Decl[];
  annotations: Application[];
  usesCxx: boolean;
}

interface DeclBase {
  name: string;
  parent: Decl | FileModel;
  file: FileModel;
  params: string[];
  nested: Decl[];
  annotations: Application[];
  doc: string | undefined;
  /** Creation order, used to keep references between constants and annotations acyclic. */
  index: number;
}
interface StructDecl extends DeclBase {
  kind: 'struct';
  members: Member[];
}
interface EnumDecl extends DeclBase {
  kind: 'enum';
  enumerants: { name: string; ordinal: number; annotations: Application[] }[];
}
interface IfaceDecl extends DeclBase {
  kind: 'iface';
  supers: Type[];
  methods: Method[];
}
interface ConstDecl extends DeclBase {
  kind: 'const';
  type: Type;
  value: string;
}
interface AnnotationDecl extends DeclBase {
  kind: 'annotation';
  targets: Target[] | '*';
  type: Type;
}
type Decl = StructDecl | EnumDecl | IfaceDecl | ConstDecl | AnnotationDecl;

const targets = [
  'file',
  'const',
  'enum',
  'enumerant',
  'struct',
  'field',
  'union',
  'group',
  'interface',
  'method',
  'param',
  'annotation',
] as const;
type Target = (typeof targets)[number];

interface Application {
  decl: AnnotationDecl;
  value: string | undefined;
}

interface FieldMember {
  kind: 'field';
  name: string;
  type: Type;
  ordinal: number;
  value: string | undefined;
  annotations: Application[];
  doc: string | undefined;
}
interface GroupMember {
  kind: 'group';
  name: string;
  members: Member[];
  annotations: Application[];
}
interface UnionMember {
  kind: 'union';
  /** Undefined for an unnamed union. */
  name: string | undefined;
  members: Member[];
  /** `@n!` ordinal, or -1 for none. */
  ordinal: number;
  retro: boolean;
  annotations: Application[];
}
type Member = FieldMember | GroupMember | UnionMember;

interface Param {
  name: string;
  type: Type;
  value: string | undefined;
  annotations: Application[];
}
type ParamList = { k: 'inline'; params: Param[] } | { k: 'named'; type: Type };
interface Method {
  name: string;
  ordinal: number;
  implicit: string[];
  params: ParamList;
  results: ParamList | 'none' | 'stream';
  annotations: Application[];
}

// ---------------------------------------------------------------------------------------------
// Generator

/** Context of a position where a type or value is written. */
interface Scope {
  file: FileModel;
  /** Innermost enclosing declaration (or the file). */
  decl: Decl | undefined;
  /** Generic parameter names visible here. */
  params: string[];
}

class Generator {
  private readonly rng: Rng;
  private readonly opt: RandomSchemaOptions;
  private counter = 0;
  private readonly files: FileModel[] = [];
  private readonly all: Decl[] = [];

  constructor(seed: number, opt: RandomSchemaOptions) {
    this.rng = new Rng(seed);
    this.opt = opt;
  }

  private fresh(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter}`;
  }

  run(): RandomSchema {
    const fileCount = Math.max(1, this.opt.files);
    for (let i = 0; i < fileCount; i++) {
      const entry = i === fileCount - 1;
      this.files.push({
        index: i,
        name: entry ? 'main.capnp' : `lib${i}.capnp`,
        alias: `Lib${i}`,
        decls: [],
        annotations: [],
        usesCxx: false,
      });
    }
    // Phase 1: declaration skeletons (names, nesting, generic parameters, enumerants).
    for (const file of this.files) {
      const n = this.rng.int(2, Math.max(2, this.opt.declarations));
      for (let i = 0; i < n; i++) file.decls.push(this.skeleton(file, file, 0, false));
    }
    // Phase 2: bodies (fields, methods, constant and annotation types) that refer to any skeleton.
    for (const decl of this.all) this.body(decl);
    // Phase 3: values (defaults, constants, annotation applications).
    for (const decl of this.all) this.values(decl);
    for (const file of this.files) {
      if (this.rng.chance(0.5)) file.usesCxx = true;
      file.annotations = this.applications('file', this.scopeOf(file, undefined), undefined);
    }
    const out: Record<string, string> = {};
    for (const file of this.files) out[file.name] = this.renderFile(file);
    return { files: out, entry: this.files[this.files.length - 1]!.name };
  }

  // --- phase 1 ---------------------------------------------------------------------------------

  private skeleton(
    file: FileModel,
    parent: Decl | FileModel,
    depth: number,
    inGeneric: boolean,
  ): Decl {
    const base = (name: string): DeclBase => ({
      name,
      parent,
      file,
      params: [],
      nested: [],
      annotations: [],
      doc: this.rng.chance(0.2) ? `Doc comment of ${name}.` : undefined,
      index: this.all.length,
    });
    const roll = this.rng.int(0, 99);
    let decl: Decl;
    if (roll < 35) {
      decl = { ...base(this.fresh('S')), kind: 'struct', members: [] };
    } else if (roll < 50) {
      decl = { ...base(this.fresh('E')), kind: 'enum', enumerants: [] };
      const count = this.rng.int(1, 6);
      const ordinals = this.rng.shuffle([...Array(count).keys()]);
      for (const ordinal of ordinals) {
        decl.enumerants.push({ name: this.fresh('e'), ordinal, annotations: [] });
      }
    } else if (roll < 65) {
      decl = { ...base(this.fresh('I')), kind: 'iface', supers: [], methods: [] };
    } else if (roll < 85) {
      decl = { ...base(this.fresh('c')), kind: 'const', type: prim('Void'), value: 'void' };
    } else if (inGeneric) {
      // Annotations inside generic scopes would need brands on every application; keep them out.
      decl = { ...base(this.fresh('c')), kind: 'const', type: prim('Void'), value: 'void' };
    } else {
      decl = { ...base(this.fresh('a')), kind: 'annotation', targets: '*', type: prim('Void') };
    }
    this.all.push(decl);
    if ((decl.kind === 'struct' || decl.kind === 'iface') && this.rng.chance(0.25)) {
      const count = this.rng.int(1, 2);
      for (let i = 0; i < count; i++) decl.params.push(this.fresh('P'));
    }
    if (
      (decl.kind === 'struct' || decl.kind === 'iface') &&
      depth < this.opt.maxDepth &&
      this.rng.chance(0.35)
    ) {
      const count = this.rng.int(1, 3);
      const generic = inGeneric || decl.params.length > 0;
      for (let i = 0; i < count; i++)
        decl.nested.push(this.skeleton(file, decl, depth + 1, generic));
    }
    return decl;
  }

  // --- phase 2 ---------------------------------------------------------------------------------

  private scopeOf(file: FileModel, decl: Decl | undefined): Scope {
    const params: string[] = [];
    for (let d: Decl | FileModel | undefined = decl; d && 'kind' in d; d = d.parent) {
      params.push(...d.params);
    }
    return { file, decl, params };
  }

  private body(decl: Decl): void {
    const scope = this.scopeOf(decl.file, decl);
    switch (decl.kind) {
      case 'struct': {
        decl.members = this.members(scope, 0, false, true);
        this.assignOrdinals(decl.members);
        break;
      }
      case 'enum':
        break;
      case 'iface': {
        const candidates = this.all.filter(
          (d): d is IfaceDecl =>
            d.kind === 'iface' && d.index < decl.index && this.visible(scope.file, d),
        );
        const count = candidates.length > 0 ? this.rng.int(0, Math.min(3, candidates.length)) : 0;
        const chosen = this.rng.shuffle([...candidates]).slice(0, count);
        for (const sup of chosen) {
          decl.supers.push({ k: 'iface', decl: sup, brand: this.fullBrand(scope, sup, 1) });
        }
        const methodCount = this.rng.int(0, 4);
        const ordinals = this.rng.shuffle([...Array(methodCount).keys()]);
        for (const ordinal of ordinals) decl.methods.push(this.method(scope, ordinal));
        break;
      }
      case 'const':
        decl.type = this.valueType(scope, 2);
        break;
      case 'annotation': {
        decl.type = this.rng.chance(0.3) ? prim('Void') : this.valueType(scope, 2);
        if (this.rng.chance(0.3)) {
          decl.targets = '*';
        } else {
          const count = this.rng.int(1, 5);
          decl.targets = this.rng.shuffle([...targets]).slice(0, count);
        }
        break;
      }
    }
  }

  /** Members of a struct, group or union body; ordinals are assigned later. */
  private members(scope: Scope, depth: number, inUnion: boolean, allowUnnamed: boolean): Member[] {
    const out: Member[] = [];
    const count = this.rng.int(inUnion ? 2 : 1, Math.max(inUnion ? 2 : 1, this.opt.maxMembers));
    let unnamedUsed = !allowUnnamed || inUnion;
    for (let i = 0; i < count; i++) {
      const roll = this.rng.int(0, 99);
      if (depth < this.opt.maxDepth && roll < 10) {
        out.push({
          kind: 'group',
          name: this.fresh('g'),
          members: this.members(scope, depth + 1, false, true),
          annotations: [],
        });
      } else if (depth < this.opt.maxDepth && roll < 20) {
        out.push({
          kind: 'union',
          name: this.fresh('u'),
          members: this.members(scope, depth + 1, true, false),
          ordinal: -1,
          retro: this.rng.chance(0.25),
          annotations: [],
        });
      } else if (depth < this.opt.maxDepth && roll < 30 && !unnamedUsed) {
        unnamedUsed = true;
        out.push({
          kind: 'union',
          name: undefined,
          members: this.members(scope, depth + 1, true, false),
          ordinal: -1,
          retro: false,
          annotations: [],
        });
      } else {
        out.push({
          kind: 'field',
          name: this.fresh('f'),
          type: this.fieldType(scope, 2),
          ordinal: -1,
          value: undefined,
          annotations: [],
          doc: this.rng.chance(0.1) ? 'A field.' : undefined,
        });
      }
    }
    return out;
  }

  /**
   * Gives every field and every `@n!` union a distinct ordinal 0..n-1 in random order, then makes
   * each `@n!` union's ordinal lower than all ordinals inside it (the reference rejects a union
   * ordinal above two members and fails its own validation when it is above one).
   */
  private assignOrdinals(members: Member[]): void {
    const slots: (FieldMember | UnionMember)[] = [];
    const collect = (list: Member[]): void => {
      for (const m of list) {
        if (m.kind === 'field') slots.push(m);
        else if (m.kind === 'group') collect(m.members);
        else {
          if (m.retro && m.name !== undefined) slots.push(m);
          collect(m.members);
        }
      }
    };
    collect(members);
    const perm = this.rng.shuffle([...slots.keys()]);
    slots.forEach((slot, i) => {
      slot.ordinal = perm[i]!;
    });
    const subtree = (list: Member[], out: (FieldMember | UnionMember)[]): void => {
      for (const m of list) {
        if (m.kind === 'field') out.push(m);
        else {
          if (m.kind === 'union' && m.retro && m.name !== undefined) out.push(m);
          subtree(m.members, out);
        }
      }
    };
    const fix = (list: Member[]): void => {
      for (const m of list) {
        if (m.kind === 'field') continue;
        if (m.kind === 'union' && m.retro && m.name !== undefined) {
          const inside: (FieldMember | UnionMember)[] = [];
          subtree(m.members, inside);
          let low = m as FieldMember | UnionMember;
          for (const s of inside) if (s.ordinal < low.ordinal) low = s;
          [m.ordinal, low.ordinal] = [low.ordinal, m.ordinal];
        }
        fix(m.members);
      }
    };
    fix(members);
  }

  private method(scope: Scope, ordinal: number): Method {
    const implicit: string[] = [];
    if (this.rng.chance(0.15)) {
      const count = this.rng.int(1, 2);
      for (let i = 0; i < count; i++) implicit.push(this.fresh('X'));
    }
    const inner: Scope = { ...scope, params: [...scope.params, ...implicit] };
    const paramList = (): ParamList => {
      const named = this.namedStruct(inner);
      if (named && this.rng.chance(0.2)) return { k: 'named', type: named };
      const params: Param[] = [];
      const count = this.rng.int(0, 3);
      for (let i = 0; i < count; i++) {
        params.push({
          name: this.fresh('p'),
          type: this.fieldType(inner, 2),
          value: undefined,
          annotations: [],
        });
      }
      return { k: 'inline', params };
    };
    const params = paramList();
    const roll = this.rng.int(0, 99);
    const results = roll < 15 ? 'none' : roll < 25 ? 'stream' : paramList();
    return { name: this.fresh('m'), ordinal, implicit, params, results, annotations: [] };
  }

  /** Whether `decl` may be referred to from `file` (same file or an earlier, imported one). */
  private visible(file: FileModel, decl: Decl): boolean {
    return decl.file.index <= file.index;
  }

  private declsOf<K extends Decl['kind']>(scope: Scope, kind: K): Extract<Decl, { kind: K }>[] {
    return this.all.filter(
      (d): d is Extract<Decl, { kind: K }> => d.kind === kind && this.visible(scope.file, d),
    );
  }

  /** Generic declarations on the path from the file to `decl` (outermost first). */
  private genericPath(decl: Decl): Decl[] {
    const path: Decl[] = [];
    for (let d: Decl | FileModel = decl; 'kind' in d; d = d.parent) {
      if (d.params.length > 0) path.unshift(d);
    }
    return path;
  }

  /** A brand that binds every generic scope on the path of `decl`. */
  private fullBrand(scope: Scope, decl: Decl, depth: number): Brand {
    const brand: Brand = new Map();
    for (const g of this.genericPath(decl)) {
      brand.set(
        g,
        g.params.map(() => this.pointerType(scope, depth)),
      );
    }
    return brand;
  }

  /** A random brand: each generic scope on the path bound or left unbound. */
  private randomBrand(scope: Scope, decl: Decl, depth: number): Brand {
    const brand: Brand = new Map();
    for (const g of this.genericPath(decl)) {
      if (this.rng.chance(0.7)) {
        brand.set(
          g,
          g.params.map(() => this.pointerType(scope, depth)),
        );
      }
    }
    return brand;
  }

  /** A struct type usable as a method's named param/result struct. */
  private namedStruct(scope: Scope): Type | undefined {
    const structs = this.declsOf(scope, 'struct');
    if (structs.length === 0) return undefined;
    const decl = this.rng.pick(structs);
    return { k: 'struct', decl, brand: this.fullBrand(scope, decl, 1) };
  }

  /** Any type a field or parameter may have. */
  private fieldType(scope: Scope, depth: number): Type {
    const roll = this.rng.int(0, 99);
    if (roll < 40 || depth <= 0) return prim(this.rng.pick(primNames));
    if (roll < 52) return { k: 'list', elem: this.elementType(scope, depth - 1) };
    if (roll < 57) return { k: 'any', name: this.rng.pick(anyNames) };
    if (roll < 65 && scope.params.length > 0)
      return { k: 'param', name: this.rng.pick(scope.params) };
    return this.namedType(scope, depth) ?? prim(this.rng.pick(primNames));
  }

  /** A declared struct, enum or interface type, with a random brand. */
  private namedType(scope: Scope, depth: number): Type | undefined {
    const kind = this.rng.pick(['struct', 'struct', 'enum', 'iface'] as const);
    const decls = this.declsOf(scope, kind);
    if (decls.length === 0) return undefined;
    const decl = this.rng.pick(decls);
    if (decl.kind === 'enum') return { k: 'enum', decl };
    const brand = this.randomBrand(scope, decl, depth - 1);
    return decl.kind === 'struct' ? { k: 'struct', decl, brand } : { k: 'iface', decl, brand };
  }

  /** A list element type: anything but AnyPointer, AnyStruct and generic parameters. */
  private elementType(scope: Scope, depth: number): Type {
    const roll = this.rng.int(0, 99);
    if (roll < 50 || depth <= 0) return prim(this.rng.pick(primNames));
    if (roll < 60) return { k: 'list', elem: this.elementType(scope, depth - 1) };
    if (roll < 65) return { k: 'any', name: this.rng.pick(['AnyList', 'Capability'] as const) };
    return this.namedType(scope, depth) ?? prim('Int32');
  }

  /** A type a generic parameter may be bound to. */
  private pointerType(scope: Scope, depth: number): Type {
    const roll = this.rng.int(0, 99);
    if (roll < 30 || depth <= 0) return prim(this.rng.pick(['Text', 'Data'] as const));
    if (roll < 45) return { k: 'list', elem: this.elementType(scope, depth - 1) };
    if (roll < 50) return { k: 'any', name: 'AnyPointer' };
    if (roll < 60 && scope.params.length > 0)
      return { k: 'param', name: this.rng.pick(scope.params) };
    const kind = this.rng.pick(['struct', 'struct', 'iface'] as const);
    const decls = this.declsOf(scope, kind);
    if (decls.length === 0) return prim('Text');
    const decl = this.rng.pick(decls);
    const brand = this.randomBrand(scope, decl, depth - 1);
    return decl.kind === 'struct' ? { k: 'struct', decl, brand } : { k: 'iface', decl, brand };
  }

  /** A type that has literal values: for constants and annotations. */
  private valueType(scope: Scope, depth: number): Type {
    const roll = this.rng.int(0, 99);
    if (roll < 50 || depth <= 0) return prim(this.rng.pick(primNames));
    if (roll < 70) return { k: 'list', elem: this.valueType(scope, depth - 1) };
    const kind = this.rng.pick(['struct', 'enum'] as const);
    const decls = this.declsOf(scope, kind).filter((d) => this.genericPath(d).length === 0);
    if (decls.length === 0) return prim('Int64');
    const decl = this.rng.pick(decls);
    return decl.kind === 'enum' ? { k: 'enum', decl } : { k: 'struct', decl, brand: new Map() };
  }

  // --- phase 3 ---------------------------------------------------------------------------------

  private values(decl: Decl): void {
    const scope = this.scopeOf(decl.file, decl);
    const outer = this.scopeOf(decl.file, 'kind' in decl.parent ? decl.parent : undefined);
    switch (decl.kind) {
      case 'struct':
        decl.annotations = this.applications('struct', outer, decl);
        this.memberValues(scope, decl.members);
        break;
      case 'enum':
        decl.annotations = this.applications('enum', outer, decl);
        for (const e of decl.enumerants)
          e.annotations = this.applications('enumerant', scope, decl);
        break;
      case 'iface':
        decl.annotations = this.applications('interface', outer, decl);
        for (const m of decl.methods) {
          const inner: Scope = { ...scope, params: [...scope.params, ...m.implicit] };
          m.annotations = this.applications('method', inner, decl);
          for (const list of [m.params, m.results]) {
            if (typeof list === 'string' || list.k !== 'inline') continue;
            for (const p of list.params) {
              p.annotations = this.applications('param', inner, decl);
              if (isPointer(p.type) && this.rng.chance(0.15)) p.value = 'null';
              else if (this.rng.chance(0.3)) p.value = this.value(inner, p.type, 2, undefined);
            }
          }
        }
        break;
      case 'const':
        decl.value = this.value(outer, decl.type, 3, decl) ?? this.fallbackValue(decl.type);
        decl.annotations = this.applications('const', outer, decl);
        break;
      case 'annotation':
        decl.annotations = this.applications('annotation', outer, decl);
        break;
    }
  }

  private memberValues(scope: Scope, members: Member[]): void {
    for (const m of members) {
      if (m.kind === 'field') {
        m.annotations = this.applications('field', scope, scope.decl);
        if (this.rng.chance(0.5)) m.value = this.value(scope, m.type, 2, undefined);
      } else {
        if (m.kind === 'group') m.annotations = this.applications('group', scope, scope.decl);
        else if (m.name !== undefined)
          m.annotations = this.applications('union', scope, scope.decl);
        this.memberValues(scope, m.members);
      }
    }
  }

  /** Annotation applications for a declaration of kind `target`. */
  private applications(target: Target, scope: Scope, on: Decl | undefined): Application[] {
    const out: Application[] = [];
    const count = this.rng.chance(0.6) ? 0 : this.rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const candidates = this.declsOf(scope, 'annotation').filter((a) => {
        if (a.targets !== '*' && !a.targets.includes(target)) return false;
        // Keep annotation-on-annotation chains acyclic.
        if (on?.kind === 'annotation' && a.index >= on.index) return false;
        // Enums, constants and annotations are compiled together with the values of their own
        // annotations: only give them annotations whose values cannot lead back to them (plain
        // types, no constant references; an annotation's own annotations are plain as well).
        if (plainTargets.has(target)) return isPlain(a.type);
        return true;
      });
      if (candidates.length === 0) break;
      const decl = this.rng.pick(candidates);
      const plainTarget = plainTargets.has(target);
      const value = isVoid(decl.type)
        ? undefined
        : (this.value(scope, decl.type, 2, plainTarget ? null : undefined) ??
          this.fallbackValue(decl.type));
      out.push({ decl, value });
    }
    return out;
  }

  private fallbackValue(type: Type): string {
    if (type.k === 'list') return '[]';
    if (type.k === 'struct') return '()';
    if (type.k === 'prim') return this.primValue(type.name);
    if (type.k === 'enum') return type.decl.enumerants[0]!.name;
    return 'void';
  }

  /**
   * A literal (or constant reference) of type `type`, or undefined if the type has no literals.
   * `self` is the constant being defined (references must point to earlier constants); `null`
   * forbids constant references altogether.
   */
  private value(
    scope: Scope,
    type: Type,
    depth: number,
    self: ConstDecl | null | undefined,
  ): string | undefined {
    if (!hasLiterals(type)) return undefined;
    if (self !== null && type.k !== 'enum' && this.rng.chance(0.15)) {
      const ref = this.constRef(scope, type, self);
      if (ref !== undefined) return ref;
    }
    switch (type.k) {
      case 'prim':
        return this.primValue(type.name);
      case 'enum':
        return this.rng.pick(type.decl.enumerants).name;
      case 'list': {
        if (depth <= 0) return '[]';
        const count = this.rng.int(0, 4);
        const items: string[] = [];
        for (let i = 0; i < count; i++) {
          items.push(
            this.value(scope, type.elem, depth - 1, self) ?? this.fallbackValue(type.elem),
          );
        }
        return `[${items.join(', ')}${items.length > 0 && this.rng.chance(0.1) ? ',' : ''}]`;
      }
      case 'struct':
        return `(${this.structLiteral(scope, type.decl.members, depth, self)})`;
      default:
        return undefined;
    }
  }

  /** The inside of a struct (or group) literal: at most one member per union. */
  private structLiteral(
    scope: Scope,
    members: Member[],
    depth: number,
    self: ConstDecl | null | undefined,
  ): string {
    if (depth <= 0) return '';
    const parts: string[] = [];
    const add = (m: Member): void => {
      if (m.kind === 'field') {
        if (mentionsParam(m.type)) return;
        const v = this.value(scope, m.type, depth - 1, self);
        if (v !== undefined) parts.push(`${m.name} = ${v}`);
      } else if (m.kind === 'group') {
        parts.push(`${m.name} = (${this.structLiteral(scope, m.members, depth - 1, self)})`);
      } else {
        const chosen = this.rng.pick(m.members);
        if (m.name === undefined) {
          add(chosen);
        } else {
          const saved = parts.length;
          add(chosen);
          const inner = parts.splice(saved).join(', ');
          if (inner !== '') parts.push(`${m.name} = (${inner})`);
        }
      }
    };
    for (const m of members) if (this.rng.chance(0.5)) add(m);
    return parts.join(', ');
  }

  /** A reference to an earlier constant of exactly this type, if one exists. */
  private constRef(scope: Scope, type: Type, self: ConstDecl | undefined): string | undefined {
    const text = this.typeText(scope, type);
    const candidates = this.declsOf(scope, 'const').filter(
      (c) => (self === undefined || c.index < self.index) && this.typeText(scope, c.type) === text,
    );
    if (candidates.length === 0) return undefined;
    const c = this.rng.pick(candidates);
    if (c.file !== scope.file) {
      return this.rng.chance(0.5)
        ? `import "${c.file.name}".${this.path(c)}`
        : `${c.file.alias}.${this.path(c)}`;
    }
    return `.${this.path(c)}`;
  }

  private primValue(name: PrimName): string {
    switch (name) {
      case 'Void':
        return 'void';
      case 'Bool':
        return this.rng.chance(0.5) ? 'true' : 'false';
      case 'Float32':
      case 'Float64':
        return this.floatValue();
      case 'Text':
        return this.textValue();
      case 'Data':
        return this.dataValue();
      default:
        return this.intValue(name);
    }
  }

  private intValue(name: IntName): string {
    const [lo, hi] = intTypes[name];
    const roll = this.rng.int(0, 99);
    const v =
      roll < 15
        ? lo
        : roll < 30
          ? hi
          : roll < 40
            ? 0n
            : roll < 70
              ? this.rng.bigint(lo < -1000n ? -1000n : lo, hi > 1000n ? 1000n : hi)
              : this.rng.bigint(lo, hi);
    const neg = v < 0n;
    const mag = neg ? -v : v;
    const form = this.rng.int(0, 9);
    let text: string;
    if (form < 2) text = `0x${mag.toString(16)}`;
    else if (form < 3 && mag !== 0n) text = `0${mag.toString(8)}`;
    else if (form < 4) text = `0x${mag.toString(16).toUpperCase()}`;
    else text = mag.toString();
    return neg ? `-${text}` : text;
  }

  private floatValue(): string {
    const roll = this.rng.int(0, 11);
    const digits = (): string => String(this.rng.int(0, 99999));
    switch (roll) {
      case 0:
        return 'inf';
      case 1:
        return '-inf';
      case 2:
        return 'nan';
      case 3:
        return '-0.0';
      case 4:
        return String(this.rng.int(-1000, 1000));
      case 5:
        return `${digits()}.${digits()}`;
      case 6:
        return `-${digits()}.${digits()}e${this.rng.int(-30, 30)}`;
      case 7:
        return `${this.rng.int(1, 9)}E+${this.rng.int(0, 30)}`;
      case 8:
        return `${this.rng.int(1, 9)}.${digits()}e-${this.rng.int(0, 30)}`;
      case 9:
        return '0.0';
      case 10:
        return `0x${this.rng.int(0, 0xffff).toString(16)}`;
      default:
        return `${digits()}.`;
    }
  }

  private textValue(): string {
    const pieces = [
      'a',
      'b',
      'xyz',
      ' ',
      'é',
      '日本',
      '\\n',
      '\\t',
      '\\\\',
      '\\"',
      "\\'",
      '\\x41',
      '\\x7e',
      '\\101',
      '\\a',
      '\\b',
      '\\f',
      '\\r',
      '\\v',
      '\\?',
      '#',
    ];
    const one = (): string => {
      const count = this.rng.int(0, 6);
      let s = '';
      for (let i = 0; i < count; i++) s += this.rng.pick(pieces);
      return `"${s}"`;
    };
    return this.rng.chance(0.15) ? `${one()} ${one()}` : one();
  }

  private dataValue(): string {
    if (this.rng.chance(0.4)) return this.textValue();
    const count = this.rng.int(1, 6);
    const bytes: string[] = [];
    for (let i = 0; i < count; i++) bytes.push(this.rng.int(0, 255).toString(16).padStart(2, '0'));
    return `0x"${bytes.join(this.rng.chance(0.5) ? ' ' : '')}"`;
  }

  // --- rendering -------------------------------------------------------------------------------

  /** Dotted path of a declaration from its file's root. */
  private path(decl: Decl, brand?: Brand, scope?: Scope): string {
    const parts: string[] = [];
    for (let d: Decl | FileModel = decl; 'kind' in d; d = d.parent) {
      const args = brand?.get(d);
      parts.unshift(
        args && scope
          ? `${d.name}(${args.map((a) => this.typeText(scope, a)).join(', ')})`
          : d.name,
      );
    }
    return parts.join('.');
  }

  /** A reference to `decl` written in `scope`'s file. */
  private ref(scope: Scope, decl: Decl, brand?: Brand): string {
    const p = this.path(decl, brand, scope);
    return decl.file === scope.file ? p : `${decl.file.alias}.${p}`;
  }

  private typeText(scope: Scope, type: Type): string {
    switch (type.k) {
      case 'prim':
      case 'any':
      case 'param':
        return type.name;
      case 'list':
        return `List(${this.typeText(scope, type.elem)})`;
      case 'enum':
        return this.ref(scope, type.decl);
      case 'struct':
      case 'iface':
        return this.ref(scope, type.decl, type.brand);
    }
  }

  private apps(scope: Scope, list: Application[]): string {
    return list
      .map((a) => ` $${this.ref(scope, a.decl)}${a.value === undefined ? '' : `(${a.value})`}`)
      .join('');
  }

  private renderFile(file: FileModel): string {
    const scope = this.scopeOf(file, undefined);
    const lines: string[] = [];
    const id = (0x8000000000000000n | this.rng.bigint(0n, 2n ** 63n - 1n)).toString(16);
    lines.push(`@0x${id};`);
    lines.push(`# Random schema ${file.name}.`);
    lines.push('');
    for (const other of this.files) {
      if (other.index < file.index) lines.push(`using ${other.alias} = import "${other.name}";`);
    }
    if (file.usesCxx) {
      lines.push('using Cxx = import "/capnp/c++.capnp";');
      lines.push(`$Cxx.namespace("fuzz::${file.alias.toLowerCase()}");`);
    }
    for (const a of file.annotations) {
      lines.push(`$${this.ref(scope, a.decl)}${a.value === undefined ? '' : `(${a.value})`};`);
    }
    lines.push('');
    for (const d of file.decls) this.renderDecl(d, '', lines);
    return `${lines.join('\n')}\n`;
  }

  private renderDecl(decl: Decl, indent: string, lines: string[]): void {
    const outer = this.scopeOf(decl.file, 'kind' in decl.parent ? decl.parent : undefined);
    const scope = this.scopeOf(decl.file, decl);
    const params = decl.params.length > 0 ? `(${decl.params.join(', ')})` : '';
    const doc = (): void => {
      if (decl.doc !== undefined) lines.push(`${indent}  # ${decl.doc}`);
    };
    const nested = (): void => {
      for (const n of decl.nested) this.renderDecl(n, `${indent}  `, lines);
    };
    switch (decl.kind) {
      case 'struct':
        lines.push(`${indent}struct ${decl.name}${params}${this.apps(outer, decl.annotations)} {`);
        doc();
        this.renderMembers(scope, decl.members, `${indent}  `, lines);
        nested();
        lines.push(`${indent}}`);
        break;
      case 'enum':
        lines.push(`${indent}enum ${decl.name}${this.apps(outer, decl.annotations)} {`);
        doc();
        for (const e of decl.enumerants) {
          lines.push(`${indent}  ${e.name} @${e.ordinal}${this.apps(scope, e.annotations)};`);
        }
        lines.push(`${indent}}`);
        break;
      case 'iface': {
        const supers =
          decl.supers.length > 0
            ? ` extends(${decl.supers.map((s) => this.typeText(scope, s)).join(', ')})`
            : '';
        lines.push(
          `${indent}interface ${decl.name}${params}${supers}${this.apps(outer, decl.annotations)} {`,
        );
        doc();
        for (const m of decl.methods) lines.push(`${indent}  ${this.renderMethod(scope, m)};`);
        nested();
        lines.push(`${indent}}`);
        break;
      }
      case 'const':
        lines.push(
          `${indent}const ${decl.name} :${this.typeText(outer, decl.type)} = ${decl.value}${this.apps(outer, decl.annotations)};`,
        );
        if (decl.doc !== undefined) lines.push(`${indent}# ${decl.doc}`);
        break;
      case 'annotation': {
        const t = decl.targets === '*' ? '*' : decl.targets.join(', ');
        lines.push(
          `${indent}annotation ${decl.name}(${t}) :${this.typeText(outer, decl.type)}${this.apps(outer, decl.annotations)};`,
        );
        break;
      }
    }
  }

  private renderMembers(scope: Scope, members: Member[], indent: string, lines: string[]): void {
    for (const m of members) {
      if (m.kind === 'field') {
        const v = m.value === undefined ? '' : ` = ${m.value}`;
        const doc = m.doc === undefined ? '' : `  # ${m.doc}`;
        lines.push(
          `${indent}${m.name} @${m.ordinal} :${this.typeText(scope, m.type)}${v}${this.apps(scope, m.annotations)};${doc}`,
        );
      } else if (m.kind === 'group') {
        lines.push(`${indent}${m.name} :group${this.apps(scope, m.annotations)} {`);
        this.renderMembers(scope, m.members, `${indent}  `, lines);
        lines.push(`${indent}}`);
      } else {
        const head =
          m.name === undefined
            ? 'union'
            : `${m.name}${m.retro ? ` @${m.ordinal}!` : ''} :union${this.apps(scope, m.annotations)}`;
        lines.push(`${indent}${head} {`);
        this.renderMembers(scope, m.members, `${indent}  `, lines);
        lines.push(`${indent}}`);
      }
    }
  }

  private renderMethod(scope: Scope, m: Method): string {
    const inner: Scope = { ...scope, params: [...scope.params, ...m.implicit] };
    const list = (l: ParamList): string => {
      if (l.k === 'named') return this.typeText(inner, l.type);
      const ps = l.params.map(
        (p) =>
          `${p.name} :${this.typeText(inner, p.type)}${p.value === undefined ? '' : ` = ${p.value}`}${this.apps(inner, p.annotations)}`,
      );
      return `(${ps.join(', ')})`;
    };
    const implicit = m.implicit.length > 0 ? ` [${m.implicit.join(', ')}]` : '';
    const results =
      m.results === 'none' ? '' : m.results === 'stream' ? ' -> stream' : ` -> ${list(m.results)}`;
    return `${m.name} @${m.ordinal}${implicit} ${list(m.params)}${results}${this.apps(inner, m.annotations)}`;
  }
}

/** Targets whose annotations must have plain values (see `applications`). */
const plainTargets: ReadonlySet<Target> = new Set(['enum', 'enumerant', 'const', 'annotation']);

function prim(name: PrimName): Type {
  return { k: 'prim', name };
}

function isVoid(type: Type): boolean {
  return type.k === 'prim' && type.name === 'Void';
}

function isPointer(type: Type): boolean {
  if (type.k === 'prim') return type.name === 'Text' || type.name === 'Data';
  return type.k !== 'enum';
}

/** Primitive or list-of-primitive: values that depend on no declaration. */
function isPlain(type: Type): boolean {
  if (type.k === 'prim') return true;
  return type.k === 'list' && isPlain(type.elem);
}

function mentionsParam(type: Type): boolean {
  switch (type.k) {
    case 'param':
      return true;
    case 'list':
      return mentionsParam(type.elem);
    case 'struct':
    case 'iface':
      for (const args of type.brand.values()) if (args.some(mentionsParam)) return true;
      return false;
    default:
      return false;
  }
}

/** Whether values of the type can be written as literals. */
function hasLiterals(type: Type): boolean {
  switch (type.k) {
    case 'prim':
    case 'enum':
      return true;
    case 'list':
      return hasLiterals(type.elem);
    case 'struct':
      return !mentionsParam(type);
    default:
      return false;
  }
}

/**
 * Generates a random valid schema. The same `seed` and options always give the same text.
 *
 * @param seed any integer; only its low 32 bits are used.
 * @param options size knobs, see {@link RandomSchemaOptions}.
 * @returns the files (the entry is `main.capnp`, other files are `libN.capnp` next to it) and the
 *   name of the entry file to compile.
 */
export function randomSchema(
  seed: number,
  options: Partial<RandomSchemaOptions> = {},
): RandomSchema {
  const opt: RandomSchemaOptions = { ...defaultOptions, ...options };
  return new Generator(seed, opt).run();
}
