/**
 * The RPC half of the quickstart in one process: a calculator server on a free local port and
 * the client running the quickstart's steps against it over TCP.
 */
import * as capnp from '@capnp-kit/runtime';
import { runCalculatorClient } from './calculator-client.js';
import { startServer } from './calculator-server.js';

/** Runs the calculator demo; resolves when both ends have closed. */
export async function runCalculatorDemo(log?: (line: string) => void): Promise<void> {
  const server = startServer('localhost:0');
  const { port } = await server.listening;
  const client = new capnp.TwoPartyClient(`localhost:${port}`);
  try {
    await runCalculatorClient(client, log);
  } finally {
    await client.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCalculatorDemo();
