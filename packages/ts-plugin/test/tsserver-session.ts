import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A tsserver process driven over its protocol, as an editor drives it: requests are JSON lines
 * on stdin; responses and events come back on stdout framed by `Content-Length` headers.
 */

interface Message {
  readonly seq: number;
  readonly type: 'response' | 'event';
  readonly command?: string;
  readonly request_seq?: number;
  readonly success?: boolean;
  readonly message?: string;
  readonly event?: string;
  readonly body?: unknown;
}

/** A diagnostic as tsserver reports it. */
export interface ServerDiagnostic {
  readonly text: string;
  readonly code: number;
  readonly start: { line: number; offset: number };
  readonly end: { line: number; offset: number };
}

export class TsServerSession {
  readonly #process: ChildProcess;
  #seq = 0;
  #buffer = Buffer.alloc(0);
  readonly #pending = new Map<number, (m: Message) => void>();
  readonly #eventWaiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly #exited: Promise<number | null>;
  /** Everything tsserver wrote to stderr (for failure messages). */
  stderr = '';

  /** Starts `node …nodeArgs <tsserver> …args`. */
  constructor(tsserver: string, args: readonly string[], nodeArgs: readonly string[] = []) {
    this.#process = spawn(process.execPath, [...nodeArgs, tsserver, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#process.stdout?.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.#exited = new Promise((resolve) => this.#process.on('exit', (code) => resolve(code)));
  }

  /** Sends a request that has no response (`open`, `change`, `geterr`, …). */
  notify(command: string, args: unknown): void {
    this.#send(command, args);
  }

  /** Sends a request and resolves with its response's body; rejects if it failed. */
  async request<T>(command: string, args: unknown): Promise<T> {
    const seq = this.#send(command, args);
    const response = await new Promise<Message>((resolve) => this.#pending.set(seq, resolve));
    if (!response.success)
      throw new Error(`tsserver ${command} failed: ${response.message}\n${this.stderr}`);
    return response.body as T;
  }

  /** The semantic diagnostics of `file`, asked for as editors do (`geterr`, then events). */
  async semanticDiagnostics(file: string): Promise<ServerDiagnostic[]> {
    const event = this.#event(
      (m) => m.event === 'semanticDiag' && (m.body as { file: string }).file === file,
    );
    this.notify('geterr', { files: [file], delay: 0 });
    return ((await event).body as { diagnostics: ServerDiagnostic[] }).diagnostics;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.#process.exitCode === null && this.#process.signalCode === null;
  }

  /** Ends the process (asks it to exit, then kills it if it has not). */
  async close(): Promise<void> {
    if (!this.running) return;
    this.#send('exit', {});
    const timer = setTimeout(() => this.#process.kill(), 2000);
    await this.#exited;
    clearTimeout(timer);
  }

  #event(match: (m: Message) => boolean): Promise<Message> {
    return new Promise((resolve) => this.#eventWaiters.push({ match, resolve }));
  }

  #send(command: string, args: unknown): number {
    const seq = ++this.#seq;
    this.#process.stdin?.write(
      `${JSON.stringify({ seq, type: 'request', command, arguments: args })}\n`,
    );
    return seq;
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.#buffer.subarray(0, headerEnd).toString();
      const length = Number(/Content-Length: (\d+)/.exec(header)?.[1]);
      const start = headerEnd + 4;
      if (this.#buffer.length < start + length) return;
      const message = JSON.parse(
        this.#buffer.subarray(start, start + length).toString(),
      ) as Message;
      this.#buffer = this.#buffer.subarray(start + length);
      if (message.type === 'response' && message.request_seq !== undefined) {
        this.#pending.get(message.request_seq)?.(message);
        this.#pending.delete(message.request_seq);
      } else if (message.type === 'event') {
        const i = this.#eventWaiters.findIndex((w) => w.match(message));
        if (i >= 0) this.#eventWaiters.splice(i, 1)[0]?.resolve(message);
      }
    }
  }
}
