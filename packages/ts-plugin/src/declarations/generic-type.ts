import type { TypeWriter } from './type-writer.js';

/**
 * `$Generic`: the type object of a generic struct or interface as loaded (its parameters
 * unbound: AnyPointer), which is also a function binding them (`Box(Text)`, see
 * struct-type.ts and rpc/interface-type.ts), giving the bound type object.
 */
export function genericType(w: TypeWriter, id: bigint, what: string): string[] {
  const place = w.index.place(id);
  const count = w.index.ownParams(id).length;
  const tokens = Array.from({ length: count }, (_, i) => `$A${i}`);
  const outer = place.params.filter((p) => p.scopeId !== id);
  const outerParams =
    outer.length === 0
      ? ''
      : `<${outer.map((p) => `${p.name} extends $.ValueTypes = $.AnyPointerValues`).join(', ')}>`;
  const unbound = [...outer.map((p) => p.name), ...tokens.map(() => '$.AnyPointerValues')];
  const bound = [...outer.map((p) => p.name), ...tokens.map((t) => `$.ValuesOf<${t}>`)];
  const tokenParams = tokens.map((t) => `${t} extends $.TypeToken`).join(', ');
  const args = tokens.map((t, i) => `p${i}: ${t}`).join(', ');
  return [
    `interface $Generic${outerParams} extends $Type<${unbound.join(', ')}> {`,
    `  /** This ${what} with its generic parameters bound to types (\`Box(Text)\`). */`,
    `  <${tokenParams}>(${args}): $Type<${bound.join(', ')}>;`,
    '}',
  ];
}
