import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, decodeRequest, encodeRequest } from '@capnp-kit/compiler';
import { describe, expect, it } from 'vitest';
import { RPC_SCHEMA_BASE64 } from '../../src/rpc/rpc-schema-bytes.js';

// The RPC layer reads and writes its messages with the runtime, from rpc.capnp compiled ahead
// of time (src/rpc/rpc-schema-bytes.ts, made by scripts/embed-rpc-schema.mjs).
const committed = new Uint8Array(Buffer.from(RPC_SCHEMA_BASE64, 'base64'));
const std = join(import.meta.dirname, '../../../compiler/std');

describe('the embedded rpc.capnp', () => {
  it('is what the compiler makes of the bundled rpc.capnp (regenerate with the script)', () => {
    const result = compile({
      files: ['/capnp/rpc.capnp'],
      cwd: '/',
      readFile: (path) => (existsSync(join(std, path)) ? readFileSync(join(std, path)) : undefined),
      standardImportPaths: false,
      importPaths: [],
    });
    expect(result.diagnostics).toEqual([]);
    if (result.request === undefined) throw new Error('no request');
    const fresh = encodeRequest({ ...result.request, sourceInfo: [] });
    expect(Buffer.from(fresh).equals(Buffer.from(committed))).toBe(true);
  });

  const reference = '/usr/include/capnp/rpc.capnp';
  it.skipIf(!existsSync(reference) && !process.env.CI)(
    'has the nodes of the reference compiler’s rpc.capnp (capnp 0.9.2)',
    () => {
      const out = execFileSync('capnp', ['compile', '-o-', '--src-prefix=/usr/include', reference]);
      const want = decodeRequest(new Uint8Array(out)).nodes;
      const got = decodeRequest(committed).nodes;
      const key = (n: { id: bigint }) => n.id;
      expect([...got].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(
        [...want].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      );
    },
  );
});
