import { CapnpError } from '../errors.js';
import { DEFAULT_READER_OPTIONS } from '../read-options.js';
import { type Capability, clientOf } from './capability.js';
import { RpcConnection, type RpcConnectionOptions } from './connection.js';
import type { RpcError } from './rpc-error.js';
import type { FrameLimits, RpcTransport } from './transport.js';
import { type TransportLike, transportOf } from './transport-of.js';

/**
 * The two-party network of rpc-twoparty.capnp: one connection between a client and a server
 * over a byte stream (or a message channel), either side able to call the other.
 */

/** Options of {@link TwoPartyClient}: those of its connection. */
export type TwoPartyClientOptions = RpcConnectionOptions;

/** Options of {@link TwoPartyServer}: what it offers (`bootstrap` and/or `restore`), and limits. */
export type TwoPartyServerOptions = RpcConnectionOptions;

/** Where a server listens. */
export interface ListeningAddress {
  /** The TCP port (0 for a unix socket or a server given its streams). */
  readonly port: number;
  /** The host, or the unix socket path. */
  readonly address?: string;
}

function limitsOf(options: RpcConnectionOptions): FrameLimits {
  return {
    traversalLimitInWords:
      options.traversalLimitInWords ?? DEFAULT_READER_OPTIONS.traversalLimitInWords,
    highWaterBytes: options.highWaterBytes,
  };
}

/**
 * The client end (pycapnp's `TwoPartyClient`): `new TwoPartyClient(socketOrWebSocketOrPort)`;
 * under Node also `'host:port'` or a unix socket path. `bootstrap()` gives the server's main
 * capability; options may offer one of this side's to the server in turn.
 */
export class TwoPartyClient {
  readonly connection: RpcConnection;

  constructor(target: string | TransportLike, options: TwoPartyClientOptions = {}) {
    const limits = limitsOf(options);
    const transport =
      typeof target === 'string' ? this.connectTo(target, limits) : transportOf(target, limits);
    this.connection = new RpcConnection(transport, options);
  }

  /** @internal Opens a transport to an address (Node only: see the Node entry). */
  protected connectTo(address: string, _limits: FrameLimits): RpcTransport {
    throw new CapnpError(
      'invalid-value',
      `Cannot connect to '${address}' here: TCP and unix sockets need Node. Pass a WebSocket or a MessagePort.`,
    );
  }

  /** The server's bootstrap capability (cast it: `.castAs(calc.Calculator)`). */
  bootstrap(): Capability {
    return clientOf(this.connection.bootstrap(), null);
  }

  /**
   * The server's capability exported under `name` (pycapnp `ez_restore`): a Bootstrap naming
   * it, answered by the server's `restore(name)`.
   */
  ezRestore(name: string): Capability {
    return clientOf(this.connection.bootstrap(name), null);
  }

  /** Closes the connection; pending calls fail with `disconnected`. */
  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Resolves when the connection ends (closed by either side, lost or aborted), with why. */
  get onDisconnect(): Promise<RpcError> {
    return this.connection.closed;
  }
}

/**
 * The server end (pycapnp's `TwoPartyServer`): serves its `bootstrap` capability (and/or
 * `restore(name)` for `ezRestore`) on every connection. Under Node, `'host:port'`
 * (`'*:port'` for all interfaces, port 0 for any free one) or a unix socket path makes it
 * listen; a stream, WebSocket or port serves that one connection; `accept()` adds more.
 */
export class TwoPartyServer {
  readonly #options: TwoPartyServerOptions;
  readonly #connections = new Set<RpcConnection>();
  #closed = false;
  #stopListening: () => Promise<void> = async () => {};
  /** Resolves once listening (at once for a server given its connection). */
  readonly listening: Promise<ListeningAddress>;

  constructor(target: string | TransportLike | null, options: TwoPartyServerOptions) {
    if (options.bootstrap == null && options.restore == null) {
      throw new CapnpError(
        'invalid-value',
        'A TwoPartyServer needs a bootstrap capability or a restore function.',
      );
    }
    this.#options = options;
    if (typeof target === 'string') {
      const listener = this.listenOn(target);
      this.listening = listener.listening;
      this.#stopListening = listener.stop;
    } else {
      if (target !== null) this.accept(target);
      this.listening = Promise.resolve({ port: 0 });
    }
    // A failure to listen is reported through `listening`; do not also make it unhandled.
    this.listening.catch(() => {});
  }

  /**
   * @internal Starts listening on an address (Node only: see the Node entry); each accepted
   * stream goes to `accept`. Runs from the constructor: it must not use fields of subclasses.
   */
  protected listenOn(address: string): {
    listening: Promise<ListeningAddress>;
    stop(): Promise<void>;
  } {
    return {
      listening: Promise.reject(
        new CapnpError(
          'invalid-value',
          `Cannot listen on '${address}' here: TCP and unix sockets need Node.`,
        ),
      ),
      stop: async () => {},
    };
  }

  /** Serves one more connection over `target`. */
  accept(target: TransportLike): RpcConnection {
    if (this.#closed) throw new CapnpError('invalid-value', 'The server is closed.');
    const connection = new RpcConnection(
      transportOf(target, limitsOf(this.#options)),
      this.#options,
    );
    this.#connections.add(connection);
    connection.closed.then(() => this.#connections.delete(connection));
    return connection;
  }

  /** The live connections. */
  get connections(): ReadonlySet<RpcConnection> {
    return this.#connections;
  }

  /** Resolves when every connection has ended (for a server given one stream: when it ends). */
  get onDisconnect(): Promise<void> {
    return Promise.all([...this.#connections].map((c) => c.closed)).then(() => {});
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#stopListening(), ...[...this.#connections].map((c) => c.close())]);
  }

  /** True once `close()` was called. */
  get isClosed(): boolean {
    return this.#closed;
  }
}
