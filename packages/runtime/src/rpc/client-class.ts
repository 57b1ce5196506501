import { Capability } from './capability.js';
import type { InterfaceInfo } from './interface-info.js';
import { callMethod, newRequest } from './request.js';

/** Constructor of a typed client class (takes the shared reference of `Capability`). */
export type ClientClass = new (ref: Capability['$ref']) => Capability;

const classes = new WeakMap<InterfaceInfo, ClientClass>();

/**
 * The client class of an interface: a Capability subclass with, for each method (its own and
 * inherited ones), `foo(...params)` and `fooRequest()`. A method whose name is also a method of
 * Capability (`release`, `castAs`) shadows it on that interface's clients.
 */
export function clientClass(info: InterfaceInfo): ClientClass {
  let c = classes.get(info);
  if (c === undefined) {
    const made = class extends Capability {};
    Object.defineProperty(made, 'name', { value: `${info.name}.Client` });
    const proto = made.prototype as unknown as Record<string, unknown>;
    for (const method of info.methods) {
      const requestName = `${method.name}Request`;
      if (Object.hasOwn(proto, method.name)) continue;
      Object.defineProperty(proto, method.name, {
        value: function (this: Capability, ...args: unknown[]) {
          return callMethod(this, method, args);
        },
        configurable: true,
        writable: true,
      });
      Object.defineProperty(proto, requestName, {
        value: function (this: Capability) {
          return newRequest(this, method);
        },
        configurable: true,
        writable: true,
      });
    }
    c = made as unknown as ClientClass;
    classes.set(info, c);
  }
  return c;
}
