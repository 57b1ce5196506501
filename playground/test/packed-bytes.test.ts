import { pack, unpack } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { type PackedRole, packedRoles } from '../src/layout/packed-bytes.js';

function hex(text: string): Uint8Array {
  return new Uint8Array(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((b) => Number.parseInt(b, 16)),
  );
}

describe('packedRoles', () => {
  const cases: { name: string; packed: string; want: PackedRole[] }[] = [
    {
      // The example of the encoding spec: each word is a tag and its non-zero bytes.
      name: 'tags and their bytes',
      packed: '51 08 03 02 31 19 aa 01',
      want: ['tag', 'byte', 'byte', 'byte', 'tag', 'byte', 'byte', 'byte'],
    },
    { name: 'a run of zero words', packed: '00 02', want: ['tag', 'count'] },
    {
      name: 'a full word then raw words',
      packed: 'ff 01 02 03 04 05 06 07 08 01 00 09 00 0a 00 0b 00 0c',
      want: [
        'tag',
        ...Array<PackedRole>(8).fill('byte'),
        'count',
        ...Array<PackedRole>(8).fill('raw'),
      ],
    },
    { name: 'a stream cut short', packed: '51 08', want: ['tag', 'byte'] },
  ];
  for (const { name, packed, want } of cases) {
    it(name, () => {
      expect(packedRoles(hex(packed))).toEqual(want);
    });
  }

  it('marks every byte of what the packer writes, and the spec example unpacks as it says', () => {
    const flat = hex('08 00 00 00 03 00 02 00 19 00 00 00 aa 01 00 00');
    expect(pack(flat)).toEqual(hex('51 08 03 02 31 19 aa 01'));
    const mixed = new Uint8Array(64);
    mixed.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], 8);
    const packed = pack(mixed);
    const roles = packedRoles(packed);
    expect(roles).toHaveLength(packed.length);
    expect(roles.includes(undefined as never)).toBe(false);
    expect(unpack(packed)).toEqual(mixed);
  });
});
