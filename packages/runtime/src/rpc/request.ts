import { initStructPointer } from '@capnp-kit/wire';
import { CapnpError } from '../errors.js';
import type { BuilderClass, StructBuilderBase } from '../struct-base.js';
import { releaseCapTable } from './cap-table.js';
import { type Capability, hookOrReleased } from './capability.js';
import type { CallRequest, CallResult, RequestPlace } from './client-hook.js';
import type { MethodInfo } from './interface-info.js';
import { builderPayload } from './payload.js';
import { type RemotePromise, remotePromise } from './remote-promise.js';
import { canceledError } from './rpc-error.js';
import { streamFlowOf } from './stream-flow.js';

/** Options of a call (`send(options)`, or the short form's extra last argument). */
export interface CallOptions {
  /** Cancels the call: its promise rejects (`canceled`) and the peer is sent a Finish. */
  readonly signal?: AbortSignal;
}

interface RequestState {
  readonly client: Capability;
  readonly method: MethodInfo;
  readonly place: RequestPlace;
  sent: boolean;
}

/**
 * A request being built: a builder of the method's params struct (fields set like any struct)
 * with `send()`. Made by `cap.fooRequest()`.
 */
export type RequestBuilder = StructBuilderBase & {
  /** @internal */ _rpc: RequestState;
  send(options?: CallOptions): RemotePromise | Promise<void>;
};

// Per method, the size of its last request: the next one starts with a first segment that big,
// so a typical request needs one allocation and no far pointers (bounded: huge payloads get
// further segments instead of a huge first one every time).
const sizeHints = new WeakMap<MethodInfo, number>();
const MIN_HINT_WORDS = 32;
const MAX_HINT_WORDS = 8192;

const classes = new WeakMap<BuilderClass, BuilderClass>();

function requestClass(Builder: BuilderClass): BuilderClass {
  let c = classes.get(Builder);
  if (c === undefined) {
    c = class extends (Builder as new (...args: ConstructorParameters<BuilderClass>) => object) {
      send(options?: CallOptions): RemotePromise | Promise<void> {
        return sendRequest(this as unknown as RequestBuilder, options);
      }
    } as unknown as BuilderClass;
    classes.set(Builder, c);
  }
  return c;
}

/** A new request of `method` to the capability of `client`. */
export function newRequest(client: Capability, method: MethodInfo): RequestBuilder {
  const hook = hookOrReleased(client);
  const params = method.params();
  const place = hook.newRequestMessage(sizeHints.get(method) ?? MIN_HINT_WORDS);
  const builder = initStructPointer(
    place.message,
    place.segment,
    place.byte,
    params.meta.dataWords,
    params.meta.pointerCount,
    requestClass(params.Builder),
  ) as unknown as RequestBuilder;
  builder._rpc = { client, method, place, sent: false };
  return builder;
}

/** Sends a request; the call in flight. (Streaming flow control is the caller's.) */
export function startRequest(request: RequestBuilder, options?: CallOptions): CallResult {
  const state = request._rpc;
  if (state === undefined) {
    throw new CapnpError('invalid-value', 'Not a request: make one with cap.fooRequest().');
  }
  if (state.sent) throw new CapnpError('invalid-value', 'A request can be sent only once.');
  const hook = hookOrReleased(state.client);
  state.sent = true;
  const { message, segment, byte, outgoing } = state.place;
  const words = message.totalWords;
  sizeHints.set(state.method, Math.min(Math.max(words + 8, MIN_HINT_WORDS), MAX_HINT_WORDS));
  let released = false;
  const call: CallRequest = {
    interfaceId: state.method.interfaceId,
    methodId: state.method.methodId,
    params: builderPayload(message, segment, byte),
    outgoing,
    resultsAt: null,
    releaseParams: () => {
      if (released) return;
      released = true;
      releaseCapTable(message.capTable);
    },
  };
  const result = hook.call(call);
  const signal = options?.signal;
  if (signal !== undefined) cancelOnAbort(result, signal);
  return result;
}

/** Cancels `result` when `signal` aborts (at once if it already has). */
function cancelOnAbort(result: CallResult, signal: AbortSignal): void {
  if (signal.aborted) {
    result.cancel?.(canceledError(signal));
    return;
  }
  const onAbort = () => result.cancel?.(canceledError(signal));
  signal.addEventListener('abort', onAbort, { once: true });
  const done = () => signal.removeEventListener('abort', onAbort);
  result.promise.then(done, done);
}

function sendRequest(
  request: RequestBuilder,
  options?: CallOptions,
): RemotePromise | Promise<void> {
  const method = request._rpc.method;
  if (method.streaming) {
    const hook = hookOrReleased(request._rpc.client);
    const bytes = request._rpc.place.message.totalWords * 8;
    return streamFlowOf(hook).send(bytes, () => startRequest(request, options));
  }
  return remotePromise(method.registry, startRequest(request, options), method.results());
}

/** The short call form: `cap.foo(...params)`, params in schema order, then optional CallOptions. */
export function callMethod(
  client: Capability,
  method: MethodInfo,
  args: readonly unknown[],
): RemotePromise | Promise<void> {
  const names = method.paramNames();
  const extra = args[names.length];
  if (
    args.length > names.length + 1 ||
    (extra !== undefined && (typeof extra !== 'object' || extra === null))
  ) {
    throw new CapnpError(
      'invalid-value',
      `${method.name}(${names.join(', ')}) takes ${names.length} params and then call options ({ signal }); got ${args.length} arguments.`,
    );
  }
  const request = newRequest(client, method);
  try {
    const fields = request as unknown as Record<string, unknown>;
    const n = Math.min(names.length, args.length);
    for (let i = 0; i < n; i++) {
      const v = args[i];
      if (v !== undefined) fields[names[i] as string] = v;
    }
  } catch (e) {
    releaseCapTable(request._rpc.place.message.capTable);
    throw e;
  }
  return request.send(extra as CallOptions | undefined);
}
