import capnp from '@capnp-kit/unplugin/vite';
import { defineConfig } from 'vite';
import { calculatorRpc } from './server/calculator-rpc-plugin.js';

// The playground: the default schema is imported through @capnp-kit/unplugin, the compiler runs
// in a module worker, and the dev and preview servers also answer RPC over a WebSocket at /rpc.
export default defineConfig({
  plugins: [capnp(), calculatorRpc()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
});
