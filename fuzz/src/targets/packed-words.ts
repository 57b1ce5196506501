/**
 * How many words packed bytes describe (encoding spec, "Packing"), counted independently of
 * the unpacker under test and leniently (a truncated end counts what it announces). Packing
 * legitimately expands: two bytes (a zero tag and a run of 255) stand for 256 words, so the
 * unpacked size is part of what an input may cost.
 */
export function packedWords(packed: Uint8Array): number {
  let words = 0;
  let i = 0;
  while (i < packed.length) {
    const tag = packed[i++] as number;
    words++;
    if (tag === 0) {
      words += packed[i++] ?? 0;
      continue;
    }
    for (let k = 0; k < 8; k++) if (tag & (1 << k)) i++;
    if (tag === 0xff) {
      const run = packed[i++] ?? 0;
      words += run;
      i += run * 8;
    }
  }
  return words;
}
