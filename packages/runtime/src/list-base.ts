import { ListBuilder, ListReader } from '@capnp-kit/wire';
import { CapnpError } from './errors.js';
import { feature } from './features.js';

/**
 * Base classes of typed lists. `list[i]` reads (and, on builders, `list[i] = v` writes) through
 * a proxy at the far end of the prototype chain: own fields and class methods are found before
 * it, so `get(i)`, `length` and iteration never go through a proxy.
 */

function isIndex(prop: string | symbol): prop is string {
  if (typeof prop !== 'string' || prop.length === 0 || prop.length > 10) return false;
  const c = prop.charCodeAt(0);
  if (c < 48 || c > 57 || (c === 48 && prop.length > 1)) return false;
  for (let i = 1; i < prop.length; i++) {
    const d = prop.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

function indexProxy(base: object): object {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (isIndex(prop)) return (receiver as { get(i: number): unknown }).get(Number(prop));
      return Reflect.get(target, prop, receiver);
    },
    set(target, prop, value, receiver) {
      if (isIndex(prop)) {
        const list = receiver as { set?(i: number, v: unknown): void };
        if (typeof list.set !== 'function') {
          throw new CapnpError('invalid-value', 'Cannot assign to an element of a list reader.');
        }
        list.set(Number(prop), value);
        return true;
      }
      return Reflect.set(target, prop, value, receiver);
    },
    // Keep `instanceof ListReader` (and ListBuilder) true through the proxy.
    getPrototypeOf(target) {
      return target;
    },
    // No `has` trap: it is not given the list (only the shared prototype), so `i in list`
    // cannot be answered here; elements are not properties (use `i < list.length`).
  });
}

/** The error of an index past the end of a list. */
export function outOfRange(i: number, length: number): CapnpError {
  return new CapnpError(
    'out-of-range',
    `List index ${i} is out of range for a list of length ${length}.`,
  );
}

/** A list being read; subclasses implement `get`. */
export abstract class ListReaderBase<T = unknown> extends ListReader {
  // Explicit: the implicit one forwards its arguments with a spread, too large to inline.
  // biome-ignore lint/complexity/noUselessConstructor: see above
  constructor() {
    super();
  }

  /** Element `i`; throws `out-of-range` past the end (never wraps). */
  abstract get(i: number): T;

  /** Throws unless `i` is a valid index. */
  checkIndex(i: number): void {
    if (i >>> 0 !== i || i >= this.length) throw outOfRange(i, this.length);
  }

  override elementByte(i: number): number {
    return this.byte + i * (this.stepBits / 8);
  }

  override pointerByte(i: number): number {
    return this.byte + i * (this.stepBits / 8) + this.structDataBytes;
  }

  [Symbol.iterator](): Iterator<T> {
    let i = 0;
    return {
      next: (): IteratorResult<T> =>
        i < this.length ? { value: this.get(i++), done: false } : { value: undefined, done: true },
    };
  }

  /** The elements as an array. */
  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  /** The text format of the list, as the reference prints lists (see `formatText`). */
  override toString(): string {
    return feature('formatText')(this);
  }

  /** The list as the JSON value the reference writes (see `formatJson`). */
  toJSON(): unknown {
    return feature('toJsonValue')(this);
  }
}
Object.setPrototypeOf(ListReaderBase.prototype, indexProxy(ListReader.prototype));

/** A list being built; subclasses implement `get` and `set`. */
export abstract class ListBuilderBase<T = unknown> extends ListBuilder {
  // Explicit, as ListReaderBase's.
  // biome-ignore lint/complexity/noUselessConstructor: see ListReaderBase
  constructor() {
    super();
  }

  abstract get(i: number): T;
  abstract set(i: number, value: unknown): void;

  checkIndex(i: number): void {
    if (i >>> 0 !== i || i >= this.length) throw outOfRange(i, this.length);
  }

  override elementByte(i: number): number {
    return this.byte + i * (this.stepBits / 8);
  }

  override pointerByte(i: number): number {
    return this.byte + i * (this.stepBits / 8) + this.structDataBytes;
  }

  [Symbol.iterator](): Iterator<T> {
    let i = 0;
    return {
      next: (): IteratorResult<T> =>
        i < this.length ? { value: this.get(i++), done: false } : { value: undefined, done: true },
    };
  }

  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  override toString(): string {
    return feature('formatText')(this);
  }

  toJSON(): unknown {
    return feature('toJsonValue')(this);
  }
}
Object.setPrototypeOf(ListBuilderBase.prototype, indexProxy(ListBuilder.prototype));
