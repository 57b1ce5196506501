import { join } from 'node:path';
import { timeIsolated } from '../lib/isolated.js';
import type { Comparison, Suite } from '../lib/report.js';

const cases = join(import.meta.dirname, '../runtime/cases.ts');
/**
 * Processes per library. This machine's timings wander by several percent from process to
 * process; with three, one slow process in a round moved a ratio by 0.1.
 */
const PROCESSES = 7;
const SMALL = ['encode:ours', 'encode:es', 'encode:pb', 'read:ours', 'read:es', 'read:pb'];

/** Runtime: encoding and reading the quickstart's address book against other libraries. */
const suite: Suite = {
  name: 'Runtime: messages (1000 people × 3 phones)',
  async run(): Promise<Comparison[]> {
    const t = timeIsolated(
      cases,
      [
        'encode:plain',
        'encode:fields',
        'encode:es',
        'encode:pb',
        'read:ours',
        'read:hand',
        'read:es',
        'read:pb',
      ],
      { processes: PROCESSES },
    );
    // A call of these handles 1000 messages (capnp-es takes tens of milliseconds): fewer runs.
    const s = timeIsolated(
      cases,
      SMALL.map((c) => `small:${c}`),
      { processes: PROCESSES, warmup: 20, runs: 60 },
    );
    const time = (name: string) => (t[name] as { median: number }).median;
    const enc = {
      plain: { median: time('encode:plain') },
      ours: { median: time('encode:fields') },
      es: { median: time('encode:es') },
      pb: { median: time('encode:pb') },
    };
    const read = {
      ours: { median: time('read:ours') },
      hand: { median: time('read:hand') },
      es: { median: time('read:es') },
      pb: { median: time('read:pb') },
    };
    const ratio = (a: number, b: number) => a / b;
    // The small-message cases handle 1000 messages per call: per message in µs, the same figure.
    const small = (name: string) => (s[`small:${name}`] as { median: number }).median;
    return [
      {
        id: 'runtime-encode',
        title: 'Encode the address book (build + serialize)',
        unit: 'ms',
        lowerIsBetter: true,
        entries: [
          { label: 'capnp-kit newMessage(object)', value: enc.plain.median },
          { label: 'capnp-kit field by field', value: enc.ours.median },
          { label: 'protobufjs 8.8.1', value: enc.pb.median },
          { label: 'capnp-es 0.0.16', value: enc.es.median },
        ],
        goal: {
          text: `≤ 1.0× protobufjs from the same plain object (${ratio(enc.plain.median, enc.pb.median).toFixed(2)}×; field by field ${ratio(enc.ours.median, enc.pb.median).toFixed(2)}×) and ≤ 0.1× capnp-es (${ratio(enc.ours.median, enc.es.median).toFixed(3)}×)`,
          met: enc.plain.median <= enc.pb.median && enc.ours.median <= 0.1 * enc.es.median,
        },
        method:
          `Each library in processes of its own (${PROCESSES} per library, taking turns), median` +
          ' time per book after warm-up; the figure is the median of the per-process medians. protobufjs encodes a prepared plain object (its fastest path), as does capnp-kit `newMessage(object).toBytes()`; "field by field" sets every field through builders, as capnp-es does.',
      },
      {
        id: 'runtime-read',
        title: 'Read every field of the address book (parse + read)',
        unit: 'ms',
        lowerIsBetter: true,
        entries: [
          { label: 'hand-written DataView reader', value: read.hand.median },
          { label: 'capnp-kit', value: read.ours.median },
          { label: 'protobufjs 8.8.1 (decode + read)', value: read.pb.median },
          { label: 'capnp-es 0.0.16', value: read.es.median },
        ],
        goal: {
          text: `≤ 1.5× the hand-written reader (${ratio(read.ours.median, read.hand.median).toFixed(2)}×) and ≤ 0.1× capnp-es (${ratio(read.ours.median, read.es.median).toFixed(3)}×)`,
          met:
            read.ours.median <= 1.5 * read.hand.median && read.ours.median <= 0.1 * read.es.median,
        },
        method:
          `Each reader in processes of its own (${PROCESSES} per reader, taking turns), median` +
          " per book after warm-up; the same single-segment bytes for every Cap'n Proto reader (made by capnp-kit); each reader sums field values and string lengths and all must agree.",
      },
      {
        id: 'runtime-small',
        title: 'Small messages: one person (3 phones) per message, encode and read every field',
        unit: 'µs per message',
        lowerIsBetter: true,
        entries: [
          { label: 'encode: capnp-kit newMessage(object)', value: small('encode:ours') },
          { label: 'encode: protobufjs 8.8.1', value: small('encode:pb') },
          { label: 'encode: capnp-es 0.0.16', value: small('encode:es') },
          { label: 'read: capnp-kit', value: small('read:ours') },
          { label: 'read: protobufjs 8.8.1 (decode + read)', value: small('read:pb') },
          { label: 'read: capnp-es 0.0.16', value: small('read:es') },
        ],
        method: `The address book's 1000 people, each encoded as a message of its own (a Person root) and each read back field by field; time per message, measured as the cases above (${PROCESSES} processes per library). No goal: it shows the fixed costs of a message, which the book's one large message hides. protobufjs takes small buffers from a shared pool; capnp-kit allocates each message's segment and its framed bytes, so that neither shares memory with another message.`,
      },
    ];
  },
};

export default suite;
