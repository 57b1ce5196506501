import type { InterfaceSchema, StructReader, StructType } from '@capnp-kit/runtime';

/** What a frame was, for the call log. */
export interface FrameSummary {
  /** The rpc.capnp `Message` member: `call`, `return`, `finish`, `bootstrap`, … */
  readonly kind: string;
  /** One line saying what the frame does, in the calculator's own names where known. */
  readonly text: string;
}

/** The reader of an rpc.capnp struct, read field by field (its type is only known at run time). */
type Fields = StructReader & Readonly<Record<string, unknown>>;

const fields = (value: unknown): Fields => value as Fields;

/** Interface and method names by ID and ordinal, from the schemas in use. */
export class MethodNames {
  readonly #interfaces = new Map<bigint, { name: string; methods: Map<number, string> }>();

  add(schema: InterfaceSchema): void {
    const methods = new Map<number, string>();
    for (const method of Object.values(schema.methods)) methods.set(method.ordinal, method.name);
    this.#interfaces.set(schema.id, { name: schema.name, methods });
  }

  name(interfaceId: bigint, methodId: number): string {
    const known = this.#interfaces.get(interfaceId);
    if (known === undefined) return `@0x${interfaceId.toString(16)}.method${methodId}`;
    return `${known.name}.${known.methods.get(methodId) ?? `method${methodId}`}`;
  }
}

function target(t: Fields): string {
  if (t.which() === 'importedCap') return `capability #${t.importedCap}`;
  const promised = fields(t.promisedAnswer);
  const path = [...(promised.transform as Iterable<Fields>)]
    .filter((op) => op.which() === 'getPointerField')
    .map((op) => `.ptr${op.getPointerField}`)
    .join('');
  return `the answer to #${promised.questionId}${path} (pipelined)`;
}

function capCount(payload: Fields): number {
  return (payload.capTable as { length: number }).length;
}

/**
 * Reads RPC frames (rpc.capnp `Message`s in the standard framing) into one-line summaries:
 * calls with their target and method, returns, finishes, releases and the rest.
 */
export class FrameReader {
  constructor(
    readonly message: StructType,
    readonly names: MethodNames,
  ) {}

  summarize(bytes: Uint8Array): FrameSummary {
    let m: Fields;
    try {
      m = fields(this.message.fromBytes(bytes));
    } catch (error) {
      return {
        kind: 'unreadable',
        text: `unreadable frame: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const kind = m.which() ?? 'unknown';
    const body = fields(m[kind]);
    switch (kind) {
      case 'bootstrap':
        return {
          kind,
          text: `Bootstrap #${body.questionId}: ask for the server's main capability`,
        };
      case 'call': {
        const method = this.names.name(body.interfaceId as bigint, body.methodId as number);
        const caps = capCount(fields(body.params));
        return {
          kind,
          text: `Call #${body.questionId} ${method}() on ${target(fields(body.target))}${caps > 0 ? `, passing ${caps} capabilit${caps === 1 ? 'y' : 'ies'}` : ''}`,
        };
      }
      case 'return': {
        const which = body.which();
        if (which === 'results') {
          const caps = capCount(fields(body.results));
          return {
            kind,
            text: `Return #${body.answerId}: results${caps > 0 ? ` with ${caps} capabilit${caps === 1 ? 'y' : 'ies'}` : ''}`,
          };
        }
        if (which === 'exception')
          return {
            kind,
            text: `Return #${body.answerId}: exception "${fields(body.exception).reason}"`,
          };
        return { kind, text: `Return #${body.answerId}: ${which}` };
      }
      case 'finish':
        return { kind, text: `Finish #${body.questionId}` };
      case 'release':
        return { kind, text: `Release capability #${body.id} (×${body.referenceCount})` };
      case 'resolve':
        return { kind, text: `Resolve promise #${body.promiseId}: ${body.which()}` };
      case 'disembargo':
        return { kind, text: `Disembargo (${fields(body.context).which()})` };
      case 'abort':
        return { kind, text: `Abort: ${body.reason}` };
      default:
        return { kind, text: kind };
    }
  }
}
