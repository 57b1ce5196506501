/** The role of a byte in the packed encoding. */
export type PackedRole = 'tag' | 'byte' | 'count' | 'raw';

/**
 * The role of each byte of a packed stream: a tag byte says which of the next word's 8 bytes
 * are non-zero and follow; tag 0x00 is followed by a count of further zero words; tag 0xff by
 * its 8 bytes, then a count of words copied raw. A stream cut short simply ends.
 */
export function packedRoles(packed: Uint8Array): PackedRole[] {
  const roles: PackedRole[] = new Array(packed.length);
  let i = 0;
  const mark = (role: PackedRole, n: number) => {
    for (let k = 0; k < n && i < packed.length; k++) roles[i++] = role;
  };
  while (i < packed.length) {
    const tag = packed[i] as number;
    mark('tag', 1);
    if (tag === 0) {
      mark('count', 1);
      continue;
    }
    let ones = 0;
    for (let bit = tag; bit !== 0; bit >>= 1) ones += bit & 1;
    mark('byte', ones);
    if (tag === 0xff) {
      const raw = (packed[i] ?? 0) * 8;
      mark('count', 1);
      mark('raw', raw);
    }
  }
  return roles;
}
