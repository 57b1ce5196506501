import { readFile } from 'node:fs/promises';
import { compile, formatDiagnostic } from '@capnp-kit/compiler';
import { loadSource, type StructBuilder, type StructType } from '@capnp-kit/runtime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE } from '../src/messages/default-message.js';
import { ADDRESSBOOK, AddressBook, BOOK } from './addressbook.js';
import { launchChromium, openPage, servePlayground } from './browser.js';

// End to end: the built playground, served by `vite preview` (which also serves the calculator
// over RPC), driven in Debian's Chromium. Expected values come from the same packages run here
// in Node: the page must show what the compiler and runtime compute.

let browser: Browser;
let server: Awaited<ReturnType<typeof servePlayground>>;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([servePlayground(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(hash = ''): Promise<void> {
  ({ page, errors } = await openPage(browser, `${server.url}${hash}`));
}

afterEach(async () => {
  // Every test also checks that the page logged no error and threw nothing.
  expect(errors).toEqual([]);
  await page.close();
});

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The text of the element with data-testid `id`. */
async function text(id: string): Promise<string> {
  return (await page.getByTestId(id).textContent()) ?? '';
}

/** Waits until the element with data-testid `id` contains `wanted`. */
async function waitForText(id: string, wanted: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([testId, s]) =>
        document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes(s as string),
      [id, wanted],
      { timeout: 10_000 },
    );
  } catch {
    const got = await page.getByTestId(id).textContent();
    throw new Error(
      `[data-testid=${id}] never showed ${JSON.stringify(wanted)}; it shows ${JSON.stringify(got)}`,
    );
  }
}

/** The bytes shown in the annotated dump, in order. */
function dumpedBytes(): Promise<string> {
  return page.$$eval('[data-testid="hex"] .bytes', (cells) =>
    cells.map((c) => c.textContent?.replaceAll(' ', '')).join(''),
  );
}

/** The bytes shown in the packed view, in order. */
function packedBytes(): Promise<string> {
  return page.$$eval('[data-testid="packed"] .packed-line span:not(.off)', (cells) =>
    cells.map((c) => c.textContent).join(''),
  );
}

function encode(type: StructType, json: unknown): StructBuilder {
  return type.fromJSON(json as object) as unknown as StructBuilder;
}

describe('the playground in Chromium', { timeout: 30_000 }, () => {
  it('decodes the default example, imported through the unplugin', async () => {
    await open();
    const book = encode(AddressBook, BOOK);
    await waitForText('text', 'name = "Alice"');
    expect(await text('text')).toBe(book.toString());
    expect(await text('schema-origin')).toContain('@capnp-kit/unplugin');
    expect(await page.getByTestId('schema').inputValue()).toBe(ADDRESSBOOK);
    expect(await page.getByTestId('message').inputValue()).toBe(DEFAULT_MESSAGE);
    expect(await page.getByTestId('root-type').inputValue()).toBe('AddressBook');
    expect(
      await page.$$eval('[data-testid="root-type"] option', (o) => o.map((x) => x.textContent)),
    ).toEqual(['Person', 'Person.PhoneNumber', 'AddressBook']);
    expect(await dumpedBytes()).toBe(hex(book.toBytes()));
    expect(await packedBytes()).toBe(hex(book.toBytesPacked()));
    expect(await text('flat-size')).toContain(`${book.toBytes().length} bytes`);
    expect(await text('packed-size')).toContain(`${book.toBytesPacked().length} bytes`);
    const dump = await text('hex');
    expect(dump).toContain('root: struct pointer');
    expect(dump).toContain('people[1].email: Text "bob@example.com"');
    expect(await text('diagnostics')).toBe('No errors.');
  });

  it('re-encodes an edited schema and message', async () => {
    await open();
    await waitForText('text', 'name = "Alice"');
    const schema = ADDRESSBOOK.replace('email @2 :Text;', 'email @2 :Text;\n  nickname @8 :Text;');
    const edited = loadSource({ 'addressbook.capnp': schema }, 'addressbook.capnp');
    const message = {
      people: [{ id: 7, name: 'Alice', nickname: 'Al', employment: { employer: 'Acme' } }],
    };
    const want = encode(edited.AddressBook as StructType, message);

    await page.getByTestId('schema').fill(schema);
    await waitForText('schema-origin', 'compiled in the browser');
    await page.getByTestId('message').fill(JSON.stringify(message));
    await waitForText('text', 'nickname = "Al"');
    expect(await text('text')).toBe(want.toString());
    expect(await dumpedBytes()).toBe(hex(want.toBytes()));
    expect(await packedBytes()).toBe(hex(want.toBytesPacked()));
    expect(await text('hex')).toContain('people[0].nickname: Text "Al"');
    expect(await text('hex')).toContain('employment: employer');

    // Another root type starts from an empty message of that type.
    await page.getByTestId('root-type').selectOption('Person.PhoneNumber');
    await page.getByTestId('message').fill('{"number": "555-0000", "type": "work"}');
    const phone = encode((edited.Person as { PhoneNumber: StructType }).PhoneNumber, {
      number: '555-0000',
      type: 'work',
    });
    await waitForText('text', '555-0000');
    expect(await text('text')).toBe(phone.toString());
    expect(await dumpedBytes()).toBe(hex(phone.toBytes()));
  });

  it('shows a broken schema with its line, in the list and in the editor', async () => {
    await open();
    await waitForText('text', 'name = "Alice"');
    const broken = ADDRESSBOOK.replace('email @2 :Text;', 'email @2 :Txt;');
    const line = broken.split('\n').findIndex((l) => l.includes(':Txt;')) + 1;
    const { diagnostics } = compile({
      files: ['addressbook.capnp'],
      readFile: (path) => (path === '/addressbook.capnp' ? broken : undefined),
      standardImportPaths: false,
    });
    expect(diagnostics.length).toBeGreaterThan(0);

    await page.getByTestId('schema').fill(broken);
    await waitForText('diagnostics', `addressbook.capnp:${line}:`);
    const shown = await text('diagnostics');
    for (const d of diagnostics) expect(shown).toContain(formatDiagnostic(d));
    expect(
      await page.$$eval('[data-testid="diagnostics"] [data-line]', (d) =>
        d.map((x) => x.getAttribute('data-line')),
      ),
    ).toEqual(diagnostics.map((d) => String(d.file.line(d.start) + 1)));
    expect(await page.$$eval('.gutter .error', (g) => g.map((x) => x.textContent))).toEqual([
      String(line),
    ]);
    expect(await page.$$eval('.layer.marks mark', (m) => m.map((x) => x.textContent))).toEqual(
      diagnostics.map((d) => broken.slice(d.start, d.end)),
    );

    // Fixing it brings the outputs back.
    await page.getByTestId('schema').fill(ADDRESSBOOK);
    await waitForText('diagnostics', 'No errors.');
    expect(await page.$$eval('.gutter .error', (g) => g.length)).toBe(0);
  });

  it('reads an uploaded packed file and downloads the flat bytes', async () => {
    await open();
    await waitForText('text', 'name = "Alice"');
    const carol = {
      people: [{ id: 9, name: 'Carol', phones: [{ number: '555-9999', type: 'home' }] }],
    };
    const message = encode(AddressBook, carol);
    await page.getByTestId('upload').setInputFiles({
      name: 'carol.packed',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(message.toBytesPacked()),
    });
    await waitForText('text', 'name = "Carol"');
    expect(await text('text')).toBe(message.toString());
    expect(JSON.parse(await page.getByTestId('message').inputValue())).toEqual(message.toJSON());
    expect(await text('message-status')).toContain('carol.packed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-bin').click(),
    ]);
    expect(download.suggestedFilename()).toBe('AddressBook.bin');
    expect(hex(await readFile(await download.path()))).toBe(hex(message.toBytes()));
  });

  it('evaluates on the calculator over RPC, pipelined in one round trip', async () => {
    await open('#rpc');
    await waitForText('rpc-status', 'connected');
    await page.getByTestId('rpc-expression').fill('(4 + 5) * 3 - 2');
    await page.getByTestId('rpc-evaluate').click();
    await waitForText('rpc-result', '= 25');
    expect(await text('rpc-result')).toContain('in 1 round trip');
    const log = await text('rpc-log');
    expect(log).toContain('Calculator.evaluate()');
    expect(log).toMatch(/Value\.read\(\) on the answer to #\d+\.ptr0 \(pipelined\)/);

    // Without pipelining, each call waits for the one before.
    await page.locator('#rpc-pipelined').uncheck();
    await page.getByTestId('rpc-expression').fill('10 / 4 + 1');
    await page.getByTestId('rpc-evaluate').click();
    await waitForText('rpc-result', '= 3.5');
    expect(await text('rpc-result')).toMatch(/in [2-9] round trips/);
  });
});
