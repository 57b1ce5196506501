import { join } from 'node:path';
import { timeIsolated } from '../lib/isolated.js';
import type { Comparison, Suite } from '../lib/report.js';

const cases = join(import.meta.dirname, '../runtime/types-cases.ts');

/** Runtime: whether reading costs more when a message holds many types (see the cases). */
const suite: Suite = {
  name: 'Runtime: one type or many',
  async run(): Promise<Comparison[]> {
    const t = timeIsolated(cases, ['read:one-type', 'read:six-types']);
    const one = (t['read:one-type'] as { median: number }).median;
    const six = (t['read:six-types'] as { median: number }).median;
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
    ];
  },
};

export default suite;
