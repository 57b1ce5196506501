import type { CompileJob, CompileReply } from './protocol.js';

/**
 * The page's side of the compile worker. Each caller compiles on its own channel (the schema
 * editor, the RPC tab); `compile()` resolves with null when a newer job on the same channel was
 * sent before its answer came back (its result would be stale), else with the worker's reply.
 */
export class CompileClient {
  readonly #worker: Worker;
  #next = 1;
  readonly #latest = new Map<string, number>();
  readonly #waiting = new Map<
    number,
    { channel: string; resolve: (r: CompileReply | null) => void }
  >();

  constructor() {
    this.#worker = new Worker(new URL('./compile-worker.ts', import.meta.url), { type: 'module' });
    this.#worker.addEventListener('message', (event: MessageEvent<CompileReply>) => {
      const reply = event.data;
      const waiting = this.#waiting.get(reply.id);
      if (waiting === undefined) return;
      this.#waiting.delete(reply.id);
      waiting.resolve(this.#latest.get(waiting.channel) === reply.id ? reply : null);
    });
  }

  /** Compiles `files[entry]` (and what it imports among `files`) on `channel`. */
  compile(
    files: Readonly<Record<string, string>>,
    entry: string,
    channel: string,
  ): Promise<CompileReply | null> {
    const job: CompileJob = { id: this.#next++, files, entry };
    this.#latest.set(channel, job.id);
    return new Promise((resolve) => {
      this.#waiting.set(job.id, { channel, resolve });
      this.#worker.postMessage(job);
    });
  }
}
