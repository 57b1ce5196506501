import { join } from 'node:path';
import { timeIsolated } from '../lib/isolated.js';
import type { Comparison, Suite } from '../lib/report.js';

const cases = join(import.meta.dirname, '../runtime/cases.ts');
/**
 * Processes per library. This machine's timings wander by several percent from process to
 * process; with three, one slow process in a round moved a ratio by 0.1.
 */
const PROCESSES = 7;

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
    ];
  },
};

export default suite;
