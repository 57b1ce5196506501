import { type CallRequest, type CallResult, ClientHook, type RequestPlace } from './client-hook.js';
import type { RpcConnection } from './connection.js';

/**
 * A capability the peer exports (an entry of this side's import table): calls go to the peer
 * with target `importedCap`. Its last release sends the peer a Release for every time the peer
 * sent it.
 */
export class ImportClient extends ClientHook {
  constructor(
    readonly conn: RpcConnection,
    readonly importId: number,
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

  protected override destroy(): void {
    this.conn.releaseImport(this);
  }
}
