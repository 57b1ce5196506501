import { StreamTransport } from '../stream-transport.js';
import type { FrameLimits, RpcTransport } from '../transport.js';
import type { ListeningAddress } from '../two-party.js';
import {
  TwoPartyClient as BrowserTwoPartyClient,
  TwoPartyServer as BrowserTwoPartyServer,
} from '../two-party.js';
import { connectSocket, listenSocket } from './tcp.js';

/**
 * The two-party client under Node: also connects to `'host:port'` and unix socket paths.
 * (See the base class for the rest.)
 */
export class TwoPartyClient extends BrowserTwoPartyClient {
  protected override connectTo(address: string, limits: FrameLimits): RpcTransport {
    return new StreamTransport(connectSocket(address), limits);
  }
}

/**
 * The two-party server under Node: also listens on `'host:port'` (`'*:port'`, port 0 for any
 * free one) and unix socket paths. (See the base class for the rest.)
 */
export class TwoPartyServer extends BrowserTwoPartyServer {
  protected override listenOn(address: string): {
    listening: Promise<ListeningAddress>;
    stop(): Promise<void>;
  } {
    return listenSocket(address, (socket) => {
      if (this.isClosed) socket.destroy();
      else this.accept(socket);
    });
  }
}
