import { compile } from '@capnp-kit/compiler';
import { encodeRequest } from '@capnp-kit/compiler/schema';
import * as core from '@capnp-kit/runtime/core';
import { describe, expect, it } from 'vitest';

// The serialization-only entry leaves RPC out: no Server or Client classes, no capabilities.
const source = `@0xc1a5e0c0de000001;
interface Greeter { hello @0 () -> (text :Text); }
struct Holder { greeter @0 :Greeter; }
`;

describe('@capnp-kit/runtime/core without RPC', () => {
  const request = compile({
    files: ['/g.capnp'],
    readFile: (p) => (p === '/g.capnp' ? source : undefined),
    standardImportPaths: false,
  }).request;
  // biome-ignore lint/suspicious/noExplicitAny: a dynamically loaded schema
  const g: any = core.loadCompiled(request as NonNullable<typeof request>);

  it('loads interfaces as plain objects, without Server and Client classes', () => {
    expect(g.Greeter.schema.methods.hello.ordinal).toBe(0);
    expect(g.Greeter.Server).toBeUndefined();
  });

  it('reads unset capability fields as null and refuses to write capabilities', () => {
    const holder = g.Holder.newMessage();
    expect(holder.greeter).toBeNull();
    holder.greeter = null;
    expect(() => {
      holder.greeter = {};
    }).toThrow(
      'Capabilities are part of RPC: import @capnp-kit/runtime rather than @capnp-kit/runtime/core.',
    );
  });
});

describe('@capnp-kit/runtime/core without the request decoder', () => {
  it('loads the decoded request (what schema modules pass) but refuses bytes, saying why', () => {
    const request = compile({
      files: ['/p.capnp'],
      readFile: (p) =>
        p === '/p.capnp' ? '@0xc1a5e0c0de000002; struct P { x @0 :UInt8; }' : undefined,
      standardImportPaths: false,
    }).request as NonNullable<ReturnType<typeof compile>['request']>;
    // biome-ignore lint/suspicious/noExplicitAny: a dynamically loaded schema
    const p: any = core.loadCompiled(request);
    expect(p.P.newMessage({ x: 7 }).x).toBe(7);
    const bytes = encodeRequest(request);
    expect(() => core.loadCompiled(bytes)).toThrow(core.CapnpError);
    expect(() => core.loadCompiled(bytes)).toThrow(
      'decodeRequest is not part of @capnp-kit/runtime/core',
    );
  });
});
