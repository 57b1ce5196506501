import { join } from 'node:path';
import { timeIsolated } from '../lib/isolated.js';
import type { Comparison, Suite } from '../lib/report.js';

const cases = join(import.meta.dirname, '../runtime/types-cases.ts');

/** Runtime: whether reading costs more with many types, or encoding with many object shapes. */
const suite: Suite = {
  name: 'Runtime: one type or many, one shape or many',
  async run(): Promise<Comparison[]> {
    const t = timeIsolated(cases, [
      'read:one-type',
      'read:six-types',
      'encode:one-shape',
      'encode:many-shapes',
    ]);
    const time = (name: string) => (t[name] as { median: number }).median;
    const one = time('read:one-type');
    const six = time('read:six-types');
    const oneShape = time('encode:one-shape');
    const manyShapes = time('encode:many-shapes');
    return [
      {
        id: 'runtime-types',
        title: 'Read 1000 structs with six struct fields and six struct lists',
        unit: 'ms',
        lowerIsBetter: true,
        entries: [
          { label: 'fields all of one type', value: one },
          { label: 'fields of six types', value: six, note: `${(six / one).toFixed(2)}×` },
        ],
        method:
          'The same data and layout read through one struct type or six, each case in processes of its own (3, taking turns; each process builds only its own schema), median per message after warm-up. Before every generated function got source of its own, list classes shared one constructor: 0.69 ms for one type, 9.0 ms for six.',
      },
      {
        id: 'runtime-shapes',
        title: 'Encode 1000 objects into a struct of 40 fields, three fields set in each',
        unit: 'ms',
        lowerIsBetter: true,
        entries: [
          { label: 'the same three fields in every object', value: oneShape },
          {
            label: 'one of 60 combinations of three',
            value: manyShapes,
            note: `${(manyShapes / oneShape).toFixed(2)}×`,
          },
        ],
        method:
          '`newMessage({ rows })` of 1000 plain objects, either all of one shape or of 60 shapes (60 hidden classes), each case in processes of its own (3, taking turns), median per message after warm-up. A writer that loaded every field by name (`o.f0`, `o.f1`, …) was as fast on one shape (0.09 ms) but took 1.07 ms on 60, its load sites megamorphic; the writer walks the keys instead.',
      },
    ];
  },
};

export default suite;
