import { type MessageBuilder, setCapabilityPointer } from '@capnp-kit/wire';
import { Text } from '../type-token.js';
import { Answer } from './answer.js';
import { BrokenClient, retain } from './broken-client.js';
import { hookOf, releaseCapTable } from './cap-table.js';
import {
  type CallRequest,
  type CallResult,
  type ClientHook,
  innermost,
  type Response,
} from './client-hook.js';
import { promisedHook, protocolError, type RpcConnection, transformOps } from './connection.js';
import { ImportClient } from './import-client.js';
import { capabilityAt, copyPayload, PayloadResponse } from './payload.js';
import { PipelineClient } from './pipeline-client.js';
import type { Question } from './question.js';
import { RpcError, toRpcError } from './rpc-error.js';
import {
  finishMessage,
  newDisembargo,
  newReturn,
  returnCanceled,
  returnException,
  returnResultsSentElsewhere,
  unimplementedMessage,
} from './rpc-messages.js';
import { RpcPromiseClient } from './rpc-promise-client.js';
import {
  type BootstrapReader,
  type CallReader,
  type DisembargoReader,
  type ExceptionReader,
  type FinishReader,
  type MessageTargetBuilder,
  type MessageTargetReader,
  type PayloadBuilder,
  type ResolveReader,
  type ReturnReader,
  type RpcMessageReader,
  rpcSchema,
} from './rpc-schema.js';

/**
 * What a connection does with each message the peer sends (rpc.capnp). A message that breaks
 * the protocol — malformed, or naming a question, answer, export or embargo that does not
 * exist — aborts the connection; a message type this side does not implement is echoed back
 * as `unimplemented`, as the protocol asks.
 */
export function handleMessage(conn: RpcConnection, segments: Uint8Array[]): void {
  if (!conn.isOpen) return;
  try {
    const msg = rpcSchema().Message.fromSegments(segments, conn.readerOptions);
    switch (msg.which()) {
      case 'call':
        handleCall(conn, msg.call);
        break;
      case 'return':
        handleReturn(conn, msg.return);
        break;
      case 'finish':
        handleFinish(conn, msg.finish);
        break;
      case 'resolve':
        handleResolve(conn, msg.resolve);
        break;
      case 'release':
        conn.releaseExport(msg.release.id, msg.release.referenceCount);
        break;
      case 'disembargo':
        handleDisembargo(conn, msg.disembargo, msg);
        break;
      case 'bootstrap':
        handleBootstrap(conn, msg.bootstrap);
        break;
      case 'abort':
        handleAbort(conn, msg.abort);
        break;
      case 'unimplemented':
        handleUnimplemented(conn, msg.unimplemented);
        break;
      default:
        // obsoleteSave/obsoleteDelete, provide/accept/join (levels 2-4) and types added after
        // this implementation: the peer learns this side does not do them.
        conn.send(unimplementedMessage(msg));
    }
  } catch (e) {
    conn.abort(
      e instanceof RpcError && e.code === 'protocol'
        ? e
        : protocolError(
            `Received a malformed RPC message: ${e instanceof Error ? e.message : String(e)}`,
          ),
    );
  }
}

/** An Exception from the peer as an RpcError. */
export function remoteError(e: ExceptionReader): RpcError {
  const type = typeof e.type === 'string' ? e.type : 'failed';
  const trace = e.trace;
  return new RpcError(type, e.reason, 'remote', trace === '' ? undefined : { remoteTrace: trace });
}

/** The capability a Call or Disembargo targets (a new reference). */
function targetHook(conn: RpcConnection, t: MessageTargetReader): ClientHook {
  switch (t.which()) {
    case 'importedCap': {
      const e = conn.exports.get(t.importedCap);
      if (e === undefined) throw protocolError(`Call target ${t.importedCap} is not an export.`);
      return retain(e.hook);
    }
    case 'promisedAnswer': {
      const pa = t.promisedAnswer;
      const answer = conn.answers.get(pa.questionId);
      if (answer === undefined) {
        throw protocolError(
          `PromisedAnswer names question ${pa.questionId}, which is not an answer.`,
        );
      }
      if (!answer.returnSent) answer.pipelined = true;
      return answer.pipeline(transformOps(pa.transform));
    }
    default:
      throw protocolError(`Unknown MessageTarget type: ${t.which()}.`);
  }
}

function newAnswer(conn: RpcConnection, id: number): Answer {
  if (conn.answers.has(id)) throw protocolError(`Question ID ${id} is already in use.`);
  const answer = new Answer(id);
  conn.answers.set(id, answer);
  return answer;
}

function handleBootstrap(conn: RpcConnection, b: BootstrapReader): void {
  const answer = newAnswer(conn, b.questionId);
  const objectId = b.deprecatedObjectId;
  let hook: ClientHook;
  try {
    if (!objectId.isNull()) {
      if (conn.restore === null) {
        throw new RpcError(
          'failed',
          "This vat only supports a bootstrap interface, not the old Cap'n-Proto-0.4-style named exports.",
          'local',
        );
      }
      const name = objectId.kind === 'list' ? (objectId.getAs(Text) as string) : undefined;
      const restored = conn.restore(name, objectId);
      hook = restored instanceof Promise ? promisedHook(restored) : hookOf(restored);
    } else {
      const main = conn.bootstrapHook();
      if (main === null) {
        throw new RpcError('failed', 'This vat does not expose a bootstrap interface.', 'local');
      }
      hook = main;
    }
  } catch (e) {
    sendError(conn, answer, toRpcError(e));
    return;
  }
  const { root, ret } = newReturn(answer.id, 24);
  ret.releaseParamCaps = true;
  const payload = ret.init('results') as PayloadBuilder;
  const content = payload.content;
  const message = root._message;
  message.capTable.push(hook);
  setCapabilityPointer(message, content._segment, content._byte, 0);
  answer.resultExports = conn.writeCapTable(payload, message.capTable);
  answer.response = new PayloadResponse({
    message: message.asReader(),
    segment: content._segment,
    byte: content._byte,
    builder: message,
  });
  answer.returnSent = true;
  conn.send(message);
}

/** The Return message a local server built its results in. */
interface PreparedReturn {
  readonly root: { readonly _message: MessageBuilder };
  readonly payload: PayloadBuilder;
}

function handleCall(conn: RpcConnection, c: CallReader): void {
  const target = targetHook(conn, c.target);
  let answer: Answer;
  try {
    answer = newAnswer(conn, c.questionId);
  } catch (e) {
    target.release();
    throw e;
  }
  const sendTo = c.sendResultsTo.which();
  if (sendTo === 'thirdParty') {
    target.release();
    sendError(
      conn,
      answer,
      new RpcError('unimplemented', 'Third-party handoff is not supported.', 'unimplemented'),
    );
    return;
  }
  answer.redirected = sendTo === 'yourself';
  let params: CallRequest['params'];
  try {
    params = conn.receivedPayload(c.params);
  } catch (e) {
    target.release();
    throw e;
  }
  let released = false;
  let prepared: PreparedReturn | null = null;
  const request: CallRequest = {
    interfaceId: c.interfaceId,
    methodId: c.methodId,
    params,
    outgoing: null,
    resultsAt: answer.redirected
      ? null
      : () => {
          const { root, ret } = newReturn(answer.id, 32);
          const payload = ret.init('results') as PayloadBuilder;
          prepared = { root, payload };
          const content = payload.content;
          return { message: root._message, segment: content._segment, byte: content._byte };
        },
    releaseParams: () => {
      if (released) return;
      released = true;
      releaseCapTable(params.message.capTable as unknown[]);
    },
  };
  const result = target.call(request);
  target.release();
  answer.result = result;
  result.promise.then(
    (response) => sendResults(conn, answer, response, prepared),
    (e: unknown) => sendError(conn, answer, toRpcError(e)),
  );
}

function sendResults(
  conn: RpcConnection,
  answer: Answer,
  response: Response,
  prepared: PreparedReturn | null,
): void {
  if (!conn.isOpen || answer.returnSent) {
    if (!answer.taken) response.release();
    return;
  }
  if (answer.redirected) {
    answer.returnSent = true;
    if (!answer.taken) answer.response = response;
    conn.send(returnResultsSentElsewhere(answer.id));
  } else {
    let message = prepared?.root._message;
    let payload = prepared?.payload;
    let copied = false;
    if (message === undefined || payload === undefined || response.payload.builder !== message) {
      const fresh = newReturn(answer.id, 32);
      payload = fresh.ret.init('results') as PayloadBuilder;
      message = fresh.root._message;
      const content = payload.content;
      try {
        copyPayload(message, content._segment, content._byte, response.payload);
      } catch (e) {
        // Results that cannot be read — a peer's malformed Return, when this call was forwarded
        // to a capability of that peer — fail the call with why, as the reference does.
        releaseCapTable(message.capTable);
        if (!answer.taken) response.release();
        sendError(conn, answer, toRpcError(e, 'protocol'));
        return;
      }
      copied = true;
    }
    answer.returnSent = true;
    // Results taken by a takeFromOtherQuestion belong to that question.
    if (!answer.taken) answer.response = response;
    answer.resultExports = conn.writeCapTable(payload, message.capTable);
    conn.send(message);
    if (copied) releaseCapTable(message.capTable);
  }
  if (answer.finishReceived) dropAnswer(conn, answer);
}

function sendError(conn: RpcConnection, answer: Answer, error: RpcError): void {
  if (!conn.isOpen || answer.returnSent) return;
  answer.returnSent = true;
  answer.error = error;
  conn.send(returnException(answer.id, error, conn.sendStackTraces));
  if (answer.finishReceived) dropAnswer(conn, answer);
}

/** Forgets an answer whose Return was sent and whose Finish arrived. */
function dropAnswer(conn: RpcConnection, answer: Answer): void {
  if (conn.answers.get(answer.id) === answer) conn.answers.delete(answer.id);
  if (answer.releaseResultCaps) {
    const ids = answer.resultExports;
    answer.resultExports = [];
    for (const id of ids) conn.releaseExport(id, 1);
  }
  answer.response?.release();
  answer.response = null;
}

function handleFinish(conn: RpcConnection, f: FinishReader): void {
  const answer = conn.answers.get(f.questionId);
  if (answer === undefined || answer.finishReceived) {
    throw protocolError(`Finish for question ${f.questionId}, which is not an answer.`);
  }
  answer.finishReceived = true;
  answer.releaseResultCaps = f.releaseResultCaps;
  if (answer.returnSent) {
    dropAnswer(conn, answer);
    return;
  }
  // The call is still running. Unless calls were pipelined on its results (rpc.capnp: the
  // callee may cancel only if nothing else cares about them), it is cancelled now.
  if (!answer.pipelined) {
    answer.returnSent = true;
    answer.result?.cancel?.(
      new RpcError('failed', 'The call was canceled by the caller.', 'canceled'),
    );
    conn.send(returnCanceled(answer.id));
    dropAnswer(conn, answer);
  }
  // Otherwise the answer goes when its Return is sent.
}

function handleReturn(conn: RpcConnection, r: ReturnReader): void {
  const q = conn.questions.get(r.answerId);
  if (q === undefined)
    throw protocolError(`Return for question ${r.answerId}, which was not asked.`);
  if (r.releaseParamCaps) {
    const ids = q.paramExports;
    q.paramExports = [];
    for (const id of ids) conn.releaseExport(id, 1);
  }
  q.returned = true;
  let response: Response | null = null;
  let error: RpcError | null = null;
  switch (r.which()) {
    case 'results':
      // After a Finish that released the results' capabilities, the peer keeps them: the
      // cap table is not imported.
      if (!q.finishSent) response = new PayloadResponse(conn.receivedPayload(r.results));
      break;
    case 'exception':
      error = remoteError(r.exception);
      break;
    case 'canceled':
      error = new RpcError('failed', 'The call was canceled.', 'canceled');
      break;
    case 'takeFromOtherQuestion': {
      // A tail call: the peer sent the call back here with `sendResultsTo.yourself`; its
      // results (maybe still to come) answer this question.
      const answer = conn.answers.get(r.takeFromOtherQuestion);
      if (answer === undefined || !answer.redirected || answer.taken) {
        throw protocolError(
          `Return.takeFromOtherQuestion names ${r.takeFromOtherQuestion}, which holds no results sent elsewhere.`,
        );
      }
      answer.taken = true;
      if (answer.response !== null) {
        response = answer.response;
        answer.response = null;
      } else if (answer.error !== null) error = answer.error;
      else {
        takeLater(conn, q, answer);
        return;
      }
      break;
    }
    case 'resultsSentElsewhere':
      throw protocolError('Return.resultsSentElsewhere for a call that did not ask for it.');
    default:
      throw protocolError(`Unsupported Return type: ${r.which()}.`);
  }
  finishQuestion(conn, q, (ops) =>
    response !== null ? capabilityAt(response.payload, ops) : new BrokenClient(error as RpcError),
  );
  if (response !== null) {
    q.succeed(response);
    if (q.internal) response.release();
  } else q.fail(error ?? new RpcError('failed', 'The call was canceled.', 'canceled'));
}

/** Settles the pipelines of a returned question, sends its Finish and frees its ID. */
function finishQuestion(
  conn: RpcConnection,
  q: Question,
  hookAt: (ops: number[]) => ClientHook,
): void {
  if (!q.finishSent) {
    q.resolvePipelines(hookAt);
    q.finishSent = true;
    conn.send(finishMessage(q.id, false));
  }
  conn.questions.delete(q.id);
}

/** A question answered by a redirected call of this side that has not finished yet. */
function takeLater(conn: RpcConnection, q: Question, answer: Answer): void {
  const result = answer.result as CallResult;
  finishQuestion(conn, q, (ops) => result.pipeline(ops));
  result.promise.then(
    (response) => {
      q.succeed(response);
      if (q.internal) response.release();
    },
    (e: unknown) => q.fail(toRpcError(e)),
  );
}

function handleResolve(conn: RpcConnection, r: ResolveReader): void {
  let hook: ClientHook;
  switch (r.which()) {
    case 'cap':
      hook = conn.readDescriptor(r.cap);
      break;
    case 'exception':
      hook = new BrokenClient(remoteError(r.exception));
      break;
    default:
      throw protocolError(`Unknown Resolve type: ${r.which()}.`);
  }
  const entry = conn.imports.get(r.promiseId);
  if (entry === undefined) {
    // Released by this side meanwhile: what it resolved to is not wanted either.
    hook.release();
    return;
  }
  const promise = entry.promise;
  if (promise === null) {
    hook.release();
    throw protocolError(`Resolve for import ${r.promiseId}, which is not a promise.`);
  }
  promise.resolve(hook);
}

function handleDisembargo(conn: RpcConnection, d: DisembargoReader, msg: RpcMessageReader): void {
  const context = d.context;
  switch (context.which()) {
    case 'senderLoopback': {
      const target = targetHook(conn, d.target);
      let inner = innermost(target);
      if (inner instanceof RpcPromiseClient && inner.conn === conn) inner = inner.initial ?? inner;
      target.release();
      if (
        !(inner instanceof ImportClient || inner instanceof PipelineClient) ||
        inner.conn !== conn
      ) {
        throw protocolError(
          "'Disembargo' of type 'senderLoopback' sent to an object that does not point back to the sender.",
        );
      }
      // Calls to it received before this message were forwarded as they came (in order), so
      // the echo goes out behind them.
      const { root, disembargo, target: t } = newDisembargo();
      conn.writeTarget(t as MessageTargetBuilder, inner);
      disembargo.context.receiverLoopback = context.senderLoopback;
      conn.send(root._message);
      return;
    }
    case 'receiverLoopback': {
      const lift = conn.embargoes.delete(context.receiverLoopback);
      if (lift === undefined) {
        throw protocolError(
          `Disembargo for embargo ${context.receiverLoopback}, which does not exist.`,
        );
      }
      lift();
      return;
    }
    default:
      conn.send(unimplementedMessage(msg));
  }
}

function handleAbort(conn: RpcConnection, e: ExceptionReader): void {
  const error = remoteError(e);
  conn.abortedByPeer(
    new RpcError('disconnected', `Peer aborted the connection: ${error.message}`, 'aborted'),
  );
}

function handleUnimplemented(conn: RpcConnection, m: RpcMessageReader): void {
  switch (m.which()) {
    case 'resolve': {
      // The peer does not take Resolve: it keeps the promise; drop what the Resolve carried.
      const cap = m.resolve.which() === 'cap' ? m.resolve.cap : null;
      const kind = cap?.which();
      if (cap !== null && kind === 'senderHosted') conn.releaseExport(cap.senderHosted, 1);
      if (cap !== null && kind === 'senderPromise') conn.releaseExport(cap.senderPromise, 1);
      return;
    }
    case 'call':
    case 'bootstrap': {
      const id = m.which() === 'call' ? m.call.questionId : m.bootstrap.questionId;
      const q = conn.questions.get(id);
      if (q === undefined) return;
      // The peer never took the params' capabilities.
      for (const e of q.paramExports) conn.releaseExport(e, 1);
      q.paramExports = [];
      q.returned = true;
      q.finishSent = true;
      conn.questions.delete(id);
      q.fail(
        new RpcError('unimplemented', 'The peer does not implement this message.', 'unimplemented'),
      );
      return;
    }
    case 'abort':
      return;
    default:
      throw protocolError(`Peer did not implement required RPC message type (${m.which()}).`);
  }
}
