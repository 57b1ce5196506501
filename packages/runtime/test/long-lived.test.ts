import { encodeFrame } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { type Any, bytes, cases, conformance, words } from './conformance-support.js';
import { fieldOf } from './json-to-init.js';

/**
 * The traversal limit bounds amplification, not use: each pointer location is charged once, so
 * a message kept and read millions of times never trips it, while a message whose pointers
 * alias one large object is charged per pointer and does.
 */

const AllTypes: Any = conformance.AllTypes;

describe('a long-lived message', () => {
  const c = cases.find(
    (x) => x.type === 'AllTypes' && x.name === 'scalars',
  ) as (typeof cases)[number];

  it('reads a Text and a struct field 3 million times under the default limit', () => {
    const r = AllTypes.fromBytes(bytes(`${c.base}.bin`));
    let length = 0;
    for (let i = 0; i < 1_500_000; i++) {
      length += r.textField.length;
      length += r.structField.x;
    }
    expect(length).toBe(1_500_000 * (r.textField.length + 5));
  });

  it('reads list elements and nested structs a million times under a limit of its own size', () => {
    const lists = cases.find(
      (x) => x.type === 'AllTypes' && x.name === 'lists',
    ) as (typeof cases)[number];
    const message = bytes(`${lists.base}.seg2.bin`);
    // The whole message, once: every word may be read, but only once.
    const limit = message.length / 8;
    const r = AllTypes.fromBytes(message, { traversalLimitInWords: limit });
    let sum = 0;
    for (let i = 0; i < 250_000; i++) {
      sum += r.structList[1].tags[0].length;
      sum += r.int32ListList[0][2];
      sum += r.textList.get(2).length;
      sum += r.structListList[2][0].label.length;
    }
    expect(sum).toBe(250_000 * (1 + 3 + 9 + 6));
  });

  it('a builder’s reader can be read as often as the builder', () => {
    const b = AllTypes.newMessage({ textField: 'kept', structField: { x: 2 } });
    const r = b.asReader();
    let n = 0;
    for (let i = 0; i < 500_000; i++) n += r.textField.length + r.structField.x;
    expect(n).toBe(500_000 * 6);
  });
});

describe('amplification through aliased pointers', () => {
  /**
   * AllTypes whose textList has `count` elements all pointing at the same Text of `textWords`
   * words: a few kilobytes that claim `count × textWords` words of content.
   */
  function aliasedTexts(count: number, textWords: number): Uint8Array {
    const dataWords: number = AllTypes.schema.struct.dataWordCount;
    const pointerCount: number = AllTypes.schema.struct.pointerCount;
    const index: number = fieldOf(AllTypes.schema.id, 'textList').slot.offset;
    const firstPointer = 1 + dataWords;
    const listStart = firstPointer + pointerCount;
    const textStart = listStart + count;
    const out: [number, number][] = [[0, dataWords | (pointerCount << 16)]];
    for (let i = 0; i < dataWords; i++) out.push([0, 0]);
    for (let i = 0; i < pointerCount; i++) {
      const offset = listStart - (firstPointer + i + 1);
      out.push(i === index ? [((offset << 2) | 1) >>> 0, (count << 3) | 6] : [0, 0]);
    }
    for (let i = 0; i < count; i++) {
      const offset = textStart - (listStart + i + 1);
      out.push([((offset << 2) | 1) >>> 0, ((textWords * 8) << 3) | 2]);
    }
    for (let i = 0; i < textWords; i++)
      out.push(i === textWords - 1 ? [0x61616161, 0x00616161] : [0x61616161, 0x61616161]);
    return encodeFrame([words(...out)]);
  }

  it('10 000 pointers to one 1 000-word Text exceed the default limit', () => {
    const message = aliasedTexts(10_000, 1000);
    expect(message.length).toBeLessThan(100_000);
    const r = AllTypes.fromBytes(message);
    let read = 0;
    const readAll = () => {
      for (const t of r.textList) read += t.length;
    };
    expect(readAll).toThrow(
      expect.objectContaining({ name: 'WireError', code: 'traversal-limit' }),
    );
    // It stopped once the claimed size passed 8 Mi words: about 8 388 of the 10 000 texts.
    expect(read / 7999).toBeGreaterThan(8000);
    expect(read / 7999).toBeLessThan(8400);
  });

  it('the same texts read through one pointer again and again are charged once', () => {
    const r = AllTypes.fromBytes(aliasedTexts(10_000, 1000));
    let read = 0;
    for (let i = 0; i < 20_000; i++) read += r.textList.get(0).length;
    expect(read).toBe(20_000 * 7999);
  });

  it('every aliased text is readable under a limit that pays for each of them', () => {
    const r = AllTypes.fromBytes(aliasedTexts(1000, 100), {
      traversalLimitInWords: 1000 * 100 + 2000,
    });
    expect(r.textList.toArray().every((t: string) => t.length === 799)).toBe(true);
    const tight = AllTypes.fromBytes(aliasedTexts(1000, 100), {
      traversalLimitInWords: 1000 * 100,
    });
    expect(() => tight.textList.toArray()).toThrow(
      expect.objectContaining({ code: 'traversal-limit' }),
    );
  });
});
