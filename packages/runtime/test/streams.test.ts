import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import * as capnp from '@capnp-kit/runtime';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: loaded schemas are dynamic here
type Any = any;

const addressbook = join(import.meta.dirname, '../../../examples/quickstart/addressbook.capnp');
// Reference-made messages (capnp 0.9.2), shared with the wire package's tests.
const wireFixtures = join(import.meta.dirname, '../../wire/test/fixtures');
const ab: Any = capnp.load(addressbook);
const sample: Any = capnp.load(join(wireFixtures, 'sample.capnp'));

function person(id: number): Any {
  return ab.Person.newMessage({
    id,
    name: `Person ${id}`,
    email: `p${id}@example.com`,
    phones: [{ number: `555-${1000 + id}`, type: 'home' }],
    employment: { school: 'MIT' },
  });
}

/** A message spread over many segments (tiny, fixed-size segments). */
function multiSegmentBook(): Any {
  const init = { people: [1, 2, 3].map((id) => person(id).toObject()) };
  return ab.AddressBook.newMessage(init, { firstSegmentWords: 4, growHeuristically: false });
}

const people = [person(1), person(2), person(3)];
const framed = people.map((p) => p.toBytes() as Uint8Array);
const packed = people.map((p) => p.toBytesPacked() as Uint8Array);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `bytes` cut at `positions` (copies: a reader must not depend on chunk identity). */
function splitAt(bytes: Uint8Array, ...positions: number[]): Uint8Array[] {
  const cuts = [0, ...positions, bytes.length];
  return cuts.slice(1).map((end, i) => bytes.slice(cuts[i], end));
}

function everyByte(bytes: Uint8Array): Uint8Array[] {
  return [...bytes].map((b) => Uint8Array.of(b));
}

async function* iterable(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

function webStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

function passThrough(chunks: readonly Uint8Array[]): PassThrough {
  const stream = new PassThrough();
  for (const c of chunks) stream.write(c);
  stream.end();
  return stream;
}

/** Every kind of source, over the same chunks. */
const sources: { name: string; make: (chunks: readonly Uint8Array[]) => capnp.StreamSource }[] = [
  { name: 'async iterable', make: iterable },
  { name: 'WHATWG ReadableStream', make: webStream },
  { name: 'Node PassThrough', make: passThrough },
  { name: 'Node Readable.from (object mode)', make: (chunks) => Readable.from(chunks) },
];

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ids = (readers: Any[]) => readers.map((r) => r.id);

async function rejection(promise: Promise<unknown>): Promise<Any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a value');
}

describe('reading messages from streams', () => {
  it('accepts the platform stream types (checked by tsc)', () => {
    expectTypeOf<PassThrough>().toExtend<capnp.StreamSource>();
    expectTypeOf<ReturnType<typeof createReadStream>>().toExtend<capnp.StreamSource>();
    expectTypeOf<Socket>().toExtend<capnp.StreamSource>();
    expectTypeOf<ReadableStream<Uint8Array>>().toExtend<capnp.StreamSource>();
    expectTypeOf<AsyncGenerator<Uint8Array>>().toExtend<capnp.StreamSource>();
    expectTypeOf<PassThrough>().toExtend<capnp.StreamSink>();
    expectTypeOf<ReturnType<typeof createWriteStream>>().toExtend<capnp.StreamSink>();
    expectTypeOf<Socket>().toExtend<capnp.StreamSink>();
    expectTypeOf<WritableStream<Uint8Array>>().toExtend<capnp.StreamSink>();
    expectTypeOf<string>().not.toExtend<capnp.StreamSource>();
  });

  describe.each(sources)('$name', ({ make }) => {
    it('reads framed messages split at every byte position', async () => {
      const two = concat(framed.slice(0, 2));
      for (let at = 0; at <= two.length; at++) {
        const got = ids(await collect(ab.Person.readMultiple(make(splitAt(two, at)))));
        expect(got, `split at ${at}`).toEqual([1, 2]);
      }
    });

    it('reads packed messages split at every byte position', async () => {
      const two = concat(packed.slice(0, 2));
      for (let at = 0; at <= two.length; at++) {
        const got = ids(await collect(ab.Person.readMultiplePacked(make(splitAt(two, at)))));
        expect(got, `split at ${at}`).toEqual([1, 2]);
      }
    });

    it('unpacks long raw (0xff) and zero (0x00) runs split at every byte position', async () => {
      const raw = ab.Person.newMessage({ id: 7, name: 'x'.repeat(100) });
      const zeros = ab.AddressBook.newMessage({ people: Array.from({ length: 40 }, () => ({})) });
      const bytes = concat([raw.toBytesPacked(), zeros.toBytesPacked()]);
      const tags = [...raw.toBytesPacked()];
      expect(tags.indexOf(0xff)).toBeGreaterThan(-1);
      for (let at = 0; at <= bytes.length; at++) {
        const stream = make(splitAt(bytes, at));
        expect((await ab.Person.readPacked(stream)).name, `split at ${at}`).toBe('x'.repeat(100));
        expect((await ab.AddressBook.readPacked(stream)).people.length, `split at ${at}`).toBe(40);
      }
    });

    it('reads one-byte chunks, framed and packed', async () => {
      expect(ids(await collect(ab.Person.readMultiple(make(everyByte(concat(framed))))))).toEqual([
        1, 2, 3,
      ]);
      const bytes = everyByte(concat(packed));
      expect(ids(await collect(ab.Person.readMultiplePacked(make(bytes))))).toEqual([1, 2, 3]);
    });

    it('reads exactly one message per read: consecutive reads continue, sharing a chunk', async () => {
      const stream = make([concat([framed[0], packed[1], framed[2]] as Uint8Array[])]);
      expect((await ab.Person.read(stream)).id).toBe(1);
      expect((await ab.Person.readPacked(stream)).id).toBe(2);
      expect((await ab.Person.read(stream)).id).toBe(3);
      const end = await rejection(ab.Person.read(stream));
      expect(end).toBeInstanceOf(capnp.WireError);
      expect(end.code).toBe('truncated');
    });

    it('leaves the rest of the stream when a loop over messages stops early', async () => {
      const stream = make([concat(framed)]);
      for await (const first of ab.Person.readMultiple(stream)) {
        expect(first.id).toBe(1);
        break;
      }
      expect(ids(await collect(ab.Person.readMultiple(stream)))).toEqual([2, 3]);
    });

    it('reads a multi-segment message', async () => {
      const book = multiSegmentBook();
      expect(book.toSegments().length).toBeGreaterThan(3);
      const bytes = concat([book.toBytes(), book.toBytesPacked()]);
      const stream = make(splitAt(bytes, 5, 17, 100));
      const want = book.toObject();
      expect((await ab.AddressBook.read(stream)).toObject()).toEqual(want);
      expect((await ab.AddressBook.readPacked(stream)).toObject()).toEqual(want);
    });
  });

  it('unlocks a WHATWG stream between reads', async () => {
    const stream = webStream([concat(framed)]);
    expect((await ab.Person.read(stream)).id).toBe(1);
    expect(stream.locked).toBe(false);
    expect(ids(await collect(ab.Person.readMultiple(stream)))).toEqual([2, 3]);
    expect(stream.locked).toBe(false);
  });

  it('gives unread bytes back to a Node stream, for any later reader', async () => {
    const stream = passThrough([concat([framed[0], Uint8Array.of(1, 2, 3)] as Uint8Array[])]);
    expect((await ab.Person.read(stream)).id).toBe(1);
    const rest: Uint8Array[] = [];
    for await (const chunk of stream) rest.push(chunk);
    expect([...concat(rest)]).toEqual([1, 2, 3]);
  });

  it('reads reference-made multi-segment messages, framed and packed', async () => {
    for (const name of ['sample.seg8', 'sample.seg32']) {
      const bin = new Uint8Array(readFileSync(join(wireFixtures, `${name}.bin`)));
      const pk = new Uint8Array(readFileSync(join(wireFixtures, `${name}.packed`)));
      // Compared canonically: the exact bytes, not just the values.
      const canonical = (r: Any) => Buffer.from(r.canonicalize()).toString('hex');
      const want = canonical(sample.Sample.fromBytes(bin));
      const fromFramed = await sample.Sample.read(iterable(splitAt(bin, 3, 50)));
      const fromPacked = await sample.Sample.readPacked(iterable(everyByte(pk)));
      expect(canonical(fromFramed), name).toBe(want);
      expect(canonical(fromPacked), name).toBe(want);
      expect(fromPacked.text, name).toBe('foo bar ünïcødé');
    }
  });

  it('reads an empty stream as no messages, and rejects a read of one', async () => {
    expect(await collect(ab.Person.readMultiple(iterable([])))).toEqual([]);
    expect(await collect(ab.Person.readMultiplePacked(webStream([])))).toEqual([]);
    expect((await rejection(ab.Person.read(passThrough([])))).code).toBe('truncated');
    expect((await rejection(ab.Person.readPacked(iterable([])))).code).toBe('truncated');
  });

  it('reads a null root as all defaults, and refuses a message without a root', async () => {
    const nullRoot = Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const stream = iterable([nullRoot, Uint8Array.of(0x10, 0x01, 0x00, 0x00), new Uint8Array(8)]);
    expect((await ab.Person.read(stream)).toObject()).toEqual(ab.Person.newMessage().toObject());
    expect((await ab.Person.readPacked(stream)).id).toBe(0);
    // An empty segment has no room for the root pointer: as fromBytes (and the reference) do.
    expect((await rejection(ab.Person.read(stream))).code).toBe('truncated');
  });

  it('takes reader options (limits) and applies them to the message', async () => {
    const book = multiSegmentBook();
    const words = book.toBytes().length / 8;
    const small = { traversalLimitInWords: 8 };
    const error = await rejection(ab.AddressBook.read(iterable([book.toBytes()]), small));
    expect(error.code).toBe('message-too-large');
    const big = { traversalLimitInWords: words };
    expect((await ab.AddressBook.read(iterable([book.toBytes()]), big)).people.length).toBe(3);
  });
});

describe('hostile and broken streams', () => {
  it('rejects every truncation of a framed message with a typed error', async () => {
    const book = multiSegmentBook().toBytes();
    for (let length = 1; length < book.length; length++) {
      const error = await rejection(ab.AddressBook.read(iterable([book.subarray(0, length)])));
      expect(error, `length ${length}`).toBeInstanceOf(capnp.WireError);
      expect(error.code, `length ${length}`).toBe('truncated');
    }
  });

  it('rejects every truncation of a packed message with a typed error', async () => {
    const book = multiSegmentBook().toBytesPacked();
    for (let length = 1; length < book.length; length++) {
      const chunks = everyByte(book.subarray(0, length));
      const error = await rejection(ab.AddressBook.readPacked(passThrough(chunks)));
      expect(error, `length ${length}`).toBeInstanceOf(capnp.WireError);
      expect(error.code, `length ${length}`).toBe('truncated');
    }
  });

  it('rejects a message cut off after whole messages', async () => {
    const cut = concat([framed[0], (framed[1] as Uint8Array).subarray(0, 20)] as Uint8Array[]);
    const got: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const p of ab.Person.readMultiple(iterable([cut]))) got.push(p.id);
      })(),
    );
    expect(got).toEqual([1]);
    expect(error.code).toBe('truncated');
  });

  /** A source that fails the test if asked for more than its first chunk. */
  async function* onlyFirst(first: Uint8Array): AsyncGenerator<Uint8Array> {
    yield first;
    throw new Error('the reader asked for bytes past the segment table');
  }

  const tables = [
    {
      name: '512 segments',
      input: Uint8Array.of(0xff, 0x01, 0, 0, 1, 0, 0, 0),
      want: 'too-many-segments',
    },
    {
      name: '2^32 segments',
      input: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0),
      want: 'too-many-segments',
    },
    {
      name: 'one segment of 2^32-1 words',
      input: Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff),
      want: 'message-too-large',
    },
    {
      name: 'two segments over the traversal limit together',
      input: Uint8Array.of(1, 0, 0, 0, 1, 0, 0x40, 0, 1, 0, 0x40, 0, 0, 0, 0, 0),
      want: 'message-too-large',
    },
  ];

  it.each(tables)(
    'rejects a segment table with $name before reading on',
    async ({ input, want }) => {
      const error = await rejection(ab.Person.read(onlyFirst(input)));
      expect(error).toBeInstanceOf(capnp.WireError);
      expect(error.code).toBe(want);
      // Packed: the same table, packed, is refused just as early.
      const packedTable = packTable(input);
      const packedError = await rejection(ab.Person.readPacked(onlyFirst(packedTable)));
      expect(packedError.code).toBe(want);
    },
  );

  it('refuses a packed run that reaches past the end of its message', async () => {
    // One segment of two zero words; the zero run claims three ("00 02").
    const input = Uint8Array.of(0x10, 0x02, 0x00, 0x02);
    const error = await rejection(ab.Person.readPacked(iterable([input])));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/did not end cleanly/);
  });

  it('lets a packed run cross between segments, as the reference does', async () => {
    // Three segments of one zero word each: the table, segment 0 ("00 00"), then one run of
    // two zero words covering segments 1 and 2 ("00 01").
    const input = Uint8Array.of(0x11, 0x02, 0x01, 0x11, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01);
    const reader = await ab.Person.readPacked(iterable([input]));
    expect(reader.toObject()).toEqual(ab.Person.newMessage().toObject());
  });

  it('rejects chunks that are not bytes, and things that are not streams', async () => {
    const text = new PassThrough();
    text.setEncoding('utf8');
    text.end('hello');
    expect((await rejection(ab.Person.read(text))).code).toBe('invalid-value');
    expect((await rejection(ab.Person.read(42))).code).toBe('invalid-value');
    expect(() => ab.Person.readMultiple({})).toThrow(capnp.CapnpError);
    expect(() => capnp.readMultipleSegmentsPacked(null as never)).toThrow(capnp.CapnpError);
  });

  it("rejects with a Node stream's error", async () => {
    const stream = new PassThrough();
    stream.write((framed[0] as Uint8Array).subarray(0, 10));
    setTimeout(() => stream.destroy(new Error('connection reset')), 1);
    expect((await rejection(ab.Person.read(stream))).message).toBe('connection reset');
  });
});

/** Packs a segment table the way the reference's packed stream does (one piece). */
function packTable(table: Uint8Array): Uint8Array {
  const words: number[] = [];
  for (let w = 0; w < table.length; w += 8) {
    let tag = 0;
    const bytes: number[] = [];
    for (let k = 0; k < 8; k++) {
      const b = table[w + k] as number;
      if (b !== 0) {
        tag |= 1 << k;
        bytes.push(b);
      }
    }
    words.push(tag, ...bytes);
    if (tag === 0 || tag === 0xff) words.push(0);
  }
  return Uint8Array.from(words);
}

/** What the given writes put into a Node stream. */
async function written(...writes: ((sink: PassThrough) => Promise<void>)[]): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Uint8Array[] = [];
  sink.on('data', (c: Uint8Array) => chunks.push(c));
  for (const write of writes) await write(sink);
  return concat(chunks);
}

describe('writing messages to streams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-streams-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly toBytes / toBytesPacked (the reference packing)', async () => {
    const book = multiSegmentBook();
    const got = await written(
      (s) => book.write(s),
      (s) => book.writePacked(s),
    );
    const want = concat([book.toBytes(), book.toBytesPacked()]);
    expect(Buffer.from(got).toString('hex')).toBe(Buffer.from(want).toString('hex'));
  });

  it('writes to a WHATWG WritableStream, waiting for the sink', async () => {
    const written: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({
      async write(chunk) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        written.push(chunk);
      },
    });
    for (const p of people) await p.write(stream);
    expect(written.length).toBe(3);
    for (const p of people) await p.writePacked(stream);
    expect(written.length).toBe(6);
    expect(stream.locked).toBe(false);
    const read = ab.Person.readMultiple(iterable(written.slice(0, 3)));
    expect(ids(await collect(read))).toEqual([1, 2, 3]);
  });

  it('round-trips through a file (fs streams, small chunks)', async () => {
    const path = join(dir, 'people.bin');
    const out = createWriteStream(path);
    for (const p of people) {
      await p.write(out);
      await p.writePacked(out);
    }
    out.end();
    await finished(out);
    const stream = createReadStream(path, { highWaterMark: 7 });
    const got: number[] = [];
    for (let i = 0; i < 3; i++) {
      got.push((await ab.Person.read(stream)).id);
      got.push((await ab.Person.readPacked(stream)).id);
    }
    expect(got).toEqual([1, 1, 2, 2, 3, 3]);
    expect(await collect(ab.Person.readMultiple(stream))).toEqual([]);
  });

  it('respects backpressure: waits for a slow reader of a PassThrough', async () => {
    const pipe = new PassThrough({ highWaterMark: 16 });
    const count = 200;
    const writing = (async () => {
      for (let i = 0; i < count; i++) await person(i).writePacked(pipe);
      pipe.end();
    })();
    const got: number[] = [];
    for await (const p of ab.Person.readMultiplePacked(pipe)) {
      got.push(p.id);
      // A reader slower than the writer: the writer must wait rather than buffer everything.
      expect(pipe.writableLength).toBeLessThanOrEqual(16 + 200);
    }
    await writing;
    expect(got).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('streams messages over a TCP socket', async () => {
    const server = createServer(async (socket: Socket) => {
      for (const p of people) await p.write(socket);
      await multiSegmentBook().writePacked(socket);
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address() as { port: number };
      const client = connect(address.port, '127.0.0.1');
      const first = await ab.Person.read(client);
      const rest: number[] = [];
      let n = 0;
      for await (const p of ab.Person.readMultiple(client)) {
        rest.push(p.id);
        if (++n === 2) break;
      }
      const book = await ab.AddressBook.readPacked(client);
      expect([first.id, ...rest]).toEqual([1, 2, 3]);
      expect(book.toObject()).toEqual(multiSegmentBook().toObject());
      expect(await collect(ab.Person.readMultiple(client))).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('rejects a write to an ended Node stream, and a non-stream', async () => {
    const ended = new PassThrough();
    ended.on('error', () => {});
    ended.end();
    await expect(people[0].write(ended)).rejects.toThrow(/write after end/);
    await expect(people[0].write({})).rejects.toThrow(capnp.CapnpError);
  });

  const capnpTool = spawnSync('capnp', ['--version']).status === 0;

  it.skipIf(!capnpTool)('writes streams the reference reads: capnp convert', async () => {
    const book = multiSegmentBook();
    const asText = (format: string, input: Uint8Array) => {
      const run = spawnSync(
        'capnp',
        ['convert', `${format}:text`, '--short', addressbook, 'AddressBook'],
        { input },
      );
      expect(run.stderr.toString()).toBe('');
      return run.stdout.toString();
    };
    const twice = await written(
      (s) => book.write(s),
      (s) => book.write(s),
    );
    const twicePacked = await written(
      (s) => book.writePacked(s),
      (s) => book.writePacked(s),
    );
    const framedText = asText('binary', twice);
    const packedText = asText('packed', twicePacked);
    expect(framedText.trim().split('\n')).toHaveLength(2);
    expect(packedText).toBe(framedText);
  });
});
