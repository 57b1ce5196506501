import * as capnp from '@capnp-kit/runtime';
import { expect, it } from 'vitest';
import { compileFunction } from '../src/class-codegen.js';

// V8 compiles identical source once and shares its code and type feedback: list classes, whose
// source is the same for every list type, would then share one constructor whose feedback turns
// megamorphic past four list types (reading a list became ~25 times slower). Every compiled
// function therefore gets source of its own.
it('compiles every function from source of its own', () => {
  const a = compileFunction([], 'return 1');
  const b = compileFunction([], 'return 1');
  expect(a).toBeDefined();
  expect(String(a)).not.toBe(String(b));
  expect([a?.(), b?.()]).toEqual([1, 1]);
});

it('reads many list types through classes of their own', () => {
  const names = ['A', 'B', 'C', 'D', 'E', 'F'];
  const src = `@0xa1b2c3d4e5f60719;
${names.map((n) => `struct ${n} { x @0 :UInt32; }`).join('\n')}
struct S { ${names.map((n, i) => `${n.toLowerCase()} @${i} :List(${n});`).join(' ')} }`;
  // biome-ignore lint/suspicious/noExplicitAny: a dynamically loaded schema
  const m: any = capnp.loadSource({ '/m.capnp': src }, '/m.capnp');
  const init = Object.fromEntries(names.map((n, i) => [n.toLowerCase(), [{ x: i }, { x: 10 }]]));
  const r = m.S.fromBytes(m.S.newMessage(init).toBytes());
  const lists = names.map((n) => r[n.toLowerCase()]);
  expect(lists.map((l) => l.get(0).x)).toEqual([0, 1, 2, 3, 4, 5]);
  expect(new Set(lists.map((l) => l.constructor)).size).toBe(names.length);
});
