import {
  CapnpError,
  type CapnpErrorCode,
  type StructBuilderBase,
  type StructType,
} from '@capnp-kit/runtime';
import { concat } from '../engine/mutate-bytes.js';
import type { Rng } from '../engine/rng.js';
import { InvariantViolation, type Target } from '../engine/target.js';
import { judgeTypedError } from '../engine/typed-errors.js';
import { readAll } from './read-all.js';
import { messageTypes, typeIndex } from './schemas.js';
import { mutateTokens, type Syntax } from './token-mutator.js';

/**
 * What the text-format and JSON campaigns share. Input: `[type, flags, ...text]`; `type`
 * indexes the message types (modulo); flags bit 0 passes the text as a string rather than
 * bytes, bit 1 collects recoverable problems with `onError` instead of throwing, bit 2 asks
 * for the format's other input form, if it has one (JSON: the value `JSON.parse` gives).
 *
 * Besides the error invariant, what the parser accepts must be a message like any other: its
 * bytes read back with every field and output form without any error, and printing it in the
 * same format and parsing that again gives the same canonical message.
 */

/** How one format parses and prints. */
export interface Format {
  readonly name: 'text' | 'json';
  readonly about: string;
  readonly errorCode: CapnpErrorCode;
  parse(
    type: StructType,
    text: string | Uint8Array,
    options: { readonly collect: boolean; readonly variant: boolean },
  ): StructBuilderBase;
  print(builder: StructBuilderBase): string;
  /**
   * True when parsing the printed form gives back the message (up to the number precision the
   * reference prints with). False for JSON: the reference's JSON reader decodes the hex letters
   * of `\u000b` as if they counted from 0, so the control characters its writer escapes that way
   * come back changed; there only a second round trip is required to change nothing.
   */
  readonly faithful: boolean;
  /**
   * True for printed output the reference cannot read back either (JSON numbers `inf` and `nan`
   * in `Json.Value` fields); no round trip is required then.
   */
  unreadable(printed: string): boolean;
  /** Its punctuation, for token edits. */
  readonly syntax: Syntax;
  /**
   * An edit that keeps the text valid in the format (given the field names of the schemas),
   * or undefined when the text does not parse; used for half the mutations when given.
   */
  mutateValid?(text: string, rng: Rng, names: readonly string[]): string | undefined;
  /** Seed texts, each with the name (`file.capnp:Type`) of the type it is for. */
  seeds(): readonly { readonly type: string; readonly text: string }[];
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function header(input: Uint8Array) {
  const types = messageTypes();
  const t = types[(input[0] ?? 0) % types.length] as (typeof types)[number];
  const flags = input[1] ?? 0;
  return {
    t,
    asString: (flags & 1) !== 0,
    collect: (flags & 2) !== 0,
    variant: (flags & 4) !== 0,
    text: input.subarray(2),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Equality of `toObject` values for a round trip through a printed form, which the reference
 * itself does not keep exact: -0 prints as `-0`, which parses as the integer 0, and float32
 * values print with the reference's precision. So numbers are equal when `===` (±0 alike),
 * both NaN, or within a relative 1e-6.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
    return Number.isFinite(a) && Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a);
    const rb = b as Record<string, unknown>;
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => k in rb && sameValue((a as Record<string, unknown>)[k], rb[k]))
    );
  }
  return a === b;
}

/** Every field name, enumerant and nested type name of the schemas: tokens worth inserting. */
function vocabulary(): string[] {
  const words = new Set<string>();
  for (const { name, type } of messageTypes()) {
    words.add(
      name
        .slice(name.lastIndexOf(':') + 1)
        .split('.')
        .pop() as string,
    );
    for (const f of type.schema.fieldNames) words.add(f);
  }
  for (const w of ['void', 'true', 'false', 'null', 'inf', 'nan']) words.add(w);
  return [...words];
}

/** The campaign of one format. */
export function textualTarget(format: Format): Target {
  let words: string[] | undefined;
  return {
    name: format.name,
    about: format.about,
    maxInputBytes: 32 * 1024,
    headerBytes: 2,
    slowMs: 5000,
    seeds() {
      const out: Uint8Array[] = [];
      for (const [i, s] of format.seeds().entries()) {
        out.push(concat(Uint8Array.of(typeIndex(s.type), i & 7), encoder.encode(s.text)));
      }
      return out;
    },
    dictionary() {
      words ??= vocabulary();
      return words.map((w) => encoder.encode(w));
    },
    mutate(input, rng) {
      words ??= vocabulary();
      const head = input.slice(0, 2);
      if (rng.oneIn(16)) head[rng.below(2)] = rng.below(256);
      const old = decoder.decode(input.subarray(2));
      const valid = rng.oneIn(2) ? format.mutateValid?.(old, rng, words) : undefined;
      const text = valid ?? mutateTokens(old, rng, words, format.syntax);
      return concat(head, encoder.encode(text));
    },
    run(input) {
      const { t, asString, collect, variant, text } = header(input);
      const T = t.type;
      const built = format.parse(T, asString ? decoder.decode(text) : text, { collect, variant });
      // Accepted input is a message like any other: it reads back without any error…
      let reader: ReturnType<StructType['fromBytes']>;
      let outputs: unknown;
      try {
        reader = T.fromBytes(built.toBytes());
        outputs = readAll(reader, T.schema);
      } catch (e) {
        throw new InvariantViolation(`reading back what ${format.name} built failed: ${String(e)}`);
      }
      // …and printing it and parsing that gives the same message.
      const plain = { int64: 'string', data: 'base64', enums: 'ordinal' } as const;
      const roundTrip = (from: typeof reader, round: string) => {
        let printed: string;
        try {
          printed = format.print(from.asBuilder());
        } catch (e) {
          // JSON refuses capabilities and AnyPointer values, as the reference's codec does.
          if (e instanceof CapnpError && e.code === 'invalid-value') return undefined;
          throw new InvariantViolation(`printing what ${format.name} built failed: ${String(e)}`);
        }
        if (format.unreadable(printed)) return undefined;
        let again: typeof reader;
        try {
          const options = { collect: false, variant: false };
          again = T.fromBytes(format.parse(T, printed, options).toBytes());
        } catch (e) {
          throw new InvariantViolation(`${format.name} ${round} round trip failed: ${String(e)}`);
        }
        const same =
          sameBytes(again.canonicalize(), from.canonicalize()) ||
          sameValue(again.toObject(plain), from.toObject(plain));
        return { again, same, printed };
      };
      const first = roundTrip(reader, 'first');
      const second =
        first === undefined || format.faithful ? first : roundTrip(first.again, 'second');
      if (second !== undefined && !second.same) {
        throw new InvariantViolation(
          `${format.name} round trip changed the message: printed ${JSON.stringify(second.printed.slice(0, 300))}`,
        );
      }
      return outputs;
    },
    judge: (error) =>
      judgeTypedError(error, { wire: new Set(), capnp: new Set([format.errorCode]) }),
    describe(input) {
      const { t, asString, collect, variant, text } = header(input);
      const shown = decoder.decode(text.subarray(0, 400));
      const how = `${asString ? 'string' : 'bytes'}${variant ? ' (other form)' : ''}`;
      return `${t.name}, as ${how}${collect ? ', onError collecting' : ''}; ${text.length} bytes: ${JSON.stringify(shown)}${text.length > 400 ? '…' : ''}`;
    },
  };
}
