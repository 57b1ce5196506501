import { MessageBuilder, readStructPointer, type Segment } from '@capnp-kit/wire';
import type { StructBuilderBase, StructReaderBase } from '../struct-base.js';
import { BrokenClient } from './broken-client.js';
import { CallContext } from './call-context.js';
import type { CallRequest, CallResult, ClientHook, Response } from './client-hook.js';
import type { MethodInfo } from './interface-info.js';
import { builderPayload, capabilityAt, emptyPayload, PayloadResponse } from './payload.js';
import { opsKey, PromiseClient } from './promise-client.js';
import { type RequestBuilder, startRequest } from './request.js';
import { writeReturnValue } from './results-writer.js';
import { RpcError, toRpcError } from './rpc-error.js';
import type { Server } from './server.js';

const unimplemented = () =>
  new RpcError('unimplemented', 'Method not implemented.', 'unimplemented');

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

// Results of local calls start small; a results message grows by segments when needed.
const RESULTS_FIRST_SEGMENT_WORDS = 64;

/**
 * One call of a method of a local Server: runs it, turns what it returns (or throws) into the
 * call's results (or error), and answers pipelined calls on its results — queued until the
 * results exist.
 */
export class LocalCall implements CallResult {
  readonly promise: Promise<Response>;
  readonly context: CallContext;
  #resolve!: (r: Response) => void;
  #reject!: (e: unknown) => void;
  #settled = false;
  #response: Response | null = null;
  #error: RpcError | null = null;
  #redirect: CallResult | null = null;
  #pipelines: Map<string, PromiseClient> | null = null;
  #results: {
    builder: StructBuilderBase;
    message: MessageBuilder;
    segment: Segment;
    byte: number;
  } | null = null;
  #params: StructReaderBase | null | undefined = undefined;
  #paramsReleased = false;
  #controller: AbortController | null = null;
  #canceled: RpcError | null = null;

  constructor(
    private readonly server: Server,
    private readonly method: MethodInfo,
    private readonly request: CallRequest,
  ) {
    this.promise = new Promise<Response>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.promise.catch(() => {});
    this.context = new CallContext(this);
  }

  /** True for a call of a `-> stream` method. */
  get streaming(): boolean {
    return this.method.streaming;
  }

  /**
   * Runs the method. Returns a promise if the method is asynchronous (so streaming calls can
   * be run one at a time), else nothing.
   */
  run(): Promise<void> | undefined {
    if (this.#settled) {
      this.releaseParams();
      return undefined;
    }
    const server = this.server as unknown as Record<string, unknown>;
    let value: unknown;
    let contextOnly = false;
    try {
      const impl = server[this.method.name];
      if (typeof impl === 'function') {
        value = impl.call(server, this.params(), this.context);
      } else {
        const withContext = server[`${this.method.name}_context`];
        if (typeof withContext !== 'function') throw unimplemented();
        contextOnly = true;
        value = withContext.call(server, this.context);
      }
    } catch (e) {
      this.#failed(e);
      return undefined;
    }
    if (isThenable(value)) {
      return Promise.resolve(value).then(
        (v) => this.#returned(contextOnly ? undefined : v),
        (e: unknown) => this.#failed(e),
      );
    }
    this.#returned(contextOnly ? undefined : value);
    return undefined;
  }

  #returned(value: unknown): void {
    const redirect = this.#redirect;
    if (redirect !== null) {
      this.releaseParams();
      redirect.promise.then(
        (r) => this.#succeed(r),
        (e: unknown) => this.#fail(toRpcError(e)),
      );
      return;
    }
    if (this.#settled) {
      this.releaseParams();
      return;
    }
    try {
      writeReturnValue(this.method, () => this.results(), value);
    } catch (e) {
      this.#failed(e);
      return;
    }
    this.releaseParams();
    const r = this.#results;
    this.#succeed(
      new PayloadResponse(
        r === null ? emptyPayload() : builderPayload(r.message, r.segment, r.byte),
      ),
    );
  }

  #failed(e: unknown): void {
    this.releaseParams();
    this.#fail(toRpcError(e));
  }

  #succeed(response: Response): void {
    if (this.#settled) {
      response.release();
      return;
    }
    this.#settled = true;
    this.#response = response;
    const pipelines = this.#pipelines;
    this.#pipelines = null;
    if (pipelines !== null) {
      for (const [key, p] of pipelines) {
        p.resolve(capabilityAt(response.payload, key === '' ? [] : key.split('.').map(Number)));
        p.release();
      }
    }
    this.#resolve(response);
  }

  #fail(error: RpcError): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#error = error;
    const pipelines = this.#pipelines;
    this.#pipelines = null;
    if (pipelines !== null) {
      for (const p of pipelines.values()) {
        p.resolve(new BrokenClient(error));
        p.release();
      }
    }
    this.#reject(error);
  }

  cancel(error: RpcError): void {
    if (this.#settled) return;
    this.#canceled = error;
    this.#controller?.abort(error);
    this.#fail(error);
  }

  pipeline(ops: readonly number[]): ClientHook {
    if (this.#response !== null) return capabilityAt(this.#response.payload, ops);
    if (this.#error !== null) return new BrokenClient(this.#error);
    if (this.#redirect !== null) return this.#redirect.pipeline(ops);
    this.#pipelines ??= new Map();
    const key = opsKey(ops);
    const known = this.#pipelines.get(key);
    if (known !== undefined) return known.addRef();
    const p = new PromiseClient();
    this.#pipelines.set(key, p);
    return p.addRef();
  }

  // -- what CallContext exposes --------------------------------------------------------------

  params(): StructReaderBase {
    if (this.#params === undefined) {
      const classes = this.method.params();
      const p = this.request.params;
      this.#params =
        readStructPointer(p.message, p.segment, p.byte, p.message.nestingLimit, classes.Reader) ??
        this.method.registry.defaultStruct(classes, null);
    }
    if (this.#params === null) {
      throw new RpcError('failed', 'The params were released (releaseParams()).', 'released');
    }
    return this.#params;
  }

  results(): StructBuilderBase {
    if (this.#results === null) {
      const classes = this.method.results();
      let place = this.request.resultsAt?.();
      if (place === undefined) {
        const message = new MessageBuilder({ firstSegmentWords: RESULTS_FIRST_SEGMENT_WORDS });
        place = { message, segment: message.rootSegment(), byte: 0 };
      }
      const builder = this.method.registry.initStructAt(
        place.message,
        place.segment,
        place.byte,
        classes,
      );
      this.#results = { builder, ...place };
    }
    return this.#results.builder;
  }

  releaseParams(): void {
    if (this.#paramsReleased) return;
    this.#paramsReleased = true;
    this.#params = null;
    this.request.releaseParams();
  }

  tailCall(request: { send(): unknown }): Promise<void> {
    const r = startRequest(request as RequestBuilder);
    this.#redirect = r;
    const pipelines = this.#pipelines;
    this.#pipelines = null;
    if (pipelines !== null) {
      for (const [key, p] of pipelines) {
        p.resolve(r.pipeline(key === '' ? [] : key.split('.').map(Number)));
        p.release();
      }
    }
    return r.promise.then(
      () => {},
      () => {},
    );
  }

  signal(): AbortSignal {
    if (this.#controller === null) {
      this.#controller = new AbortController();
      if (this.#canceled !== null) this.#controller.abort(this.#canceled);
    }
    return this.#controller.signal;
  }
}
