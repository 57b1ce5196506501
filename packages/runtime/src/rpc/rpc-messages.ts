import type { MessageBuilder } from '@capnp-kit/wire';
import { Text } from '../type-token.js';
import type { RpcError } from './rpc-error.js';
import {
  type BootstrapBuilder,
  type CallBuilder,
  type DisembargoBuilder,
  type ExceptionBuilder,
  type FinishBuilder,
  type MessageTargetBuilder,
  type OpListBuilder,
  type PayloadBuilder,
  type PromisedAnswerBuilder,
  type ReleaseBuilder,
  type ResolveBuilder,
  type ReturnBuilder,
  type RpcMessageBuilder,
  type RpcMessageReader,
  rpcSchema,
} from './rpc-schema.js';

/**
 * Builders of the outgoing rpc.capnp messages, with the runtime's generated builder classes.
 * Each returns the message (to send) and, where the caller fills in more, the builders it
 * needs.
 */

/** A new rpc Message whose first segment has room for `words`. */
export function newRpcMessage(words = 16): RpcMessageBuilder {
  return rpcSchema().Message.newMessage(undefined, { firstSegmentWords: words });
}

/** Fills an Exception from an error (the stack goes in `trace` only if asked). */
export function writeException(e: ExceptionBuilder, error: RpcError, withTrace: boolean): void {
  e.reason = error.message;
  e.type = error.type;
  if (withTrace) {
    // The stack of what the server threw (an RpcError made from it keeps it as its cause).
    const trace = error.cause instanceof Error ? error.cause.stack : error.stack;
    if (trace !== undefined) e.trace = trace;
  }
}

/** A Call: the message, the call and its params payload (target, IDs and cap table to fill). */
export function newCall(words: number): {
  root: RpcMessageBuilder;
  call: CallBuilder;
  params: PayloadBuilder;
} {
  const root = newRpcMessage(words);
  const call = root.init('call') as CallBuilder;
  const params = call.init('params') as PayloadBuilder;
  return { root, call, params };
}

/** A Return: the message and the return (answer ID and the union to fill). */
export function newReturn(
  answerId: number,
  words = 16,
): { root: RpcMessageBuilder; ret: ReturnBuilder } {
  const root = newRpcMessage(words);
  const ret = root.init('return') as ReturnBuilder;
  ret.answerId = answerId;
  ret.releaseParamCaps = false;
  return { root, ret };
}

export function returnException(
  answerId: number,
  error: RpcError,
  withTrace: boolean,
): MessageBuilder {
  const { root, ret } = newReturn(answerId);
  writeException(ret.init('exception') as ExceptionBuilder, error, withTrace);
  return root._message;
}

export function returnCanceled(answerId: number): MessageBuilder {
  const { root, ret } = newReturn(answerId, 8);
  ret.canceled = null;
  return root._message;
}

export function returnResultsSentElsewhere(answerId: number): MessageBuilder {
  const { root, ret } = newReturn(answerId, 8);
  ret.resultsSentElsewhere = null;
  return root._message;
}

export function finishMessage(questionId: number, releaseResultCaps: boolean): MessageBuilder {
  const root = newRpcMessage(8);
  const f = root.init('finish') as FinishBuilder;
  f.questionId = questionId;
  f.releaseResultCaps = releaseResultCaps;
  return root._message;
}

export function releaseMessage(id: number, referenceCount: number): MessageBuilder {
  const root = newRpcMessage(8);
  const r = root.init('release') as ReleaseBuilder;
  r.id = id;
  r.referenceCount = referenceCount;
  return root._message;
}

export function abortMessage(error: RpcError): MessageBuilder {
  const root = newRpcMessage(32);
  writeException(root.init('abort') as ExceptionBuilder, error, false);
  return root._message;
}

/** A Resolve: the message and the resolve (promise ID set; `cap` or `exception` to fill). */
export function newResolve(promiseId: number): {
  root: RpcMessageBuilder;
  resolve: ResolveBuilder;
} {
  const root = newRpcMessage(16);
  const resolve = root.init('resolve') as ResolveBuilder;
  resolve.promiseId = promiseId;
  return { root, resolve };
}

/** A Disembargo: the message, its target to fill, and its context. */
export function newDisembargo(): {
  root: RpcMessageBuilder;
  disembargo: DisembargoBuilder;
  target: MessageTargetBuilder;
} {
  const root = newRpcMessage(16);
  const disembargo = root.init('disembargo') as DisembargoBuilder;
  const target = disembargo.init('target') as MessageTargetBuilder;
  return { root, disembargo, target };
}

/** A Bootstrap, with the legacy object ID as Text when `name` is given (ez_restore). */
export function bootstrapMessage(questionId: number, name: string | undefined): MessageBuilder {
  const root = newRpcMessage(8 + (name === undefined ? 0 : Math.ceil(name.length / 8) + 2));
  const b = root.init('bootstrap') as BootstrapBuilder;
  b.questionId = questionId;
  if (name !== undefined) b.deprecatedObjectId.setAs(Text, name);
  return root._message;
}

/** The `unimplemented` reply echoing a message this side does not handle. */
export function unimplementedMessage(received: RpcMessageReader): MessageBuilder {
  const root = newRpcMessage(64);
  root.unimplemented = received;
  return root._message;
}

/** Fills a PromisedAnswer: the question and the transform (pointer-field indexes). */
export function fillPromisedAnswer(
  pa: PromisedAnswerBuilder,
  questionId: number,
  ops: readonly number[],
): void {
  pa.questionId = questionId;
  if (ops.length > 0) {
    const list = pa.init('transform', ops.length) as unknown as OpListBuilder;
    for (let i = 0; i < ops.length; i++) list.get(i).getPointerField = ops[i] as number;
  }
}
