import { describe, expect, it } from 'vitest';
import { GroupLayout, TopLayout, UnionLayout } from '../src/layout.js';

// REFERENCE.md §3.5, verified against capnp 0.9.2:
//   struct Layout { a @0 :Bool; b @1 :UInt8; c @2 :UInt16; d @3 :Bool; e @4 :UInt64; f @5 :Text;
//     g @6 :Int32; u :union { u1 @7 :UInt32; u2 @8 :Void; u3 @9 :Data; u4 @10 :Int8; }
//     grp :group { h @11 :Float32; i @12 :Bool; } union { v1 @13 :Int16; v2 @14 :Text; } }
describe('struct layout', () => {
  it('lays out the reference example exactly', () => {
    const top = new TopLayout();
    const u = new UnionLayout(top);
    const [u1, u2, u3, u4] = [
      new GroupLayout(u),
      new GroupLayout(u),
      new GroupLayout(u),
      new GroupLayout(u),
    ];
    const v = new UnionLayout(top);
    const [v1, v2] = [new GroupLayout(v), new GroupLayout(v)];
    // Fields in ordinal order, each from its scope's allocator (u2 is Void: offset 0).
    const got = {
      a: top.addData(0),
      b: top.addData(3),
      c: top.addData(4),
      d: top.addData(0),
      e: top.addData(6),
      f: top.addPointer(),
      g: top.addData(5),
      u1: u1.addData(5),
      u2: voidOffset(u2),
      u3: u3.addPointer(),
      u4: u4.addData(3),
      h: top.addData(5),
      i: top.addData(0),
      v1: v1.addData(4),
      v2: v2.addPointer(),
    };
    u.addDiscriminant();
    v.addDiscriminant();
    expect(got).toEqual({
      a: 0,
      b: 1,
      c: 1,
      d: 1,
      e: 1,
      f: 0,
      g: 1,
      u1: 4,
      u2: 0,
      u3: 1,
      u4: 16,
      h: 6,
      i: 2,
      v1: 11,
      v2: 2,
    });
    expect(u.discriminantOffset).toBe(10);
    expect(v.discriminantOffset).toBe(14);
    expect([top.dataWordCount, top.pointerCount]).toEqual([4, 3]);
  });
});

function voidOffset(scope: GroupLayout): number {
  scope.addVoid();
  return 0;
}
