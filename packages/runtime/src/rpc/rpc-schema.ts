import { decodeRequest } from '@capnp-kit/compiler/schema';
import type { MessageReader } from '@capnp-kit/wire';
import type { AnyPointerBuilder, AnyPointerReader } from '../any-pointer.js';
import type { ListBuilderBase, ListReaderBase } from '../list-base.js';
import { loadCompiled } from '../load-compiled.js';
import type { StructBuilderBase, StructReaderBase } from '../struct-base.js';
import type { StructType } from '../struct-type.js';
import { RPC_SCHEMA_BASE64 } from './rpc-schema-bytes.js';

/**
 * The RPC protocol's own messages (rpc.capnp), built and read with this runtime from the
 * precompiled schema in rpc-schema-bytes.ts. The interfaces below describe the properties of
 * the runtime's generated reader and builder classes for the parts the RPC layer uses; they
 * add no encoding of their own.
 */

/** `Exception.Type`. */
export type ExceptionType = 'failed' | 'overloaded' | 'disconnected' | 'unimplemented';

export interface ExceptionReader extends StructReaderBase {
  readonly reason: string;
  readonly type: ExceptionType | number;
  readonly trace: string;
}
export interface ExceptionBuilder extends StructBuilderBase {
  reason: string;
  type: ExceptionType;
  trace: string;
}

export interface PromisedAnswerOpReader extends StructReaderBase {
  which(): 'noop' | 'getPointerField' | string;
  readonly getPointerField: number;
}
export interface PromisedAnswerReader extends StructReaderBase {
  readonly questionId: number;
  readonly transform: ListReaderBase<PromisedAnswerOpReader>;
}
export interface PromisedAnswerBuilder extends StructBuilderBase {
  questionId: number;
}

export interface MessageTargetReader extends StructReaderBase {
  which(): 'importedCap' | 'promisedAnswer' | string;
  readonly importedCap: number;
  readonly promisedAnswer: PromisedAnswerReader;
}
export interface MessageTargetBuilder extends StructBuilderBase {
  importedCap: number;
}

export interface CapDescriptorReader extends StructReaderBase {
  which():
    | 'none'
    | 'senderHosted'
    | 'senderPromise'
    | 'receiverHosted'
    | 'receiverAnswer'
    | 'thirdPartyHosted'
    | string;
  readonly senderHosted: number;
  readonly senderPromise: number;
  readonly receiverHosted: number;
  readonly receiverAnswer: PromisedAnswerReader;
  readonly thirdPartyHosted: StructReaderBase & { readonly vineId: number };
}
export interface CapDescriptorBuilder extends StructBuilderBase {
  none: null;
  senderHosted: number;
  senderPromise: number;
  receiverHosted: number;
}

export interface PayloadReader extends StructReaderBase {
  readonly content: AnyPointerReader;
  readonly capTable: ListReaderBase<CapDescriptorReader>;
}
export interface PayloadBuilder extends StructBuilderBase {
  readonly content: AnyPointerBuilder;
}

export interface BootstrapReader extends StructReaderBase {
  readonly questionId: number;
  readonly deprecatedObjectId: AnyPointerReader;
}
export interface BootstrapBuilder extends StructBuilderBase {
  questionId: number;
  readonly deprecatedObjectId: AnyPointerBuilder;
}

export interface CallReader extends StructReaderBase {
  readonly questionId: number;
  readonly target: MessageTargetReader;
  readonly interfaceId: bigint;
  readonly methodId: number;
  readonly params: PayloadReader;
  readonly sendResultsTo: StructReaderBase & { which(): 'caller' | 'yourself' | 'thirdParty' };
}
export interface CallBuilder extends StructBuilderBase {
  questionId: number;
  interfaceId: bigint;
  methodId: number;
  readonly sendResultsTo: StructBuilderBase & { caller: null; yourself: null };
}

export interface ReturnReader extends StructReaderBase {
  which():
    | 'results'
    | 'exception'
    | 'canceled'
    | 'resultsSentElsewhere'
    | 'takeFromOtherQuestion'
    | 'acceptFromThirdParty'
    | string;
  readonly answerId: number;
  readonly releaseParamCaps: boolean;
  readonly results: PayloadReader;
  readonly exception: ExceptionReader;
  readonly takeFromOtherQuestion: number;
}
export interface ReturnBuilder extends StructBuilderBase {
  answerId: number;
  releaseParamCaps: boolean;
  canceled: null;
  resultsSentElsewhere: null;
  takeFromOtherQuestion: number;
}

export interface FinishReader extends StructReaderBase {
  readonly questionId: number;
  readonly releaseResultCaps: boolean;
}
export interface FinishBuilder extends StructBuilderBase {
  questionId: number;
  releaseResultCaps: boolean;
}

export interface ResolveReader extends StructReaderBase {
  which(): 'cap' | 'exception' | string;
  readonly promiseId: number;
  readonly cap: CapDescriptorReader;
  readonly exception: ExceptionReader;
}
export interface ResolveBuilder extends StructBuilderBase {
  promiseId: number;
}

export interface ReleaseReader extends StructReaderBase {
  readonly id: number;
  readonly referenceCount: number;
}
export interface ReleaseBuilder extends StructBuilderBase {
  id: number;
  referenceCount: number;
}

export interface DisembargoReader extends StructReaderBase {
  readonly target: MessageTargetReader;
  readonly context: StructReaderBase & {
    which(): 'senderLoopback' | 'receiverLoopback' | 'accept' | 'provide' | string;
    readonly senderLoopback: number;
    readonly receiverLoopback: number;
  };
}
export interface DisembargoBuilder extends StructBuilderBase {
  readonly context: StructBuilderBase & { senderLoopback: number; receiverLoopback: number };
}

export interface RpcMessageReader extends StructReaderBase {
  which(): string;
  readonly _message: MessageReader;
  readonly unimplemented: RpcMessageReader;
  readonly abort: ExceptionReader;
  readonly bootstrap: BootstrapReader;
  readonly call: CallReader;
  readonly return: ReturnReader;
  readonly finish: FinishReader;
  readonly resolve: ResolveReader;
  readonly release: ReleaseReader;
  readonly disembargo: DisembargoReader;
}
export interface RpcMessageBuilder extends StructBuilderBase {
  unimplemented: RpcMessageReader;
}

/** Builders of list fields, as the RPC layer uses them. */
export type CapDescriptorListBuilder = ListBuilderBase<CapDescriptorBuilder>;
export type OpListBuilder = ListBuilderBase<StructBuilderBase & { getPointerField: number }>;

/** The struct types of rpc.capnp the RPC layer builds and reads. */
export interface RpcSchema {
  readonly Message: StructType<RpcMessageReader, RpcMessageBuilder>;
  readonly Exception: StructType<ExceptionReader, ExceptionBuilder>;
}

/** `StreamResult` of /capnp/stream.capnp: the results type of `-> stream` methods. */
export const STREAM_RESULT_ID = 0x995f9a3377c0b16en;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let schema: RpcSchema | undefined;

/** rpc.capnp's types, loaded on first use. */
export function rpcSchema(): RpcSchema {
  if (schema === undefined) {
    const request = decodeRequest(decodeBase64(RPC_SCHEMA_BASE64));
    const module = loadCompiled(request, { file: 'capnp/rpc.capnp' });
    schema = {
      Message: module.Message as RpcSchema['Message'],
      Exception: module.Exception as RpcSchema['Exception'],
    };
  }
  return schema;
}
