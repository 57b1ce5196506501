import type { MessageBuilder } from '@capnp-kit/wire';
import type { AnyPointerReader } from '../any-pointer.js';
import type { ListReaderBase } from '../list-base.js';
import { DEFAULT_READER_OPTIONS } from '../read-options.js';
import type { Answer } from './answer.js';
import { BrokenClient, failedResult, nullCapability, retain } from './broken-client.js';
import { adoptCapTable, hookOf, releaseCapTable } from './cap-table.js';
import type { Capability } from './capability.js';
import {
  type CallRequest,
  type CallResult,
  ClientHook,
  innermost,
  type Payload,
  type RequestPlace,
} from './client-hook.js';
import { IdTable } from './id-table.js';
import { ImportClient } from './import-client.js';
import { handleMessage } from './incoming.js';
import { copyPayload, emptyPayload } from './payload.js';
import { PipelineClient } from './pipeline-client.js';
import { PromiseClient } from './promise-client.js';
import { Question } from './question.js';
import { disconnectedError, RpcError, toRpcError } from './rpc-error.js';
import {
  abortMessage,
  bootstrapMessage,
  fillPromisedAnswer,
  finishMessage,
  newCall,
  newDisembargo,
  newResolve,
  releaseMessage,
  writeException,
} from './rpc-messages.js';
import { RpcPromiseClient } from './rpc-promise-client.js';
import type {
  CapDescriptorBuilder,
  CapDescriptorListBuilder,
  CapDescriptorReader,
  ExceptionBuilder,
  MessageTargetBuilder,
  PayloadBuilder,
  PayloadReader,
  PromisedAnswerBuilder,
} from './rpc-schema.js';
import type { Server } from './server.js';
import { DEFAULT_STREAM_WINDOW_BYTES } from './stream-flow.js';
import type { RpcTransport } from './transport.js';

/** What a connection's peer may ask for with a legacy Bootstrap naming an object (ez_restore). */
export type RestoreFunction = (
  name: string | undefined,
  objectId: AnyPointerReader,
) => Server | Capability | Promise<Server | Capability>;

/** Options of a connection (and of TwoPartyClient / TwoPartyServer). */
export interface RpcConnectionOptions {
  /** The capability the peer's `bootstrap()` gets (a Server or a client). */
  readonly bootstrap?: Server | Capability | null;
  /** Answers the peer's `ezRestore(name)` (Bootstrap with a deprecatedObjectId). */
  readonly restore?: RestoreFunction | null;
  /** Largest incoming message, in words (default 8 Mi, as C++); larger ones abort. */
  readonly traversalLimitInWords?: number;
  /** Deepest pointer nesting of incoming messages (default 64). */
  readonly nestingLimit?: number;
  /** Send the stack of errors thrown by servers (`Exception.trace`); off by default. */
  readonly sendStackTraces?: boolean;
  /** Unacknowledged bytes of `-> stream` calls per capability (default 64 KiB). */
  readonly streamWindowBytes?: number;
  /**
   * Node streams: bytes that may wait unsent (the peer not reading them) before this side stops
   * reading from the peer until they drain (default 1 MiB; see StreamTransport).
   */
  readonly highWaterBytes?: number;
}

/** How many entries each table of a connection holds. */
export interface RpcTableSizes {
  readonly questions: number;
  readonly answers: number;
  readonly imports: number;
  readonly exports: number;
  readonly embargoes: number;
}

/** A capability this side exported: how many times the peer was sent it. */
export interface ExportEntry {
  readonly hook: ClientHook;
  refcount: number;
  readonly isPromise: boolean;
}

/** A capability the peer exported. */
export interface ImportEntry {
  /** The import (not owned here: its last release removes the entry). */
  readonly client: ImportClient;
  /** How many times the peer sent it (the count of the Release to send). */
  remoteRefs: number;
  /** For a `senderPromise`: the promise its Resolve settles (not owned here). */
  promise: RpcPromiseClient | null;
}

/** A protocol violation by the peer: the connection is aborted. */
export function protocolError(message: string): RpcError {
  return new RpcError('failed', message, 'protocol');
}

/**
 * One RPC connection (a two-party vat connection): the four tables of rpc.capnp — questions
 * (calls this side made), answers (calls the peer made), exports (capabilities this side
 * hosts for the peer) and imports (the peer's) — and the embargoes, over one transport.
 */
export class RpcConnection {
  /** @internal */ readonly questions = new IdTable<Question>();
  /** @internal */ readonly answers = new Map<number, Answer>();
  /** @internal */ readonly exports = new IdTable<ExportEntry>();
  /** @internal */ readonly imports = new Map<number, ImportEntry>();
  /** @internal */ readonly embargoes = new IdTable<() => void>();
  readonly #exportsByHook = new Map<ClientHook, number>();
  readonly #transport: RpcTransport;
  #bootstrap: ClientHook | null;
  /** @internal */ readonly restore: RestoreFunction | null;
  /** @internal */ readonly readerOptions: { traversalLimitInWords: number; nestingLimit: number };
  /** @internal */ readonly sendStackTraces: boolean;
  readonly streamWindowBytes: number;
  #open = true;
  #error: RpcError | null = null;
  #ended!: (error: RpcError) => void;
  /** Resolves when the connection ends, with the reason. */
  readonly closed: Promise<RpcError>;

  constructor(transport: RpcTransport, options: RpcConnectionOptions = {}) {
    this.#transport = transport;
    this.#bootstrap =
      options.bootstrap === undefined || options.bootstrap === null
        ? null
        : hookOf(options.bootstrap);
    this.restore = options.restore ?? null;
    this.readerOptions = {
      traversalLimitInWords:
        options.traversalLimitInWords ?? DEFAULT_READER_OPTIONS.traversalLimitInWords,
      nestingLimit: options.nestingLimit ?? DEFAULT_READER_OPTIONS.nestingLimit,
    };
    this.sendStackTraces = options.sendStackTraces ?? false;
    this.streamWindowBytes = options.streamWindowBytes ?? DEFAULT_STREAM_WINDOW_BYTES;
    this.closed = new Promise<RpcError>((resolve) => {
      this.#ended = resolve;
    });
    transport.start({
      message: (segments) => handleMessage(this, segments),
      malformed: (error) =>
        this.abort(protocolError(`Received a malformed frame: ${error.message}`)),
      end: (error) =>
        this.#disconnect(
          disconnectedError(
            error === undefined ? 'Peer disconnected.' : `Connection failed: ${error.message}`,
            error,
          ),
        ),
      awaitsPeer: () => this.questions.size > 0,
    });
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Why the connection ended (null while it is open). */
  get error(): RpcError | null {
    return this.#error;
  }

  /** The number of entries of each table (all zero once every call and capability is done). */
  tableSizes(): RpcTableSizes {
    return {
      questions: this.questions.size,
      answers: this.answers.size,
      imports: this.imports.size,
      exports: this.exports.size,
      embargoes: this.embargoes.size,
    };
  }

  /** The peer's bootstrap capability (or, with `name`, its legacy named export). New reference. */
  bootstrap(name?: string): ClientHook {
    if (!this.#open) return new BrokenClient(this.#error as RpcError);
    const q = new Question(this, true);
    q.id = this.questions.add(q);
    this.send(bootstrapMessage(q.id, name));
    return q.pipeline([]);
  }

  /** @internal The capability offered by bootstrap (a new reference), or null. */
  bootstrapHook(): ClientHook | null {
    return this.#bootstrap === null ? null : retain(this.#bootstrap);
  }

  /** Ends the connection: pending calls fail with `disconnected`, the transport closes. */
  close(): Promise<RpcError> {
    this.#disconnect(disconnectedError('Connection closed.'));
    return this.closed;
  }

  /** Sends Abort (the peer broke the protocol, or the application gives up) and disconnects. */
  abort(error: RpcError): void {
    if (!this.#open) return;
    try {
      this.send(abortMessage(error));
    } catch {
      // Nothing more can be done for a peer that cannot even be told.
    }
    this.#disconnect(new RpcError('disconnected', error.message, error.code, { cause: error }));
  }

  /** @internal The peer sent Abort: disconnect without answering. */
  abortedByPeer(error: RpcError): void {
    this.#disconnect(error);
  }

  /** @internal Queues a message for the peer. */
  send(message: MessageBuilder): void {
    if (this.#open) this.#transport.send(message.toSegments());
  }

  // -- calls out --------------------------------------------------------------------------------

  /** @internal Where to build a call's params: in the Call message, sent in place. */
  newCallMessage(firstSegmentWords: number): RequestPlace {
    const parts = newCall(firstSegmentWords + 16);
    const content = parts.params.content;
    return {
      message: parts.root._message,
      segment: content._segment,
      byte: content._byte,
      outgoing: { message: parts.root._message, parts, sent: false },
    };
  }

  /** @internal Sends a call to `target` (an import or a pipelined capability of the peer). */
  sendCall(target: ImportClient | PipelineClient, request: CallRequest): CallResult {
    if (!this.#open) {
      request.releaseParams();
      return failedResult(this.#error as RpcError);
    }
    const out = request.outgoing;
    let parts: ReturnType<typeof newCall>;
    let copied = false;
    if (out !== null && !out.sent) {
      out.sent = true;
      parts = out.parts as ReturnType<typeof newCall>;
    } else {
      parts = newCall(request.params.message.segments.length * 64 + 32);
      const content = parts.params.content;
      try {
        copyPayload(parts.root._message, content._segment, content._byte, request.params);
      } catch (e) {
        releaseCapTable(parts.root._message.capTable);
        request.releaseParams();
        return failedResult(protocolError(`Cannot forward the call: ${String(e)}`));
      }
      copied = true;
    }
    const message = parts.root._message;
    if (message.totalWords >= this.readerOptions.traversalLimitInWords) {
      if (copied) releaseCapTable(message.capTable);
      request.releaseParams();
      return failedResult(
        new RpcError(
          'failed',
          `Trying to send a Cap'n Proto message of ${message.totalWords} words, larger than the limit of ${this.readerOptions.traversalLimitInWords}.`,
          'local',
        ),
      );
    }
    const q = new Question(this);
    q.id = this.questions.add(q);
    const call = parts.call;
    call.questionId = q.id;
    call.interfaceId = request.interfaceId;
    call.methodId = request.methodId;
    this.writeTarget(call.init('target') as MessageTargetBuilder, target);
    q.paramExports = this.writeCapTable(parts.params, message.capTable);
    this.send(message);
    if (copied) releaseCapTable(message.capTable);
    request.releaseParams();
    return q;
  }

  /** @internal Cancels a question: Finish (the peer drops the call), and the promise rejects. */
  cancelQuestion(q: Question, error: RpcError): void {
    if (q.returned || q.finishSent || !this.#open) return;
    q.finishSent = true;
    this.send(finishMessage(q.id, true));
    q.fail(error);
  }

  /** @internal Writes where a call to `hook` (a capability of the peer) goes. */
  writeTarget(target: MessageTargetBuilder, hook: ImportClient | PipelineClient): void {
    if (hook instanceof ImportClient) target.importedCap = hook.importId;
    else {
      const pa = target.init('promisedAnswer') as PromisedAnswerBuilder;
      fillPromisedAnswer(pa, hook.question.id, hook.ops);
    }
  }

  /**
   * @internal Starts an embargo on a promise that resolved to a capability of this side:
   * sends Disembargo(senderLoopback) through `initial`; `lift` runs when the peer echoes it.
   */
  startEmbargo(initial: ImportClient | PipelineClient, lift: () => void): void {
    const id = this.embargoes.add(lift);
    const { root, disembargo, target } = newDisembargo();
    this.writeTarget(target, initial);
    disembargo.context.senderLoopback = id;
    this.send(root._message);
  }

  // -- capabilities in payloads ---------------------------------------------------------------

  /** @internal Writes the cap table of a payload being sent; returns the export IDs written. */
  writeCapTable(payload: PayloadBuilder, table: readonly unknown[]): number[] {
    const exported: number[] = [];
    if (table.length === 0) return exported;
    const list = payload.init('capTable', table.length) as unknown as CapDescriptorListBuilder;
    for (let i = 0; i < table.length; i++) {
      const entry = table[i];
      const d = list.get(i);
      if (entry instanceof ClientHook) {
        const id = this.#writeDescriptor(d, entry);
        if (id !== null) exported.push(id);
      } else d.none = null;
    }
    return exported;
  }

  #writeDescriptor(d: CapDescriptorBuilder, hook: ClientHook): number | null {
    let h = innermost(hook);
    if (h instanceof RpcPromiseClient && h.conn === this) h = h.initial ?? h.resolved();
    if (h.connection === this) {
      if (h instanceof ImportClient) {
        d.receiverHosted = h.importId;
        return null;
      }
      if (h instanceof PipelineClient) {
        const pa = d.init('receiverAnswer') as PromisedAnswerBuilder;
        fillPromisedAnswer(pa, h.question.id, h.ops);
        return null;
      }
    }
    const known = this.#exportsByHook.get(h);
    if (known !== undefined) {
      const e = this.exports.get(known) as ExportEntry;
      e.refcount++;
      if (e.isPromise) d.senderPromise = known;
      else d.senderHosted = known;
      return known;
    }
    const isPromise = h.isPromise;
    const id = this.exports.add({ hook: retain(h), refcount: 1, isPromise });
    this.#exportsByHook.set(h, id);
    if (isPromise) {
      d.senderPromise = id;
      const promise = h;
      promise.whenResolved().then(
        () => this.#resolveExport(id, promise),
        () => this.#resolveExport(id, promise),
      );
    } else d.senderHosted = id;
    return id;
  }

  // An exported promise settled: tell the peer what it resolved to.
  #resolveExport(id: number, promise: ClientHook): void {
    if (!this.#open) return;
    const e = this.exports.get(id);
    if (e === undefined || e.hook !== promise) return;
    if (this.#exportsByHook.get(promise) === id) this.#exportsByHook.delete(promise);
    const resolution = innermost(promise);
    const { root, resolve } = newResolve(id);
    const broken = resolution.brokenError;
    if (broken !== null) {
      writeException(resolve.init('exception') as ExceptionBuilder, broken, false);
    } else {
      this.#writeDescriptor(resolve.init('cap') as CapDescriptorBuilder, resolution);
    }
    this.send(root._message);
  }

  /** @internal The hooks of a received payload's cap table (new references). */
  readCapTable(list: ListReaderBase<CapDescriptorReader>): ClientHook[] {
    const n = list.length;
    const hooks: ClientHook[] = [];
    try {
      for (let i = 0; i < n; i++) hooks.push(this.readDescriptor(list.get(i)));
    } catch (e) {
      for (const h of hooks) h.release();
      throw e;
    }
    return hooks;
  }

  /** @internal The capability a received CapDescriptor designates (a new reference). */
  readDescriptor(d: CapDescriptorReader): ClientHook {
    switch (d.which()) {
      case 'none':
        return nullCapability();
      case 'senderHosted':
        return this.#import(d.senderHosted, false);
      case 'senderPromise':
        return this.#import(d.senderPromise, true);
      case 'receiverHosted': {
        const e = this.exports.get(d.receiverHosted);
        if (e === undefined) {
          throw protocolError(`CapDescriptor.receiverHosted ${d.receiverHosted} is not an export.`);
        }
        return retain(e.hook);
      }
      case 'receiverAnswer': {
        const pa = d.receiverAnswer;
        const answer = this.answers.get(pa.questionId);
        if (answer === undefined) {
          throw protocolError(`CapDescriptor.receiverAnswer ${pa.questionId} is not an answer.`);
        }
        if (!answer.returnSent) answer.pipelined = true;
        return answer.pipeline(transformOps(pa.transform));
      }
      case 'thirdPartyHosted':
        // Two parties only: the vine (a capability of the sender) stands for it.
        return this.#import(d.thirdPartyHosted.vineId, false);
      default:
        throw protocolError(`Unknown CapDescriptor type: ${d.which()}.`);
    }
  }

  #import(id: number, isPromise: boolean): ClientHook {
    const known = this.imports.get(id);
    if (known !== undefined) {
      known.remoteRefs++;
      const p = known.promise;
      if (p !== null && p.refCount > 0) return p.addRef();
      return known.client.addRef();
    }
    const client = new ImportClient(this, id);
    const entry: ImportEntry = { client, remoteRefs: 1, promise: null };
    this.imports.set(id, entry);
    if (!isPromise) return client;
    const promise = new RpcPromiseClient(this, client);
    entry.promise = promise;
    return promise;
  }

  /** @internal The last reference to an import is gone: release it on the peer. */
  releaseImport(client: ImportClient): void {
    const entry = this.imports.get(client.importId);
    if (entry?.client !== client) return;
    this.imports.delete(client.importId);
    if (this.#open) this.send(releaseMessage(client.importId, entry.remoteRefs));
  }

  /** @internal Drops `count` references the peer held on export `id`. */
  releaseExport(id: number, count: number): void {
    const e = this.exports.get(id);
    if (e === undefined) throw protocolError(`Release of export ${id}, which does not exist.`);
    if (count > e.refcount) {
      throw protocolError(
        `Release of ${count} references to export ${id}, which was sent ${e.refcount} times.`,
      );
    }
    e.refcount -= count;
    if (e.refcount > 0) return;
    this.exports.delete(id);
    if (this.#exportsByHook.get(e.hook) === id) this.#exportsByHook.delete(e.hook);
    e.hook.release();
  }

  /** @internal The payload of a received Payload struct, its cap table adopted. */
  receivedPayload(p: PayloadReader): Payload {
    const message = p._message;
    adoptCapTable(message, this.readCapTable(p.capTable));
    const content = p.content;
    if (content._byte < 0) return emptyPayload();
    return { message, segment: content._segment, byte: content._byte, builder: null };
  }

  // -- the end ---------------------------------------------------------------------------------

  #disconnect(error: RpcError): void {
    if (!this.#open) return;
    this.#open = false;
    this.#error = error;
    const questions = this.questions.values();
    this.questions.clear();
    for (const q of questions) q.fail(error);
    const answers = [...this.answers.values()];
    this.answers.clear();
    for (const a of answers) {
      a.result?.cancel?.(error);
      a.response?.release();
      a.response = null;
    }
    const exports = this.exports.values();
    this.exports.clear();
    this.#exportsByHook.clear();
    for (const e of exports) e.hook.release();
    // Promises the peer would have resolved never will: they break, so their waiters learn.
    const imports = [...this.imports.values()];
    this.imports.clear();
    for (const entry of imports) {
      const p = entry.promise;
      if (p !== null && p.refCount > 0 && p.isPromise) p.resolve(new BrokenClient(error));
    }
    // Calls held by embargoes go to their (local) destination: nothing will be reflected now.
    const embargoes = this.embargoes.values();
    this.embargoes.clear();
    for (const lift of embargoes) lift();
    this.#bootstrap?.release();
    this.#bootstrap = null;
    this.#transport.close();
    this.#ended(error);
  }
}

/** The pointer-field indexes of a PromisedAnswer transform (`noop`s skipped). */
export function transformOps(
  transform: ListReaderBase<{ which(): string; readonly getPointerField: number }>,
): number[] {
  const ops: number[] = [];
  for (let i = 0; i < transform.length; i++) {
    const op = transform.get(i);
    const kind = op.which();
    if (kind === 'getPointerField') ops.push(op.getPointerField);
    else if (kind !== 'noop') throw protocolError(`Unknown PromisedAnswer.Op: ${kind}.`);
  }
  return ops;
}

/** Resolves a local promise of a capability given as a Server or client (restore may be async). */
export function promisedHook(value: Promise<Server | Capability>): ClientHook {
  const p = new PromiseClient();
  value
    .then((v) => hookOf(v))
    .then(
      (hook) => p.resolve(hook),
      (e: unknown) => p.resolve(new BrokenClient(toRpcError(e))),
    );
  return p;
}
