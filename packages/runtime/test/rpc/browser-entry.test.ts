import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The RPC parts the browser entry exports must not reach node:* modules (TCP and unix
// sockets live behind the Node entry only).
describe('the browser entry with RPC', () => {
  it('bundles for browsers without node:* imports, and exports the RPC API', async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, '../../src/browser.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['source'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || i.includes('/rpc/node/'))).toEqual([]);
    const exports =
      result.metafile.outputs[Object.keys(result.metafile.outputs)[0] as string]?.exports;
    for (const name of ['TwoPartyClient', 'TwoPartyServer', 'RpcError', 'Capability', 'Server']) {
      expect(exports).toContain(name);
    }
  });
});
