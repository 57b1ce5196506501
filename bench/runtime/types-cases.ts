import * as capnp from '@capnp-kit/runtime';

/**
 * Reading the same shape of message through one struct type or through several: 1000 structs,
 * each with six struct fields and six two-element struct lists, whose element types are either
 * all one type or six different ones (with equal layouts). A runtime whose code is shared by
 * every type pays for variety (V8's feedback goes megamorphic past four shapes); the figures
 * show whether capnp-kit does.
 */

const NAMES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const ITEMS = 1000;

function schema(types: readonly string[]): string {
  const fields = NAMES.map(
    (n, i) => `s${n} @${i} :${types[i]}; l${n} @${i + 6} :List(${types[i]});`,
  );
  return `@0xa1b2c3d4e5f6071b;
${NAMES.map((n) => `struct ${n} { x @0 :UInt32; }`).join('\n')}
struct Item { ${fields.join(' ')} }
struct Top { items @0 :List(Item); }`;
}

// biome-ignore lint/suspicious/noExplicitAny: dynamically loaded types
type Any = any;

function reader(types: readonly string[], file: string): () => number {
  const m: Any = capnp.loadSource({ [file]: schema(types) }, file);
  const item = Object.fromEntries(
    NAMES.flatMap((n, i) => [
      [`s${n}`, { x: i }],
      [`l${n}`, [{ x: i }, { x: 1 }]],
    ]),
  );
  const bytes = m.Top.newMessage({ items: Array.from({ length: ITEMS }, () => item) }).toBytes();
  return () => {
    const items = m.Top.fromBytes(bytes).items;
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items.get(i);
      sum += it.sA.x + it.sB.x + it.sC.x + it.sD.x + it.sE.x + it.sF.x;
      // One loop per field, so that each call site in this code sees one list class either way.
      const { lA, lB, lC, lD, lE, lF } = it;
      for (let j = 0; j < lA.length; j++) sum += lA.get(j).x;
      for (let j = 0; j < lB.length; j++) sum += lB.get(j).x;
      for (let j = 0; j < lC.length; j++) sum += lC.get(j).x;
      for (let j = 0; j < lD.length; j++) sum += lD.get(j).x;
      for (let j = 0; j < lE.length; j++) sum += lE.get(j).x;
      for (let j = 0; j < lF.length; j++) sum += lF.get(j).x;
    }
    return sum;
  };
}

const WIDE_FIELDS = 40;
const WIDE_SHAPES = 60;

/**
 * Encoding 1000 plain objects into a list of a struct of 40 fields, three fields set in each:
 * the same three in every object, or one of 60 combinations (60 hidden classes in V8). A writer
 * whose property accesses see every shape turns megamorphic; the figures show whether encoding
 * pays for that.
 */
function wideWriter(shapes: number, file: string): () => Uint8Array {
  const fields = Array.from(
    { length: WIDE_FIELDS },
    (_, i) => `f${i} @${i} :${i % 3 === 0 ? 'Text' : 'UInt32'};`,
  );
  const m: Any = capnp.loadSource(
    {
      [file]: `@0xa1b2c3d4e5f6071c;
struct Wide { ${fields.join(' ')} }
struct Rows { rows @0 :List(Wide); }`,
    },
    file,
  );
  // Combination c sets fields c, c + 7 and c + 19 (mod 40): 60 distinct key sets.
  const keys = (c: number) => [c, c + 7, c + 19].map((k) => `f${k % WIDE_FIELDS}`);
  const rows = Array.from({ length: ITEMS }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const key of keys(i % shapes)) row[key] = Number(key.slice(1)) % 3 === 0 ? `row ${i}` : i;
    return row;
  });
  return () => m.Rows.newMessage({ rows }).toBytes();
}

/**
 * The measured functions (see bench/lib/isolated.ts). Each builds its schema on first call, so a
 * process measuring one case never runs the other's classes (V8's feedback would mix them).
 */
export async function setup(): Promise<Record<string, () => unknown>> {
  const lazily = (types: readonly string[], file: string) => {
    let read: (() => number) | undefined;
    return () => {
      if (read === undefined) {
        read = reader(types, file);
        // Per item: the struct fields hold 0..5, each list [i, 1].
        const want = ITEMS * (15 + 15 + NAMES.length);
        if (read() !== want) throw new Error(`${file}: read ${read()}, want ${want}`);
      }
      return read();
    };
  };
  const lazyWriter = (shapes: number, file: string) => {
    let write: (() => Uint8Array) | undefined;
    return () => {
      write ??= wideWriter(shapes, file);
      return write();
    };
  };
  return {
    'read:one-type': lazily(['A', 'A', 'A', 'A', 'A', 'A'], '/one.capnp'),
    'read:six-types': lazily(NAMES, '/many.capnp'),
    'encode:one-shape': lazyWriter(1, '/one-shape.capnp'),
    'encode:many-shapes': lazyWriter(WIDE_SHAPES, '/many-shapes.capnp'),
  };
}
