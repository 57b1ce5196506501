import type { Brand, Node } from '@capnp-kit/compiler/schema';
import { CapnpError } from '../errors.js';
import type { Registry } from '../registry.js';
import { isTypeToken, type TypeToken } from '../type-token.js';
import { clientClass } from './client-class.js';
import { interfaceInfo } from './interface-info.js';
import { serverClass } from './server.js';

/**
 * Creates the object of interface `node` (with generic bindings `brand`) for a loaded module:
 * `calc.Calculator` is a type token (for `castAs`, List(…) and generic parameters) with
 * - `Server`: the abstract class implementations extend,
 * - `Client`: the class of its clients (`instanceof` checks),
 * and, like struct types, is a function applying generic parameters (`Store(Text)`). The
 * caller adds `schema`, `$type` and the nested declarations; `withBrand` gives the object of
 * this interface with other bindings.
 */
export function makeInterfaceType(
  reg: Registry,
  node: Node & { which: 'interface' },
  brand: Brand | null,
  withBrand: (bound: Brand) => unknown,
): Record<string, unknown> {
  const name = node.displayName.slice(node.displayNamePrefixLength);
  const info = () => interfaceInfo(reg, node.id, brand);
  const type = ((...params: TypeToken[]) => {
    if (node.parameters === null) throw new CapnpError('unknown-type', `${name} is not generic.`);
    for (const p of params)
      if (!isTypeToken(p)) throw new CapnpError('invalid-value', `${name}(…) takes types.`);
    return withBrand({
      scopes: [
        {
          scopeId: node.id,
          which: 'bind',
          bind: params.map((p) => ({ which: 'type' as const, type: p.$type })),
        },
        ...(brand?.scopes ?? []).filter((s) => s.scopeId !== node.id),
      ],
    });
  }) as unknown as Record<string, unknown>;
  Object.defineProperties(type, {
    name: { value: name },
    $interface: { get: info },
    Server: { get: () => serverClass(info()), enumerable: false },
    Client: { get: () => clientClass(info()), enumerable: false },
  });
  return type;
}
