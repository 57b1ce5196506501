/**
 * Runs one case of a cases module (see isolated.ts) in this fresh process and prints its timing
 * as JSON: `tsx case-worker.ts <module path> <case name> <warmup> <rounds>`.
 */
import { pathToFileURL } from 'node:url';
import { timeInProcess } from './measure.js';

const [modulePath, name, warmup, runs] = process.argv.slice(2);
if (modulePath === undefined || name === undefined) throw new Error('usage: <module> <case>');
const { setup } = (await import(pathToFileURL(modulePath).href)) as {
  setup(): Promise<Record<string, () => unknown>>;
};
const fn = (await setup())[name];
if (fn === undefined) throw new Error(`no case ${name} in ${modulePath}`);
const timing = timeInProcess(fn, { warmup: Number(warmup), minRuns: Number(runs), minMillis: 0 });
process.stdout.write(`${JSON.stringify(timing)}\n`);
