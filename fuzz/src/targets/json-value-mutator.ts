import type { Rng } from '../engine/rng.js';

/**
 * Structure-aware mutation of JSON messages: the text is parsed with JSON.parse and one value of
 * the tree is edited — replaced by a value of another kind or a boundary number, removed,
 * renamed to a field name, given a sibling, or repeated — then printed again. The mutants stay
 * valid JSON, so they reach the decoder's type checks and conversions rather than its syntax
 * errors (token-level mutation covers those).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const VALUES: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  -0.5,
  255,
  256,
  -129,
  65536,
  2147483648,
  -2147483649,
  4294967296,
  9007199254740992,
  '9007199254740993',
  1e308,
  -1e-320,
  '',
  'x',
  '0',
  '-1',
  '0x10',
  '0x',
  '1e3',
  'NaN',
  'Infinity',
  '-Infinity',
  'nan',
  '18446744073709551615',
  '18446744073709551616',
  '-9223372036854775809',
  'AAEC/w==',
  '00ff',
  'caf\u00e9',
  [],
  [0],
  [1, 2, 3],
  [255, 256],
  [[]],
  {},
  { a: 1 },
];

/** Every array and object of the tree, with the keys (or indexes) of its members. */
function containers(v: Json, out: (Json[] | { [key: string]: Json })[]): void {
  if (Array.isArray(v)) {
    out.push(v);
    for (const x of v) containers(x, out);
  } else if (typeof v === 'object' && v !== null) {
    out.push(v);
    for (const x of Object.values(v)) containers(x, out);
  }
}

/** One edit of a JSON text's value tree; undefined if the text is not JSON. */
export function mutateJsonValue(
  text: string,
  rng: Rng,
  names: readonly string[],
): string | undefined {
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  const all: (Json[] | { [key: string]: Json })[] = [];
  containers(root, all);
  if (all.length === 0) return undefined;
  const c = rng.pick(all);
  const keys: (string | number)[] = Array.isArray(c) ? [...c.keys()] : Object.keys(c);
  const value = (): Json =>
    rng.oneIn(3) && keys.length > 0
      ? ((c as Record<string, Json>)[rng.pick(keys)] as Json)
      : rng.pick(VALUES);
  const set = (k: string | number, v: Json) => {
    (c as Record<string | number, Json>)[k] = v;
  };
  switch (rng.below(5)) {
    case 0:
      if (keys.length > 0) set(rng.pick(keys), value());
      break;
    case 1:
      if (keys.length === 0) break;
      if (Array.isArray(c)) c.splice(rng.below(c.length), 1);
      else delete c[rng.pick(keys) as string];
      break;
    case 2:
      if (Array.isArray(c)) c.push(value());
      else c[names.length > 0 ? rng.pick(names) : 'x'] = value();
      break;
    case 3:
      if (!Array.isArray(c) && keys.length > 0 && names.length > 0) {
        const k = rng.pick(keys) as string;
        const v = c[k] as Json;
        delete c[k];
        c[rng.pick(names)] = v;
      }
      break;
    default:
      if (Array.isArray(c) && c.length > 0) {
        const times = rng.oneIn(8) ? 100 + rng.below(2000) : 1 + rng.below(8);
        const item = rng.pick(c);
        for (let i = 0; i < times; i++) c.push(item);
      }
  }
  return JSON.stringify(root, null, rng.oneIn(2) ? undefined : 2);
}
