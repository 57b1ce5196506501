import { MessageBuilder, type MessageReader, type Segment } from '@capnp-kit/wire';
import { watchBuilderTable } from './cap-table-lifetime.js';
import { RpcError } from './rpc-error.js';

/**
 * Where a call's params or results are: the content pointer of a payload, in a message whose
 * cap table (`message.capTable`) holds the {@link ClientHook}s its capability pointers index.
 */
export interface Payload {
  readonly message: MessageReader;
  readonly segment: Segment;
  /** Byte offset of the content pointer in `segment`. */
  readonly byte: number;
  /** The message being built, when the payload was built here (so it can be sent in place). */
  readonly builder: MessageBuilder | null;
}

/** The results of a call: their payload, whose capabilities it owns until released. */
export interface Response {
  readonly payload: Payload;
  /** Drops the references the results hold on their capabilities (idempotent). */
  release(): void;
}

/** A call on its way to a capability: everything the target needs to run or forward it. */
export interface CallRequest {
  readonly interfaceId: bigint;
  readonly methodId: number;
  readonly params: Payload;
  /**
   * The rpc Message (root `call`) the params were built in, while it has not been sent: a
   * connection sends it in place instead of copying the params.
   */
  readonly outgoing: OutgoingCall | null;
  /**
   * Where a local server builds its results (an incoming call's Return message); null to let it
   * make a message of its own.
   */
  readonly resultsAt: ResultsAllocator | null;
  /** Called exactly once, by whoever consumes the request, when the params are no longer needed. */
  releaseParams(): void;
}

/** An unsent rpc Message whose root is a Call. */
export interface OutgoingCall {
  readonly message: MessageBuilder;
  /** The builders the connection that made it fills in when sending (opaque elsewhere). */
  readonly parts: unknown;
  sent: boolean;
}

/** Where a request's params struct is built: the content pointer of a new message. */
export interface RequestPlace {
  readonly message: MessageBuilder;
  readonly segment: Segment;
  readonly byte: number;
  /** Set when the message is an rpc Call a connection can send in place. */
  readonly outgoing: OutgoingCall | null;
}

/** Gives the place of a results content pointer (in a message whose cap table is ours). */
export type ResultsAllocator = () => {
  readonly message: MessageBuilder;
  readonly segment: Segment;
  readonly byte: number;
};

/** A call in flight: its results to come, and capabilities in them to pipeline calls on. */
export interface CallResult {
  readonly promise: Promise<Response>;
  /**
   * The capability at `ops` (pointer-field indexes from the results' root struct) of the
   * results, usable before they arrive. Returns a new reference.
   */
  pipeline(ops: readonly number[]): ClientHook;
  /**
   * Cancels the call (the caller no longer wants it): its promise rejects with `error` and the
   * callee is told (a Finish for a remote call; the context's signal aborts for a local one).
   */
  cancel?(error: RpcError): void;
}

/**
 * A reference-counted capability as the RPC machinery sees it: a local server, an import from
 * a peer, a promise for a capability, or a broken one. Every holder owns one reference (typed
 * clients, cap tables of messages, tables of connections); the last `release()` destroys it.
 */
export abstract class ClientHook {
  #refs = 1;

  /** Sends or runs a call. Never throws: failures reject the result's promise. */
  abstract call(request: CallRequest): CallResult;

  /**
   * Where to build the params of a call to this capability: a plain message here; capabilities
   * of a connection build the rpc Call message itself, so sending it copies nothing.
   */
  newRequestMessage(firstSegmentWords: number): RequestPlace {
    const message = new MessageBuilder({ firstSegmentWords });
    return { message, segment: message.rootSegment(), byte: 0, outgoing: null };
  }

  /**
   * The connection this capability lives behind (an import or answer of that peer), or null
   * for capabilities of this process.
   */
  get connection(): object | null {
    return null;
  }

  /** True while this is a promise that has not resolved yet. */
  get isPromise(): boolean {
    return false;
  }

  /** The capability this one forwards to once resolved (itself if it is not a promise). */
  resolved(): ClientHook {
    return this;
  }

  /** Resolves when this promise has resolved (at once if it is not a promise). */
  whenResolved(): Promise<void> {
    return Promise.resolve();
  }

  /** The error every call fails with, if this capability is broken. */
  get brokenError(): RpcError | null {
    return null;
  }

  get refCount(): number {
    return this.#refs;
  }

  /** Takes another reference. Throws if the capability was already destroyed. */
  addRef(): this {
    if (this.#refs <= 0) {
      throw new RpcError('failed', 'The capability was already released.', 'released');
    }
    this.#refs++;
    return this;
  }

  /**
   * A reference for `message`'s cap table (the wire layer calls this when it copies a
   * capability pointer into another message). A released capability is returned as is: it
   * reads as released there too.
   */
  retainIn(message: MessageBuilder): this {
    watchBuilderTable(message);
    if (this.#refs > 0) this.#refs++;
    return this;
  }

  /** Drops one reference; the last one destroys the capability. */
  release(): void {
    if (this.#refs <= 0) return;
    if (--this.#refs === 0) this.destroy();
  }

  /** Frees what the capability holds (an import, a server); called once. */
  protected destroy(): void {}
}

/** The innermost capability a chain of resolved promises leads to. */
export function innermost(hook: ClientHook): ClientHook {
  let h = hook;
  for (let next = h.resolved(); next !== h; next = h.resolved()) h = next;
  return h;
}
