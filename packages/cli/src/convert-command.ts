import { readFileSync } from 'node:fs';
import { compile, formatDiagnostic } from '@capnp-kit/compiler';
import {
  CapnpError,
  formatJsonBytes,
  formatTextBytes,
  type LoadedModule,
  loadCompiled,
  type StructBuilderBase,
  type StructReaderBase,
  type StructType,
  TextFormatError,
} from '@capnp-kit/runtime';
import {
  canonicalizeStruct,
  decodeFrame,
  decodeSegmentTable,
  encodeFrame,
  encodeSegmentTable,
  MessageBuilder,
  MessageReader,
  pack,
  packPieces,
  type Segment,
  StructReader,
  setStructPointer,
  totalSize,
  Unpacker,
  WireError,
} from '@capnp-kit/wire';
import { isDirectory, readFromDisk } from './read-file.js';
import { UsageError } from './usage-error.js';

/** Help text of `capnp-kit convert`. */
export const CONVERT_HELP = `Usage: capnp-kit convert [<option>...] <from>:<to> [<schema-file>] [<type>]

Reads a stream of messages in format <from> on standard input and writes each
in format <to> on standard output, byte for byte as \`capnp convert\` (0.9.2)
does. Formats:
    binary       standard framing: segment table, then segments
    packed       binary, packed (runs of zero bytes deflated)
    flat         one segment, no segment table
    flat-packed  flat, packed
    canonical    the canonical form: one segment, no segment table
    text         the schema language's struct literal, e.g. (a = 1, b = "x")
    json         JSON
Text and JSON need <schema-file> and <type>, the message's root struct type
(a name in the file, like Foo or Foo.Bar); other conversions ignore them.

Options:
    -I<dir>, --import-path=<dir>
        Add <dir> to the directories searched for imports starting with '/'.
    --no-standard-import
        Do not search /usr/local/include and /usr/include.
    --short
        Write text or JSON on one line per message, without indentation.
    --segment-size=<n>
        Build binary and packed output in segments of <n> words (no
        heuristic growth); without it, messages take one segment unless large.
    --quiet
        Do not warn when the input does not look like format <from>.
    --help
        Display this help text and exit.
`;

/** Where `convert` reads and writes (the process's standard streams by default). */
export interface ConvertStreams {
  readonly stdin: () => Uint8Array;
  readonly stdout: (bytes: Uint8Array) => void;
  readonly stderr: (text: string) => void;
}

const FORMATS = ['binary', 'packed', 'flat', 'flat-packed', 'canonical', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

interface Options {
  from: Format;
  to: Format;
  short: boolean;
  quiet: boolean;
  segmentSize: number;
  importPaths: string[];
  standardImport: boolean;
  schemaFile: string | undefined;
  typeName: string | undefined;
}

const UNLIMITED = {
  traversalLimitInWords: Number.POSITIVE_INFINITY,
  nestingLimit: Number.POSITIVE_INFINITY,
};

// kj's BufferedInputStreamWrapper reads this much before the format check looks at it.
const PREFIX_BYTES = 8192;

/** `strtol(s, &end, 0)` over the whole string: decimal, 0x hex or 0 octal. */
function parseCLong(s: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) return undefined;
  const digits = m[2] as string;
  const v =
    digits.length > 1 && digits[0] === '0' && digits[1] !== 'x' && digits[1] !== 'X'
      ? Number.parseInt(digits, 8)
      : Number(digits);
  return m[1] === '-' ? -v : v;
}

function parseArgs(args: readonly string[]): Options | 'help' {
  const o: Options = {
    from: 'binary',
    to: 'binary',
    short: false,
    quiet: false,
    segmentSize: 0,
    importPaths: [],
    standardImport: true,
    schemaFile: undefined,
    typeName: undefined,
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = (long: string): string => {
      if (arg === long) {
        const next = args[++i];
        if (next === undefined) throw new UsageError(`${arg}: missing argument`);
        return next;
      }
      return arg.slice(long.length + 1);
    };
    if (arg === '--help') return 'help';
    if (arg === '--short') o.short = true;
    else if (arg === '--quiet') o.quiet = true;
    else if (arg === '--no-standard-import') o.standardImport = false;
    else if (arg === '--segment-size' || arg.startsWith('--segment-size=')) {
      const text = value('--segment-size');
      const n = parseCLong(text);
      if (n === undefined) throw new UsageError(`--segment-size=${text}: not an integer`);
      o.segmentSize = n >>> 0;
    } else if (
      arg.startsWith('-I') ||
      arg === '--import-path' ||
      arg.startsWith('--import-path=')
    ) {
      const dir = arg.startsWith('-I') ? arg.slice(2) || value('-I') : value('--import-path');
      if (!isDirectory(dir)) throw new UsageError(`-I ${dir}: no such directory`);
      o.importPaths.push(dir);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`${arg}: unrecognized option`);
    } else positional.push(arg);
  }
  const [conversion, schemaFile, typeName, extra] = positional;
  if (conversion === undefined) throw new UsageError('missing argument <from>:<to>');
  if (extra !== undefined) throw new UsageError(`${extra}: too many arguments`);
  const colon = conversion.indexOf(':');
  if (colon < 0) {
    throw new UsageError(`${conversion}: invalid conversion, format is: <from>:<to>`);
  }
  const from = conversion.slice(0, colon);
  const to = conversion.slice(colon + 1);
  if (!isFormat(from)) throw new UsageError(`${conversion}: unknown format: ${from}`);
  if (!isFormat(to)) throw new UsageError(`${conversion}: unknown format: ${to}`);
  o.from = from;
  o.to = to;
  o.schemaFile = schemaFile;
  o.typeName = typeName;
  return o;
}

/** Compiles the schema file and finds the root type, reporting problems as the reference does. */
function rootType(o: Options, io: ConvertStreams): StructType | undefined | number {
  if (o.schemaFile === undefined) return undefined;
  const result = compile({
    files: [o.schemaFile],
    readFile: readFromDisk,
    cwd: process.cwd(),
    importPaths: o.importPaths,
    standardImportPaths: o.standardImport,
  });
  const missing = result.diagnostics.find((d) => d.code === 'file-not-found');
  if (missing !== undefined) throw new UsageError(`${missing.file.name}: no such file`);
  if (result.request === undefined) {
    io.stderr(`${result.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    return 1;
  }
  const module = loadCompiled(result.request);
  if (o.typeName === undefined) return undefined;
  return findType(module, o.typeName);
}

/** `Name` or `Outer.Inner` (optionally with a leading `.`) in the file's scope. */
function findType(module: LoadedModule, name: string): StructType {
  const m = /^\.?([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(name);
  if (m === null) {
    const at = name.search(/[^A-Za-z0-9_.]|\.\.|\.$/);
    const pos = at < 0 ? name.length : at + (name[at] === '.' ? 1 : 0);
    throw new UsageError(`${name}: ${pos}-${pos}: Couldn't parse type name.`);
  }
  let scope: Record<string, unknown> = module;
  let scopeName = '';
  let offset = name.startsWith('.') ? 1 : 0;
  for (const part of name.slice(offset).split('.')) {
    const next = Object.hasOwn(scope, part) ? scope[part] : undefined;
    if (next === undefined) {
      throw new UsageError(
        scopeName === ''
          ? `${name}: ${offset + 1}-${offset + part.length}: Not defined: ${part}`
          : `${name}: ${offset + 1}-${offset + part.length}: '${scopeName}' has no member named '${part}'`,
      );
    }
    scope = next as Record<string, unknown>;
    scopeName = part;
    offset += part.length + 1;
  }
  const schema = (scope as { schema?: { which: string } }).schema;
  if (schema?.which !== 'struct') throw new UsageError(`${name}: Type is not a struct.`);
  return scope as unknown as StructType;
}

// ---------------------------------------------------------------------------------------------
// Is the input plausibly in the format given? (The reference's warnings and refusals.)

type Plausibility = 'impossible' | 'implausible' | 'wrong-type' | 'plausible';

function plausiblyFlat(p: Uint8Array, sizes: [number, number], segmentCount = 1): Plausibility {
  if (p.length < 8) return 'plausible';
  const b = (i: number) => p[i] as number;
  if ((b(0) & 3) === 2) {
    const id = (b(4) | (b(5) << 8) | (b(6) << 16) | (b(7) << 24)) >>> 0;
    return id === 0 || id >= segmentCount ? 'impossible' : 'plausible';
  }
  if ((b(0) & 3) !== 0) return 'impossible';
  if ((b(3) & 0x80) !== 0) {
    const emptyStruct = p.subarray(0, 8).every((x, i) => x === (i < 4 ? 0xff : 0));
    if (!emptyStruct) return 'impossible';
  }
  if ((b(3) & 0xe0) !== 0) return 'implausible';
  const data = b(4) | (b(5) << 8);
  const pointers = b(6) | (b(7) << 8);
  if (data + pointers > 2048) return 'implausible';
  const [wantData, wantPointers] = sizes;
  if (
    (data < wantData && pointers > wantPointers) ||
    (data > wantData && pointers < wantPointers)
  ) {
    return 'wrong-type';
  }
  if (data > wantData && data - wantData > 128) return 'wrong-type';
  if (pointers > wantPointers && pointers - wantPointers > 128) return 'wrong-type';
  return 'plausible';
}

function plausiblyBinary(p: Uint8Array, sizes: [number, number]): Plausibility {
  if (p.length < 8) return 'plausible';
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const count = view.getUint32(0, true) + 1;
  if (count > 65536) return 'impossible';
  if (count > 256) return 'implausible';
  if (view.getUint32(4, true) > 1 << 27) return 'implausible';
  let offset = 4 + count * 4;
  if (offset % 8 !== 0) offset += 4;
  if (p.length < offset + 8) return 'plausible';
  return plausiblyFlat(p.subarray(offset), sizes, count);
}

function plausiblyPacked(p: Uint8Array, check: (u: Uint8Array) => Plausibility): Plausibility {
  const out: number[] = [];
  const end = Math.min(p.length, 1024);
  let i = 0;
  while (i < end) {
    const tag = p[i++] as number;
    for (let k = 0; k < 8 && i < end; k++) {
      if (tag & (1 << k)) {
        const b = p[i++] as number;
        if (b === 0) return 'impossible';
        out.push(b);
      } else out.push(0);
    }
    if (i === end) break;
    if (tag === 0) {
      const n = (p[i++] as number) * 8;
      for (let k = 0; k < n; k++) out.push(0);
    } else if (tag === 0xff) {
      const n = Math.min((p[i++] as number) * 8, end - i);
      for (let k = 0; k < n; k++) out.push(p[i + k] as number);
      i += n;
    }
  }
  return check(Uint8Array.from(out));
}

function plausiblyText(p: Uint8Array, open: number, slashComments: boolean): Plausibility {
  let state: 'preamble' | 'comment' | 'body' = 'preamble';
  for (const c of p) {
    if (state === 'preamble') {
      if (c === open) {
        state = 'body';
        continue;
      }
      if (c === 0x23 || (slashComments && c === 0x2f)) {
        state = 'comment';
        continue;
      }
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0b) return 'impossible';
    } else if (state === 'comment') {
      if (c === 0x0a) {
        state = 'preamble';
        continue;
      }
    } else if (c === 0x22 || (!slashComments && c === 0x27)) return 'plausible';
    const control = c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0b;
    // The JSON check reads bytes as signed chars: bytes above 0x7f are "negative", not control.
    if ((slashComments ? control && c > 0 : control) || c === 0x7f) return 'impossible';
  }
  return 'plausible';
}

function plausibly(format: Format, p: Uint8Array, sizes: [number, number]): Plausibility {
  switch (format) {
    case 'binary':
      return plausiblyBinary(p, sizes);
    case 'packed':
      return plausiblyPacked(p, (u) => plausiblyBinary(u, sizes));
    case 'flat':
    case 'canonical':
      return plausiblyFlat(p, sizes);
    case 'flat-packed':
      return plausiblyPacked(p, (u) => plausiblyFlat(u, sizes));
    case 'text':
      return plausiblyText(p, 0x28, false);
    case 'json':
      return plausiblyText(p, 0x7b, true);
  }
}

function guess(p: Uint8Array, sizes: [number, number]): Format | undefined {
  const order: Format[] = ['binary', 'text', 'packed', 'json', 'flat', 'flat-packed'];
  return order.find((f) => {
    const v = plausibly(f, p, sizes);
    return v === 'plausible' || v === 'wrong-type';
  });
}

const WARNING = '*** WARNING ***\n';
const END_WARNING = '*** END WARNING ***\n';

/** The reference's plausibility check: throws for impossible input, warns for doubtful. */
function checkPlausibility(o: Options, p: Uint8Array, sizes: [number, number], io: ConvertStreams) {
  const format = o.from;
  const verdict = plausibly(format, p, sizes);
  if (verdict === 'plausible') return;
  const g = guess(p, sizes);
  if (verdict === 'impossible') {
    throw new UsageError(
      g === undefined
        ? `The input is not in "${format}" format.`
        : `The input is not in "${format}" format. It looks like it is in "${g}" format. Try that instead.`,
    );
  }
  if (verdict === 'implausible') {
    io.stderr(
      g === undefined
        ? `${WARNING}The input data does not appear to be in "${format}" format, nor\nin any other known format. I'll try to parse it in "${format}"\nformat anyway, as you requested. Use --quiet to suppress this warning.\n${END_WARNING}`
        : `${WARNING}The input data does not appear to be in "${format}" format. It\nlooks like it may be in "${g}" format. I'll try to parse\nit in "${format}" format as you requested, but if it doesn't work,\ntry "${format}" instead. Use --quiet to suppress this warning.\n${END_WARNING}`,
    );
    return;
  }
  const schemaNote =
    "The input data does not appear to match the schema that you specified. I'll try\nto parse it anyway, but if it doesn't look right, please verify that you\nhave the right schema.";
  const binaryLike = (f: Format) => {
    const v = plausibly(f, p, sizes);
    return v === 'plausible' || v === 'wrong-type';
  };
  if (format === 'flat' && binaryLike('binary')) {
    io.stderr(
      `${WARNING}${schemaNote} This could also be because the input is not in "flat"\nformat; indeed, it looks like this input may be in regular binary format,\nso you might want to try "binary" instead.  Use --quiet to suppress this\nwarning.\n${END_WARNING}`,
    );
  } else if (format === 'flat-packed' && binaryLike('packed')) {
    io.stderr(
      `${WARNING}${schemaNote} This could also be because the input is not in "flat-packed"\nformat; indeed, it looks like this input may be in regular packed format,\nso you might want to try "packed" instead.  Use --quiet to suppress this\nwarning.\n${END_WARNING}`,
    );
  } else {
    io.stderr(
      `${WARNING}The input data does not appear to be the type that you specified.  I'll try\nto parse it anyway, but if it doesn't look right, please verify that you\nhave the right type.  Use --quiet to suppress this warning.\n${END_WARNING}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Splitting text and JSON input into messages (the reference's readOneText / readOneJson).

/**
 * The next message of text or JSON input: up to where a second top-level `open` starts after a
 * complete one, or to the end. Like the reference, `#` comments (and `//` for JSON) are skipped
 * but quotes are not tracked, so brackets inside strings count.
 */
function nextChunk(input: Uint8Array, start: number, open: number, close: number, json: boolean) {
  let depth = 0;
  let sawClose = false;
  let comment = false;
  let slash = false;
  for (let i = start; i < input.length; i++) {
    const c = input[i] as number;
    if (comment) {
      if (c === 0x0a) comment = false;
      continue;
    }
    if (slash && c === 0x2f) {
      slash = false;
      comment = true;
      continue;
    }
    slash = false;
    if (c === 0x23) comment = true;
    else if (json && c === 0x2f) slash = true;
    else if (c === open) {
      if (depth === 0 && sawClose) return i;
      depth++;
    } else if (c === close && depth > 0 && --depth === 0) sawClose = true;
  }
  return input.length;
}

// ---------------------------------------------------------------------------------------------
// Conversion

/** A problem the reference reports after writing the message it was converting. */
class Recovered {
  constructor(
    readonly description: string,
    readonly location: string,
  ) {}
}

/** A problem the reference gives up on (printed as an uncaught exception). */
class Fatal {
  constructor(readonly description: string) {}
}

/**
 * The root of a message given as segments. A null root (or a message that could not be read)
 * is an empty struct, as the reference's `getRoot<AnyStruct>()` gives.
 */
function rootOf(segments: readonly Uint8Array[]): StructReader {
  const m = MessageReader.fromSegments(
    segments.length > 0 ? segments : [new Uint8Array(8)],
    UNLIMITED,
  );
  return (
    m.root() ?? new StructReader(m, m.segments[0] as Segment, 0, 0, 0, 0, Number.POSITIVE_INFINITY)
  );
}

/** Words the message of `root` takes when copied (what a flat copy needs, root pointer aside). */
function wordsOf(root: StructReader): number {
  let words = root.dataBytes / 8 + root.pointerCount;
  for (let i = 0; i < root.pointerCount; i++) {
    words += totalSize(root.message, root.segment, root.pointerByte + i * 8, root.nestingLeft);
  }
  return words;
}

function copyRoot(
  root: StructReader,
  options: { firstSegmentWords?: number; growHeuristically?: boolean },
) {
  const m = new MessageBuilder(options);
  setStructPointer(m, m.rootSegment(), 0, root);
  return m;
}

class Converter {
  readonly errors: Recovered[] = [];

  constructor(
    readonly o: Options,
    readonly type: StructType | undefined,
  ) {}

  // The reader of a message as the root type (for text and JSON output).
  typed(segments: readonly Uint8Array[]): StructReaderBase {
    return (this.type as StructType).fromSegments(segments, UNLIMITED);
  }

  /** Reads one message at `offset`; returns its segments and where the next one starts. */
  read(input: Uint8Array, offset: number): { segments: readonly Uint8Array[]; next: number } {
    const o = this.o;
    switch (o.from) {
      case 'binary': {
        try {
          const frame = decodeFrame(input, offset, Number.POSITIVE_INFINITY);
          return { segments: frame.segments, next: offset + frame.byteLength };
        } catch (e) {
          this.recover(e);
          return { segments: [], next: input.length };
        }
      }
      case 'packed': {
        const unpacker = new Unpacker(input.subarray(offset));
        try {
          const first = unpacker.read(1);
          const count = new DataView(first.buffer).getUint32(0, true) + 1;
          const rest = unpacker.read(Math.floor(count / 2));
          const table = new Uint8Array(first.length + rest.length);
          table.set(first);
          table.set(rest, first.length);
          const parsed = decodeSegmentTable(table, Number.POSITIVE_INFINITY);
          if (parsed === null) throw new WireError('truncated', 'Premature EOF');
          const segments = parsed.sizes.map((words) => unpacker.read(words));
          return { segments, next: offset + unpacker.offset };
        } catch (e) {
          this.recover(e);
          return { segments: [], next: input.length };
        }
      }
      case 'flat':
      case 'canonical': {
        // Straggler bytes past the last whole word are dropped, as the reference drops them.
        const words = input.slice(offset, offset + ((input.length - offset) & ~7));
        if (o.from === 'canonical') {
          const canonical = canonicalizeStruct(rootOf([words]));
          if (!sameBytes(canonical, words)) throw new Fatal('expected message.isCanonical()');
        }
        return { segments: [words], next: input.length };
      }
      case 'flat-packed': {
        const unpacker = new Unpacker(input.subarray(offset));
        const words = unpacker.read(unpacker.remainingWords(Number.POSITIVE_INFINITY));
        return { segments: [words], next: input.length };
      }
      case 'text':
      case 'json': {
        const json = o.from === 'json';
        const end = nextChunk(input, offset, json ? 0x7b : 0x28, json ? 0x7d : 0x29, json);
        const chunk = input.subarray(offset, end);
        const type = this.type as StructType;
        const onError = (e: CapnpError) => this.recoverParse(e, chunk);
        try {
          const b: StructBuilderBase = json
            ? type.fromJSON(chunk, { onError })
            : type.fromText(chunk, { onError });
          return { segments: b.toSegments(), next: end };
        } catch (e) {
          if (e instanceof CapnpError)
            throw new Fatal(e instanceof TextFormatError ? e.reason : e.message);
          throw e;
        }
      }
    }
  }

  recover(e: unknown): void {
    if (!(e instanceof WireError || e instanceof CapnpError)) throw e;
    this.errors.push(new Recovered(e.message, `capnp-kit (${e.code})`));
  }

  // Text errors name columns as the reference's reporter counts them (from the last newline).
  recoverParse(e: CapnpError, chunk: Uint8Array): void {
    if (!(e instanceof TextFormatError)) {
      this.recover(e);
      return;
    }
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < e.start; i++) {
      if (chunk[i] === 0x0a) {
        line++;
        lineStart = i;
      }
    }
    const where = `${e.start - lineStart}-${e.end - lineStart}`;
    this.errors.push(new Recovered(`${where}: ${e.reason}`, `(capnp text input):${line}`));
  }

  write(segments: readonly Uint8Array[]): Uint8Array {
    const o = this.o;
    const root = rootOf(segments);
    switch (o.to) {
      case 'binary':
      case 'packed': {
        const m = copyRoot(
          root,
          o.segmentSize === 0 ? {} : { firstSegmentWords: o.segmentSize, growHeuristically: false },
        );
        const out = m.toSegments();
        return o.to === 'binary' ? encodeFrame(out) : packPieces([encodeSegmentTable(out), ...out]);
      }
      case 'flat':
      case 'flat-packed': {
        const words = wordsOf(root) + 1;
        const m = copyRoot(root, { firstSegmentWords: words, growHeuristically: false });
        const flat = (m.segments[0] as Segment).bytes;
        return o.to === 'flat' ? flat : pack(flat);
      }
      case 'canonical':
        return canonicalizeStruct(root);
      case 'text':
      case 'json': {
        const typed = this.typed(segments.length === 0 ? [new Uint8Array(8)] : segments);
        const body =
          o.to === 'text'
            ? formatTextBytes(typed, { short: o.short })
            : formatJsonBytes(typed, { short: o.short });
        const out = new Uint8Array(body.length + 1);
        out.set(body);
        out[body.length] = 0x0a;
        return out;
      }
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describe(e: unknown): string {
  if (e instanceof Fatal) return e.description;
  if (e instanceof WireError || e instanceof CapnpError) return e.message;
  throw e;
}

// The whole of standard input is read first (the reference reads message by message).
const processStreams: ConvertStreams = {
  stdin: () => readFileSync(0),
  stdout: (bytes) => void process.stdout.write(bytes),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * Runs `capnp-kit convert` with its arguments; returns the exit status. A drop-in for
 * `capnp convert`: the same formats, options and output, message by message; warnings and
 * errors in the reference's words (their code locations name capnp-kit).
 */
export function convertCommand(
  args: readonly string[],
  io: ConvertStreams = processStreams,
): number {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(new TextEncoder().encode(CONVERT_HELP));
    return 0;
  }
  const o = parsed;
  const type = rootType(o, io);
  if (typeof type === 'number') return type;
  for (const format of [o.from, o.to]) {
    if ((format === 'text' || format === 'json') && type === undefined) {
      throw new UsageError(`format requires schema: ${format}`);
    }
  }
  const input = io.stdin();
  const schema = type?.schema.struct;
  const sizes: [number, number] = [schema?.dataWordCount ?? 0, schema?.pointerCount ?? 0];
  if (!o.quiet) {
    if (input.length === 0) {
      io.stderr('*** Uncaught exception ***\nPremature EOF: the input is empty.\n');
      return 1;
    }
    checkPlausibility(o, input.subarray(0, PREFIX_BYTES), sizes, io);
  }
  const converter = new Converter(o, type);
  let failed = false;
  let offset = 0;
  while (offset < input.length) {
    let message: { segments: readonly Uint8Array[]; next: number };
    try {
      message = converter.read(input, offset);
      io.stdout(converter.write(message.segments));
    } catch (e) {
      io.stderr(`*** Uncaught exception ***\n${describe(e)}\n`);
      return 1;
    }
    offset = message.next;
    const error = converter.errors[0];
    if (error !== undefined) {
      failed = true;
      converter.errors.length = 0;
      io.stderr(
        '*** ERROR CONVERTING PREVIOUS MESSAGE ***\n' +
          'The following error occurred while converting the message above.\n' +
          'This probably means the input data is invalid/corrupted.\n' +
          `Exception description: ${error.description}\n` +
          `Code location: ${error.location}\n` +
          '*** END ERROR ***\n',
      );
    }
  }
  return failed ? 1 : 0;
}
