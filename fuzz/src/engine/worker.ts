import { parentPort, workerData } from 'node:worker_threads';
import { TARGETS } from '../targets/index.js';
import { runCampaign } from './campaign.js';
import type { Target } from './target.js';
import type { WorkerMessage, WorkerSetup } from './worker-protocol.js';

/**
 * The worker thread of a campaign: runs the engine and reports to the supervisor. Before each
 * input it publishes the input in shared memory and bumps a counter, so that if the input hangs
 * or exhausts the heap the supervisor, watching from outside, knows which input it was.
 */

const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
const shared = new Uint8Array(setup.input);
const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);

const target = TARGETS[setup.target] as Target;
const { stats } = await runCampaign(target, {
  runs: setup.runs,
  seed: setup.seed,
  coverage: setup.coverage,
  minimize: setup.minimize,
  onInput(input, fresh) {
    const n = Math.min(input.length, shared.length);
    shared.set(input.subarray(0, n));
    Atomics.store(control, 1, n);
    Atomics.add(control, 0, 1);
    if (fresh) Atomics.add(control, 2, 1);
  },
  onViolation: (found) => post({ type: 'violation', found }),
  onProgress: (s) => post({ type: 'progress', stats: s }),
  progressMs: 2000,
});
post({ type: 'done', stats });
