import { type CallRequest, type CallResult, ClientHook, type RequestPlace } from './client-hook.js';
import type { RpcConnection } from './connection.js';
import type { Question } from './question.js';

/**
 * A capability in the results of a question not yet returned: calls go to the peer with target
 * `promisedAnswer(question, ops)`, and the peer runs them when the results exist. Only used
 * through an RpcPromiseClient, which switches to the actual capability when the Return comes.
 */
export class PipelineClient extends ClientHook {
  constructor(
    readonly conn: RpcConnection,
    readonly question: Question,
    readonly ops: readonly number[],
  ) {
    super();
  }

  override get connection(): object {
    return this.conn;
  }

  get streamWindowBytes(): number {
    return this.conn.streamWindowBytes;
  }

  call(request: CallRequest): CallResult {
    return this.conn.sendCall(this, request);
  }

  override newRequestMessage(firstSegmentWords: number): RequestPlace {
    return this.conn.newCallMessage(firstSegmentWords);
  }
}
