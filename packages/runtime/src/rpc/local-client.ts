import { failedResult } from './broken-client.js';
import { type CallRequest, type CallResult, ClientHook } from './client-hook.js';
import type { InterfaceInfo } from './interface-info.js';
import { LocalCall } from './local-call.js';
import { RpcError } from './rpc-error.js';
import { type Server, serverInterface } from './server.js';

/**
 * The capability of a Server object of this process. Calls run in the order they are made,
 * each from a microtask of its own (never inside the caller's stack). A call of a `-> stream`
 * method blocks the object until it has finished: later calls (streaming or not) wait, so the
 * server sees one streaming call at a time and E-order holds.
 */
export class LocalClient extends ClientHook {
  readonly #info: InterfaceInfo;
  /** A streaming call is running: later calls wait (C++ LocalClient's "blocked" state). */
  #blocked = false;
  #waiting: LocalCall[] = [];

  constructor(readonly server: Server) {
    super();
    this.#info = serverInterface(server);
  }

  call(request: CallRequest): CallResult {
    const method = this.#info.find(request.interfaceId, request.methodId);
    if (method === undefined) {
      request.releaseParams();
      const message = this.#info.implements(request.interfaceId)
        ? 'Method not implemented.'
        : `Requested interface not implemented.; actualInterfaceName = ${this.#info.name}; requestedTypeId = ${request.interfaceId}`;
      return failedResult(new RpcError('unimplemented', message, 'unimplemented'));
    }
    const call = new LocalCall(this.server, method, request);
    if (this.#blocked) this.#waiting.push(call);
    else this.#start(call);
    return call;
  }

  #start(call: LocalCall): void {
    if (!call.streaming) {
      queueMicrotask(() => {
        call.run();
      });
      return;
    }
    this.#blocked = true;
    queueMicrotask(() => {
      const running = call.run();
      if (running === undefined) this.#unblock();
      else running.then(this.#unblock, this.#unblock);
    });
  }

  readonly #unblock = (): void => {
    this.#blocked = false;
    while (!this.#blocked && this.#waiting.length > 0)
      this.#start(this.#waiting.shift() as LocalCall);
  };
}

const clients = new WeakMap<Server, LocalClient>();

/**
 * A new reference to the capability of `server`: the same capability each time while it is
 * referenced (so a server sent twice is one export, and its calls keep their order).
 */
export function localClientFor(server: Server): LocalClient {
  const known = clients.get(server);
  if (known !== undefined && known.refCount > 0) return known.addRef();
  const client = new LocalClient(server);
  clients.set(server, client);
  return client;
}
