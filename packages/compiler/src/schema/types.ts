import type { Brand, BrandScope, Node, Type } from './model.js';

/**
 * Helpers over schema Types: substituting generic bindings, comparing types, naming them in
 * error messages, and the wire sizes of fields.
 */

/** Replaces generic parameters bound by `brand` (innermost scope first) in `type`. */
export function substitute(type: Type, brand: Brand | null | undefined): Type {
  if (!brand?.scopes) return type;
  switch (type.which) {
    case 'anyPointer': {
      const ap = type.anyPointer;
      if (ap.which !== 'parameter') return type;
      const scope = brand.scopes.find((s) => s.scopeId === ap.scopeId);
      if (scope?.which !== 'bind') return type;
      const binding = scope.bind[ap.parameterIndex];
      if (binding === undefined || binding.which === 'unbound') {
        return { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'anyKind' } };
      }
      return binding.type;
    }
    case 'list':
      return { which: 'list', elementType: substitute(type.elementType, brand) };
    case 'struct':
    case 'enum':
    case 'interface':
      if (!type.brand?.scopes) return type;
      return { ...type, brand: substituteBrand(type.brand, brand) };
    default:
      return type;
  }
}

// Bindings of `inner` may mention parameters bound by `outer`; an inherited scope of `inner`
// takes `outer`'s binding of that scope.
function substituteBrand(inner: Brand, outer: Brand): Brand {
  return {
    scopes:
      inner.scopes?.map((s): BrandScope => {
        if (s.which === 'inherit') {
          return outer.scopes?.find((o) => o.scopeId === s.scopeId && o.which === 'bind') ?? s;
        }
        return {
          ...s,
          bind: s.bind.map((b) =>
            b.which === 'type' ? { which: 'type', type: substitute(b.type, outer) } : b,
          ),
        };
      }) ?? null,
  };
}

/** Structural equality of two types, brands included. */
export function sameType(a: Type, b: Type): boolean {
  if (a.which !== b.which) return false;
  switch (a.which) {
    case 'list':
      return sameType(a.elementType, (b as typeof a).elementType);
    case 'struct':
    case 'enum':
    case 'interface': {
      const o = b as typeof a;
      return a.typeId === o.typeId && sameBrand(a.brand, o.brand);
    }
    case 'anyPointer': {
      const x = a.anyPointer;
      const y = (b as typeof a).anyPointer;
      if (x.which !== y.which) return false;
      if (x.which === 'unconstrained') return x.kind === (y as typeof x).kind;
      if (x.which === 'parameter') {
        const p = y as typeof x;
        return x.scopeId === p.scopeId && x.parameterIndex === p.parameterIndex;
      }
      return x.parameterIndex === (y as typeof x).parameterIndex;
    }
    default:
      return true;
  }
}

function sameBrand(a: Brand | null, b: Brand | null): boolean {
  const x = a?.scopes ?? [];
  const y = b?.scopes ?? [];
  if (x.length !== y.length) return false;
  return x.every((s, i) => {
    const t = y[i] as BrandScope;
    if (s.scopeId !== t.scopeId || s.which !== t.which) return false;
    if (s.which === 'inherit') return true;
    const tb = (t as typeof s).bind;
    return (
      s.bind.length === tb.length &&
      s.bind.every((bind, j) => {
        const other = tb[j];
        if (bind.which === 'unbound' || other?.which === 'unbound')
          return bind.which === other?.which;
        return other !== undefined && sameType(bind.type, other.type);
      })
    );
  });
}

/** lg2 of the bit width of a data type; -1 for Void; -2 for pointer types. */
export function lgSizeOf(type: Type): number {
  switch (type.which) {
    case 'void':
      return -1;
    case 'bool':
      return 0;
    case 'int8':
    case 'uint8':
      return 3;
    case 'int16':
    case 'uint16':
    case 'enum':
      return 4;
    case 'int32':
    case 'uint32':
    case 'float32':
      return 5;
    case 'int64':
    case 'uint64':
    case 'float64':
      return 6;
    default:
      return -2;
  }
}

/** The short name of a node: its display name without the scope prefix. */
export function shortName(node: Node): string {
  return node.displayName.slice(node.displayNamePrefixLength);
}

/** How the reference names a type in "Type mismatch; expected X." messages. */
export function typeName(type: Type, lookup: (id: bigint) => Node | undefined): string {
  switch (type.which) {
    case 'void':
      return 'Void';
    case 'bool':
      return 'Bool';
    case 'int8':
      return 'Int8';
    case 'int16':
      return 'Int16';
    case 'int32':
      return 'Int32';
    case 'int64':
      return 'Int64';
    case 'uint8':
      return 'UInt8';
    case 'uint16':
      return 'UInt16';
    case 'uint32':
      return 'UInt32';
    case 'uint64':
      return 'UInt64';
    case 'float32':
      return 'Float32';
    case 'float64':
      return 'Float64';
    case 'text':
      return 'Text';
    case 'data':
      return 'Data';
    case 'list':
      return `List(${typeName(type.elementType, lookup)})`;
    case 'enum':
    case 'struct':
    case 'interface': {
      const node = lookup(type.typeId);
      return node ? shortName(node) : type.which;
    }
    case 'anyPointer':
      return 'AnyPointer';
  }
}
