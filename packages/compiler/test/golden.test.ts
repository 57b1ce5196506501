import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalizeStruct,
  decodeFrame,
  ElementSize,
  MessageReader,
  readListPointer,
  readTextPointer,
  StructReader,
} from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { compileLikeReference, type GoldenCase, optionsFor } from './support.js';

const goldenDir = join(import.meta.dirname, 'golden');
const manifest: { goldens: (GoldenCase & { cgr: string })[] } = JSON.parse(
  readFileSync(join(goldenDir, 'manifest.json'), 'utf8'),
);

/** Each node of a request as [displayName, canonical bytes in hex], in order. */
function nodesOf(bytes: Uint8Array): [string, string][] {
  const m = MessageReader.fromSegments(decodeFrame(bytes).segments, {
    traversalLimitInWords: Number.POSITIVE_INFINITY,
  });
  const root = m.root() as StructReader;
  const list = readListPointer(
    m,
    root.segment,
    root.pointerByte,
    root.nestingLeft,
    ElementSize.inlineComposite,
  );
  if (list === null) return [];
  return Array.from({ length: list.length }, (_, i) => {
    const at = list.elementByte(i);
    const node = new StructReader(
      m,
      list.segment,
      at,
      list.structDataBytes,
      at + list.structDataBytes,
      list.structPointerCount,
      64,
    );
    const name = readTextPointer(m, node.segment, node.pointerByte) ?? '';
    return [name, Buffer.from(canonicalizeStruct(node)).toString('hex')];
  });
}

describe('compiles exactly like capnp compile -o- (committed goldens)', () => {
  it.each(manifest.goldens.map((g) => [g.name, g] as const))('%s', (_, golden) => {
    const want = new Uint8Array(readFileSync(join(goldenDir, golden.cgr)));
    const got = compileLikeReference(optionsFor(golden));
    expect(got.stderr).toBe('');
    const gotBytes = got.bytes as Uint8Array;
    if (Buffer.compare(gotBytes, want) !== 0) {
      // Say which node differs first (per node, on canonical encoding), then fail on bytes.
      const wantNodes = nodesOf(want);
      const gotNodes = nodesOf(gotBytes);
      expect(gotNodes.map((n) => n[0])).toEqual(wantNodes.map((n) => n[0]));
      for (let i = 0; i < wantNodes.length; i++) {
        expect(gotNodes[i], `node ${wantNodes[i]?.[0]}`).toEqual(wantNodes[i]);
      }
    }
    expect(Buffer.from(gotBytes).toString('hex')).toBe(Buffer.from(want).toString('hex'));
  });
});

describe('decodeRequest reads the reference output back losslessly', () => {
  it.each(manifest.goldens.map((g) => [g.name, g] as const))(
    '%s: encode(decode(bytes)) = bytes',
    async (_, golden) => {
      const { decodeRequest, encodeRequest } = await import('@capnp-kit/compiler/schema');
      const want = new Uint8Array(readFileSync(join(goldenDir, golden.cgr)));
      const again = encodeRequest(decodeRequest(want));
      expect(Buffer.from(again).toString('hex')).toBe(Buffer.from(want).toString('hex'));
    },
  );
});
