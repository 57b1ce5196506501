import { childId, groupId, methodParamsId } from '@capnp-kit/compiler';
import { describe, expect, it } from 'vitest';
import { md5 } from '../src/md5.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('md5', () => {
  // RFC 1321 appendix A.5 test suite.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
  ])('md5(%j)', (input, want) => {
    expect(hex(md5(utf8(input)))).toBe(want);
  });
});

describe('type ids (REFERENCE.md §2, verified against capnp 0.9.2)', () => {
  const file = 0xd5a9f7b1c3e2a401n;
  it.each([
    { name: 'Foo in a.capnp', got: () => childId(file, 'Foo'), want: 16312669079978820852n },
    {
      name: 'Foo.Inner',
      got: () => childId(16312669079978820852n, 'Inner'),
      want: 13431062012636916188n,
    },
    { name: 'E in a.capnp', got: () => childId(file, 'E'), want: 9512177521714369910n },
    {
      name: 'group u of Layout (fields index 7)',
      got: () => groupId(9790904249229803631n, 7),
      want: 14067717359836019907n,
    },
    {
      name: 'group grp of Layout (index 8)',
      got: () => groupId(9790904249229803631n, 8),
      want: 15404152808454047186n,
    },
  ])('$name', ({ got, want }) => {
    expect(got()).toBe(want);
  });

  it('derives method param/result struct ids from interface, ordinal and side', () => {
    // Calculator.evaluate (ordinal 0) in golden/calculator.txt, made by capnp 0.9.2.
    expect(methodParamsId(10923537602090224694n, 0, false)).toBe(13478898619544909524n);
    expect(methodParamsId(10923537602090224694n, 0, true)).toBe(9345430975918089745n);
  });
});
