import type { StructSchema } from '@capnp-kit/runtime';
import { havoc } from '../engine/mutate-bytes.js';
import type { Rng } from '../engine/rng.js';
import { encodeInput, framed, looseFrames, MODES, parseInput } from './rpc-input.js';
import {
  capDescriptor,
  patchDiscriminant,
  pickId,
  pickInterfaceId,
  pickMethodId,
  randomFrame,
  randomMessageInit,
} from './rpc-messages.js';
import { type Any, rpcSchema, rpcStructById } from './rpc-schemas.js';

/**
 * Structure-aware mutation of the RPC campaign's inputs. The stream is cut into its frames;
 * then frames are edited as rpc.capnp messages — a field set to another ID, a union switched
 * to another member (an unknown one too), a cap table or transform grown or shrunk, the message
 * re-encoded in small segments (far pointers) — or replaced, inserted (generated, or taken from
 * another input), dropped, duplicated, swapped, cut short, or mutated byte by byte.
 */

type Edit = (rng: Rng) => void;

/** The fields of a message (its active union members, recursively) that can be edited. */
function collectEdits(builder: Any, schema: StructSchema, out: Edit[], depth: number): void {
  if (depth > 6) return;
  const active: string | undefined = schema.unionFields.length > 0 ? builder.which() : undefined;
  if (schema.unionFields.length > 1) {
    out.push((rng) => switchUnion(builder, schema, active, rng));
  }
  const names = [...schema.nonUnionFields];
  if (active !== undefined && schema.unionFields.includes(active)) names.push(active);
  for (const name of names) {
    const f = schema.fields[name];
    if (f === undefined) continue;
    if (f.isGroup) {
      if (f.group !== undefined) collectEdits(builder[name], f.group, out, depth + 1);
      continue;
    }
    const t = f.type;
    if (t === undefined) continue;
    switch (t.which) {
      case 'uint8':
      case 'uint16':
      case 'uint32':
        out.push((rng) => {
          builder[name] = numberFor(name, t.which, rng);
        });
        break;
      case 'uint64':
        out.push((rng) => {
          builder[name] = rng.oneIn(4) ? BigInt(rng.u32()) : pickInterfaceId(rng);
        });
        break;
      case 'bool':
        out.push(() => {
          builder[name] = !builder[name];
        });
        break;
      case 'enum':
        out.push((rng) => {
          builder[name] = rng.below(rng.oneIn(4) ? 65536 : 5);
        });
        break;
      case 'text':
        out.push((rng) => {
          builder[name] = rng.oneIn(4) ? '' : 'x'.repeat(rng.size(2000));
        });
        break;
      case 'struct': {
        const sub = rpcStructById(t.typeId);
        if (sub !== undefined) collectEdits(builder[name], sub.schema, out, depth + 1);
        break;
      }
      case 'list': {
        const e = t.elementType;
        if (e.which !== 'struct') break;
        const sub = rpcStructById(e.typeId);
        if (sub === undefined) break;
        const list = builder[name];
        for (let i = 0; i < Math.min(list.length, 4); i++) {
          collectEdits(list.get(i), sub.schema, out, depth + 1);
        }
        out.push((rng) => resizeList(builder, name, list, rng));
        break;
      }
      case 'anyPointer':
        out.push((rng) => {
          if (rng.oneIn(2)) builder[name].clear?.();
        });
        break;
      default:
        break;
    }
  }
}

function numberFor(name: string, kind: string, rng: Rng): number {
  if (name === 'methodId') return pickMethodId(rng);
  if (name === 'getPointerField') return rng.oneIn(8) ? 65535 : rng.below(4);
  if (kind === 'uint8') return rng.pick([0, 1, 255]);
  if (kind === 'uint16') return rng.oneIn(4) ? 65535 : rng.below(8);
  return pickId(rng);
}

function switchUnion(builder: Any, schema: StructSchema, active: string | undefined, rng: Rng) {
  const others = schema.unionFields.filter((n) => n !== active);
  const name = rng.pick(others);
  const f = schema.fields[name];
  const t = f?.type;
  if (f?.isGroup) builder[name] = {};
  else if (t === undefined || t.which === 'void') builder[name] = null;
  else if (t.which === 'struct' && name === 'cap') builder[name] = capDescriptor(rng);
  else if (t.which === 'struct')
    builder[name] = name === 'call' ? { target: { importedCap: 0 } } : {};
  else if (t.which === 'uint32') builder[name] = pickId(rng);
  else if (t.which === 'text') builder[name] = 'x';
  else if (t.which === 'list') builder[name] = [];
  else builder[name] = null;
}

function resizeList(builder: Any, name: string, list: Any, rng: Rng): void {
  const items: unknown[] = [];
  for (let i = 0; i < list.length; i++) items.push(list.get(i).toObject());
  const op = rng.below(3);
  if (op === 0 || items.length === 0) {
    items.splice(
      rng.below(items.length + 1),
      0,
      name === 'transform' ? { getPointerField: rng.below(4) } : capDescriptor(rng),
    );
  } else if (op === 1) items.splice(rng.below(items.length), 1);
  else items.push(items[rng.below(items.length)]);
  builder[name] = items;
}

/** One frame edited as a message, or undefined if it does not read as one. */
function editMessage(frame: Uint8Array, rng: Rng): Uint8Array | undefined {
  const rpc: Any = rpcSchema();
  try {
    const reader = rpc.Message.fromBytes(frame, {
      traversalLimitInWords: 1 << 16,
      nestingLimit: 32,
    });
    // Small first segments make a multi-segment message (far pointers) of the same content.
    const options = rng.oneIn(4) ? { firstSegmentWords: 1 + rng.below(6) } : undefined;
    const copy = rpc.Message.newMessage(reader, options);
    const edits: Edit[] = [];
    collectEdits(copy, rpc.Message.schema, edits, 0);
    const n = rng.oneIn(3) ? 0 : 1 + rng.below(3);
    for (let i = 0; i < n && edits.length > 0; i++) {
      try {
        rng.pick(edits)(rng);
      } catch {
        // An edit the builder refuses (a value out of range) is simply not made.
      }
    }
    const segments: Uint8Array[] = copy.toSegments();
    // An unknown message type: the discriminant of the root union beyond the known members.
    if (rng.oneIn(16)) patchDiscriminant(segments, 14 + rng.below(65522));
    return framed(segments);
  } catch {
    return undefined;
  }
}

/** Frames of a random corpus entry (for insertion and splicing). */
function framesOf(input: Uint8Array): Uint8Array[] {
  const stream = parseInput(input).stream;
  return looseFrames(stream, 256).map((f) => stream.slice(f.start, f.end));
}

function mutateFrames(frames: Uint8Array[], rng: Rng, corpus: readonly Uint8Array[]): Uint8Array[] {
  const out = frames.slice();
  const at = () => rng.below(out.length);
  switch (out.length === 0 ? 3 : rng.below(16)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5: {
      if (out.length === 0) break;
      const i = at();
      const edited = editMessage(out[i] as Uint8Array, rng);
      out[i] = edited ?? havocFrame(out[i] as Uint8Array, rng, corpus);
      break;
    }
    case 6:
      out.splice(rng.below(out.length + 1), 0, randomFrame(rng));
      break;
    case 7: {
      const other = corpus.length > 0 ? framesOf(rng.pick(corpus)) : [];
      if (other.length > 0) out.splice(rng.below(out.length + 1), 0, rng.pick(other));
      break;
    }
    case 8:
      out.splice(at(), 1);
      break;
    case 9: {
      const i = at();
      out.splice(i, 0, out[i] as Uint8Array);
      break;
    }
    case 10: {
      const i = at();
      const j = at();
      [out[i], out[j]] = [out[j] as Uint8Array, out[i] as Uint8Array];
      break;
    }
    case 11:
    case 12: {
      const i = at();
      out[i] = havocFrame(out[i] as Uint8Array, rng, corpus);
      break;
    }
    case 13: {
      // Cut short: the stream ends inside a frame.
      const i = out.length - 1;
      const last = out[i] as Uint8Array;
      out[i] = last.subarray(0, rng.below(last.length));
      break;
    }
    case 14: {
      // Splice: the first frames of this input, the last ones of another.
      const other = corpus.length > 0 ? framesOf(rng.pick(corpus)) : [];
      out.splice(
        rng.below(out.length + 1),
        out.length,
        ...other.slice(rng.below(other.length + 1)),
      );
      break;
    }
    default: {
      const rpc: Any = rpcSchema();
      const init = { unimplemented: randomMessageInit(rng) };
      out.splice(rng.below(out.length + 1), 0, rpc.Message.newMessage(init).toBytes());
      break;
    }
  }
  return out;
}

function havocFrame(frame: Uint8Array, rng: Rng, corpus: readonly Uint8Array[]): Uint8Array {
  return havoc(frame, rng, { maxLength: 4096, corpus, dictionary: [], keepPrefix: 0 });
}

/** A structure-aware mutant of an RPC input (see rpc-input.ts for the encoding). */
export function mutateRpcInput(
  input: Uint8Array,
  rng: Rng,
  corpus: readonly Uint8Array[],
  maxBytes: number,
): Uint8Array {
  const { mode, chunking } = parseInput(input);
  let frames = framesOf(input);
  const rounds = 1 + rng.below(rng.oneIn(4) ? 6 : 2);
  for (let i = 0; i < rounds; i++) frames = mutateFrames(frames, rng, corpus);
  const newMode = rng.oneIn(16) ? rng.pick(MODES) : mode;
  const newChunking = rng.oneIn(8) ? rng.below(256) : chunking;
  const out = encodeInput(newMode, newChunking, frames);
  return out.length > maxBytes ? out.slice(0, maxBytes) : out;
}
