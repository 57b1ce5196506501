import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger, Plugin } from 'vite';
import { WebSocketServer } from 'ws';

/** The path the RPC WebSocket is served at (the page connects to the same host). */
const RPC_PATH = '/rpc';

/**
 * Answers WebSocket upgrades at {@link RPC_PATH} on `http` with the calculator; other upgrades
 * (Vite's own HMR socket) are left to their handlers. The service is imported here, not at the
 * top: the config (and so `vite build`) must load even where the RPC server cannot start.
 */
async function attach(http: Server, logger: Logger): Promise<void> {
  let serveCalculator: typeof import('./calculator-service.js').serveCalculator;
  try {
    ({ serveCalculator } = await import('./calculator-service.js'));
  } catch (error) {
    logger.warn(
      `The calculator RPC server did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  const sockets = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== RPC_PATH) return;
    sockets.handleUpgrade(request, socket, head, (ws) => serveCalculator(ws));
  });
  http.on('close', () => sockets.close());
}

/**
 * A Vite plugin that runs the quickstart's calculator next to the playground: `pnpm dev` (and
 * `vite preview`) serve it over a WebSocket at `/rpc` on the same port as the page, so the RPC
 * tab works with nothing else started.
 */
export function calculatorRpc(): Plugin {
  return {
    name: 'capnp-kit-playground-calculator',
    async configureServer(server) {
      if (server.httpServer !== null)
        await attach(server.httpServer as Server, server.config.logger);
    },
    async configurePreviewServer(server) {
      await attach(server.httpServer as Server, server.config.logger);
    },
  };
}
