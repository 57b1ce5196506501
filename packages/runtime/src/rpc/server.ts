import { CapnpError } from '../errors.js';
import type { InterfaceInfo } from './interface-info.js';

/**
 * The base of every capability implementation: `calc.Calculator.Server` is a subclass of it
 * bound to the Calculator interface; an implementation extends that one and defines the
 * interface's methods (`evaluate(params, context)`, or `evaluate_context(context)`). Methods it
 * does not define answer `unimplemented`.
 */
export abstract class Server {
  /** @internal The interface of the generated subclass (inherited by implementations). */
  static readonly $interface: InterfaceInfo | undefined = undefined;
}

/** The interface `server` implements (that of the `X.Server` class it extends). */
export function serverInterface(server: Server): InterfaceInfo {
  const info = (server.constructor as typeof Server).$interface;
  if (info === undefined) {
    throw new CapnpError(
      'invalid-value',
      `${server.constructor.name} extends Server directly; extend an interface's Server class (e.g. calc.Calculator.Server).`,
    );
  }
  return info;
}

const classes = new WeakMap<InterfaceInfo, abstract new () => Server>();

/** The `Server` class of an interface (one per interface and generic bindings). */
export function serverClass(info: InterfaceInfo): abstract new () => Server {
  let c = classes.get(info);
  if (c === undefined) {
    const made = class extends Server {
      static override readonly $interface: InterfaceInfo | undefined = info;
    };
    Object.defineProperty(made, 'name', { value: `${info.name}.Server` });
    c = made;
    classes.set(info, c);
  }
  return c;
}
