import {
  type InterfaceSchema,
  loadCompiled,
  type StructType,
  TwoPartyClient,
} from '@capnp-kit/runtime';
import calc from '../../../examples/calculator/calculator.capnp';
import type { CompileClient } from '../compile/compile-client.js';
import { el } from '../ui/dom.js';
import { type CalculatorCap, evaluateRemotely } from './calculator-client.js';
import { evaluateLocally, parseExpression } from './expression.js';
import { type Frame, LoggedSocket } from './logged-socket.js';
import { FrameReader, MethodNames } from './rpc-frames.js';

/** Where the dev and preview servers answer RPC (see server/calculator-rpc-plugin.ts). */
const RPC_PATH = '/rpc';

const EXAMPLES = ['(4 + 5) * 3 - 2', '123 + 45 * 2', '-(2 - 10) / 4', '1 + 2 + 3 + 4 + 5 * 6'];

interface Declarations {
  readonly schema: InterfaceSchema;
  readonly [name: string]: unknown;
}

/** The interfaces of calculator.capnp, for naming methods in the log. */
function calculatorNames(): MethodNames {
  const names = new MethodNames();
  const calculator = calc.Calculator as Declarations;
  names.add(calculator.schema);
  names.add((calculator.Value as Declarations).schema);
  names.add((calculator.Function as Declarations).schema);
  return names;
}

/**
 * The RPC tab: the quickstart's calculator, served by the dev (or preview) server over a
 * WebSocket. Type an expression; the page turns it into `getOperator` and `evaluate` calls and
 * a `read()` of the result, pipelined so that all go out before any answer comes back, and lists
 * every RPC frame that crosses the wire.
 */
export class CalculatorTab {
  readonly element: HTMLElement;
  readonly #compiler: CompileClient;
  readonly #input = el('input', {
    attrs: {
      type: 'text',
      'data-testid': 'rpc-expression',
      'aria-label': 'Expression',
      spellcheck: 'false',
    },
  });
  readonly #pipelined = el('input', {
    attrs: { type: 'checkbox', id: 'rpc-pipelined', checked: '' },
  });
  readonly #button = el(
    'button',
    { className: 'primary', attrs: { type: 'submit', 'data-testid': 'rpc-evaluate' } },
    'Evaluate',
  );
  readonly #status = el(
    'span',
    { className: 'badge', attrs: { 'data-testid': 'rpc-status' } },
    'not connected',
  );
  readonly #result = el('div', {
    className: 'rpc-result',
    attrs: { 'data-testid': 'rpc-result', 'aria-live': 'polite' },
  });
  readonly #log = el('ol', { className: 'rpc-log', attrs: { 'data-testid': 'rpc-log' } });
  #client: TwoPartyClient | undefined;
  #calculator: CalculatorCap | undefined;
  #reader: FrameReader | undefined;
  #connecting: Promise<void> | undefined;
  /** When the current evaluation started (frame times are shown relative to it). */
  #since = 0;
  #frames: { frame: Frame; kind: string }[] = [];

  constructor(compiler: CompileClient) {
    this.#compiler = compiler;
    this.#input.value = EXAMPLES[0] as string;
    const form = el(
      'form',
      { className: 'rpc-form' },
      this.#input,
      this.#button,
      el('label', { attrs: { for: 'rpc-pipelined' } }, this.#pipelined, ' pipeline the calls'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#evaluate();
    });
    const intro = el(
      'p',
      { className: 'intro' },
      "The calculator of the Cap'n Proto quickstart, served by a Node process next to this page (",
      el('code', {}, 'TwoPartyServer'),
      ') and called from here over a WebSocket (',
      el('code', {}, 'TwoPartyClient'),
      '). Each operator is a capability from ',
      el('code', {}, 'getOperator'),
      '; with pipelining the page passes those capabilities and calls ',
      el('code', {}, 'read()'),
      ' on the result before any answer has arrived.',
    );
    const examples = el('div', { className: 'examples' }, el('span', {}, 'Try'));
    for (const example of EXAMPLES) {
      const chip = el('button', { className: 'chip', attrs: { type: 'button' } }, example);
      chip.addEventListener('click', () => {
        this.#input.value = example;
        void this.#evaluate();
      });
      examples.append(chip);
    }
    const hint = el(
      'p',
      { className: 'hint' },
      'Untick “pipeline the calls” to await each call before making the next: the same calls then take a round trip each.',
    );
    this.element = el(
      'div',
      { className: 'rpc' },
      el(
        'section',
        { className: 'panel' },
        el(
          'header',
          {},
          el('div', { className: 'head' }, el('h2', {}, 'Calculator'), this.#status),
        ),
        el('div', { className: 'rpc-body' }, intro, form, examples, this.#result, hint),
      ),
      el(
        'section',
        { className: 'panel grow' },
        el('header', {}, el('div', { className: 'head' }, el('h2', {}, 'Frames on the wire'))),
        this.#log,
      ),
    );
  }

  /** Called when the tab is shown: connects on first use. */
  shown(): void {
    void this.#connect().catch(() => {});
  }

  #connect(): Promise<void> {
    this.#connecting ??= (async () => {
      this.#status.textContent = 'connecting…';
      // rpc.capnp is compiled here, by the compiler in the worker, to read the frames.
      const reply = await this.#compiler.compile({}, '/capnp/rpc.capnp', 'rpc');
      if (reply?.ok) {
        const rpc = loadCompiled(reply.request);
        this.#reader = new FrameReader(rpc.Message as StructType, calculatorNames());
      }
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${RPC_PATH}`;
      this.#log.append(el('li', { className: 'separator' }, `connect to ${url}`));
      this.#since = performance.now();
      const socket = new WebSocket(url);
      await new Promise<void>((resolve, reject) => {
        socket.addEventListener('open', () => resolve(), { once: true });
        socket.addEventListener('error', () => reject(new Error(`Could not connect to ${url}.`)), {
          once: true,
        });
      });
      this.#client = new TwoPartyClient(new LoggedSocket(socket, (frame) => this.#record(frame)));
      this.#calculator = this.#client
        .bootstrap()
        .castAs(calc.Calculator) as unknown as CalculatorCap;
      this.#status.textContent = `connected to ${url}`;
      this.#status.classList.add('ok');
      void this.#client.onDisconnect.then((why) => {
        this.#status.textContent = `disconnected: ${why.message}`;
        this.#status.classList.remove('ok');
        this.#connecting = undefined;
        this.#calculator = undefined;
      });
    })().catch((error: unknown) => {
      this.#status.textContent = error instanceof Error ? error.message : String(error);
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  #record(frame: Frame): void {
    const summary = this.#reader?.summarize(frame.bytes) ?? {
      kind: 'frame',
      text: `${frame.bytes.length} bytes`,
    };
    this.#frames.push({ frame, kind: summary.kind });
    const ms = Math.max(0, frame.time - this.#since).toFixed(1);
    this.#log.append(
      el(
        'li',
        { className: `frame ${frame.direction} f-${summary.kind}` },
        el('span', { className: 'dir' }, frame.direction === 'out' ? '→' : '←'),
        el('span', { className: 'time' }, `${ms} ms`),
        el('span', { className: 'text' }, summary.text),
        el('span', { className: 'size' }, `${frame.bytes.length} B`),
      ),
    );
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  /**
   * Round trips of the calls in this evaluation: a new one starts whenever a call goes out after
   * an answer came back (Finish and Release frames are bookkeeping, not waiting).
   */
  #roundTrips(from: number): { calls: number; trips: number } {
    let calls = 0;
    let trips = 0;
    let answered = false;
    for (const { frame, kind } of this.#frames.slice(from)) {
      if (frame.direction === 'in' && kind === 'return') answered = true;
      if (frame.direction === 'out' && kind === 'call') {
        calls++;
        if (trips === 0 || answered) trips++;
        answered = false;
      }
    }
    return { calls, trips };
  }

  async #evaluate(): Promise<void> {
    let expr: ReturnType<typeof parseExpression>;
    try {
      expr = parseExpression(this.#input.value);
    } catch (error) {
      this.#result.textContent = error instanceof Error ? error.message : String(error);
      this.#result.className = 'rpc-result error';
      return;
    }
    this.#button.disabled = true;
    try {
      await this.#connect();
      const calculator = this.#calculator;
      if (calculator === undefined) throw new Error('Not connected.');
      this.#log.append(el('li', { className: 'separator' }, this.#input.value));
      this.#since = performance.now();
      const from = this.#frames.length;
      const value = await evaluateRemotely(calculator, expr, this.#pipelined.checked);
      const millis = performance.now() - this.#since;
      const { calls, trips } = this.#roundTrips(from);
      const local = evaluateLocally(expr);
      const check = Object.is(local, value) ? 'as computed here' : `but ${local} computed here`;
      this.#result.className = 'rpc-result';
      this.#result.replaceChildren(
        el('span', { className: 'value' }, `= ${value}`),
        el(
          'span',
          { className: 'detail' },
          `${calls} call${calls === 1 ? '' : 's'} in ${trips} round trip${trips === 1 ? '' : 's'}, ${millis.toFixed(1)} ms (${check})`,
        ),
      );
    } catch (error) {
      this.#result.textContent = error instanceof Error ? error.message : String(error);
      this.#result.className = 'rpc-result error';
    } finally {
      this.#button.disabled = false;
    }
  }
}
