/// <reference lib="esnext.disposable" />
import type { Registry, StructClasses } from '../registry.js';
import type { StructReaderBase } from '../struct-base.js';
import { clientOf } from './capability.js';
import type { CallResult, ClientHook } from './client-hook.js';
import { interfaceInfo } from './interface-info.js';
import { readResponse } from './response.js';
import { toRpcError } from './rpc-error.js';

/**
 * The promise a call returns: it resolves to the results (a reader of the results struct) and
 * is pipelined — its properties mirror the results' capability fields (and the struct fields
 * leading to them), so `p.value.read()` calls the capability the results will hold, before they
 * arrive, with no extra round trip (PromisedAnswer targets).
 */
export class RemotePromise<T = StructReaderBase> extends Promise<T> {
  // `then` and friends make plain promises, not pipelined ones.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** @internal */ declare $result: CallResult;

  /** Releases the results' capabilities when they arrive (or now, if they have). */
  [Symbol.dispose](): void {
    this.$result.promise.then(
      (r) => r.release(),
      () => {},
    );
  }
}

/** A struct field of results not yet received: its capability fields can be pipelined on. */
class PipelinedStruct {
  constructor(
    /** @internal */ readonly $result: CallResult,
    /** @internal */ readonly $ops: readonly number[],
  ) {}
}

const SKIPPED = new Set(['then', 'catch', 'finally', 'constructor']);

type Pipelined = { $result: CallResult; $ops?: readonly number[] };

function hookAt(owner: Pipelined, index: number): ClientHook {
  return owner.$result.pipeline(index < 0 ? (owner.$ops ?? []) : [...(owner.$ops ?? []), index]);
}

/** Defines a getter per field of `classes` through which capabilities can be pipelined. */
function defineGetters(reg: Registry, proto: object, classes: StructClasses): void {
  for (const f of classes.meta.info.fields) {
    if (SKIPPED.has(f.name)) continue;
    let get: ((this: Pipelined) => unknown) | undefined;
    if (f.field.which === 'group') {
      const id = f.field.group.typeId;
      const brand = classes.meta.info.brand;
      get = function () {
        const Struct = pipelinedStructClass(reg, reg.structClasses(id, brand));
        return new Struct(this.$result, this.$ops ?? []);
      };
    } else {
      const type = f.type;
      const index = f.field.slot.offset;
      if (type?.which === 'interface') {
        const { typeId, brand } = type;
        get = function () {
          return clientOf(hookAt(this, index), interfaceInfo(reg, typeId, brand));
        };
      } else if (type?.which === 'anyPointer') {
        get = function () {
          return clientOf(hookAt(this, index), null);
        };
      } else if (type?.which === 'struct') {
        const { typeId, brand } = type;
        get = function () {
          const Struct = pipelinedStructClass(reg, reg.structClasses(typeId, brand));
          return new Struct(this.$result, [...(this.$ops ?? []), index]);
        };
      }
    }
    if (get !== undefined) Object.defineProperty(proto, f.name, { get, configurable: true });
  }
}

const structClasses = new WeakMap<StructClasses, typeof PipelinedStruct>();
type RemotePromiseClass = new (
  executor: (resolve: (v: StructReaderBase) => void, reject: (e: unknown) => void) => void,
) => RemotePromise<StructReaderBase>;

const promiseClasses = new WeakMap<StructClasses, RemotePromiseClass>();

function pipelinedStructClass(reg: Registry, classes: StructClasses): typeof PipelinedStruct {
  let c = structClasses.get(classes);
  if (c === undefined) {
    c = class extends PipelinedStruct {};
    defineGetters(reg, c.prototype, classes);
    structClasses.set(classes, c);
  }
  return c;
}

function promiseClass(reg: Registry, classes: StructClasses): RemotePromiseClass {
  let c = promiseClasses.get(classes);
  if (c === undefined) {
    const made = class extends RemotePromise<StructReaderBase> {};
    defineGetters(reg, made.prototype, classes);
    c = made;
    promiseClasses.set(classes, c);
  }
  return c;
}

/** The pipelined promise of a call's results, read as `results` (struct classes). */
export function remotePromise(
  reg: Registry,
  result: CallResult,
  results: StructClasses,
): RemotePromise {
  const Class = promiseClass(reg, results);
  let resolve!: (v: StructReaderBase) => void;
  let reject!: (e: unknown) => void;
  const p = new Class((res, rej) => {
    resolve = res;
    reject = rej;
  });
  p.$result = result;
  result.promise.then((response) => {
    let reader: StructReaderBase;
    try {
      reader = readResponse(response, results);
    } catch (e) {
      // Results whose root pointer is malformed (the peer's fault): the call fails with why.
      response.release();
      reject(toRpcError(e, 'protocol'));
      return;
    }
    resolve(reader);
  }, reject);
  // Calls are often made only to pipeline on (or fire and forget): a failure nobody awaits must
  // not become an unhandled rejection. Awaiting the promise still throws.
  p.then(undefined, () => {});
  return p;
}
