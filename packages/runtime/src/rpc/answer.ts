import { BrokenClient } from './broken-client.js';
import type { CallResult, ClientHook, Response } from './client-hook.js';
import { capabilityAt } from './payload.js';
import { RpcError } from './rpc-error.js';

/**
 * An incoming Call or Bootstrap (an entry of the answer table, under the ID the peer chose):
 * the call in progress, then its results, kept for calls the peer pipelines on them until its
 * Finish arrives.
 */
export class Answer {
  /** The call in progress (null for a bootstrap, answered at once). */
  result: CallResult | null = null;
  /** The results once the call returned (kept until the Finish, for pipelining). */
  response: Response | null = null;
  error: RpcError | null = null;
  returnSent = false;
  finishReceived = false;
  /** The Finish asked this side to release the results' capabilities (it will not). */
  releaseResultCaps = false;
  /**
   * Calls (or capabilities sent back) were pipelined on the results before they existed: the
   * call then runs to completion even if the caller's Finish comes first.
   */
  pipelined = false;
  /** The call had `sendResultsTo.yourself`: results stay here for a takeFromOtherQuestion. */
  redirected = false;
  /** A takeFromOtherQuestion took the results (they belong to that question now). */
  taken = false;
  /** Exports written into the Return's cap table (dropped on `Finish.releaseResultCaps`). */
  resultExports: number[] = [];

  constructor(readonly id: number) {}

  /** The capability at `ops` of the results, now or to come (a new reference). */
  pipeline(ops: readonly number[]): ClientHook {
    if (this.response !== null) return capabilityAt(this.response.payload, ops);
    if (this.error !== null) return new BrokenClient(this.error);
    if (this.result !== null) return this.result.pipeline(ops);
    return new BrokenClient(new RpcError('failed', 'The answer has no results yet.', 'protocol'));
  }
}
