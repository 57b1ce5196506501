/**
 * The C++ peers of the interop tests and the RPC benchmark (test/rpc/cpp/*.c++), built with
 * g++ against the system's libcapnp-rpc. Builds are cached in test/rpc/.generated/ under a hash
 * of their sources, the schemas and the tool versions, so only the first run compiles. Where
 * g++ or capnp is missing the peers are unavailable (undefined) — except under CI, where that
 * is an error.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

export type CppProgram =
  | 'calculator-server'
  | 'calculator-client'
  | 'interop-server'
  | 'interop-client'
  | 'bench-client';

/** Which schema each program is built with. */
const PROGRAMS: Record<CppProgram, 'calculator' | 'interop'> = {
  'calculator-server': 'calculator',
  'calculator-client': 'calculator',
  'interop-server': 'interop',
  'interop-client': 'interop',
  'bench-client': 'interop',
};

const here = import.meta.dirname;
const SOURCES = join(here, 'cpp');
const SCHEMAS = {
  calculator: join(here, '../../../../examples/calculator/calculator.capnp'),
  interop: join(here, 'schema/interop.capnp'),
};
const FLAGS = ['-std=c++17', '-O2', '-Wno-deprecated-declarations'];

export interface CppPeers {
  /** The path of a built program. */
  path(program: CppProgram): string;
}

function toolVersion(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function linkFlags(): string[] {
  const fromPkgConfig = toolVersion('pkg-config', ['--libs', 'capnp-rpc']);
  const flags = fromPkgConfig?.trim().split(/\s+/) ?? [
    '-lcapnp-rpc',
    '-lcapnp',
    '-lkj-async',
    '-lkj',
  ];
  return [...flags, '-pthread'];
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${stderr}`));
    });
  });
}

/** Runs `jobs` with at most `limit` at a time. */
async function inParallel(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await job();
    }),
  );
}

let built: Promise<CppPeers | undefined> | undefined;

/** Builds the C++ peers (once per process; from the cache when nothing changed). */
export function cppPeers(): Promise<CppPeers | undefined> {
  built ??= build();
  return built;
}

async function build(): Promise<CppPeers | undefined> {
  const gxx = toolVersion('g++', ['--version']);
  const capnp = toolVersion('capnp', ['--version']);
  if (gxx === undefined || capnp === undefined) {
    if (process.env.CI)
      throw new Error('The RPC interop tests need g++ and capnp (libcapnp-dev) in CI.');
    return undefined;
  }
  const hash = createHash('sha256');
  hash.update(gxx).update(capnp).update(FLAGS.join(' '));
  for (const file of readdirSync(SOURCES).sort())
    hash.update(file).update(readFileSync(join(SOURCES, file)));
  for (const schema of Object.values(SCHEMAS)) hash.update(readFileSync(schema));
  const key = hash.digest('hex').slice(0, 16);
  const cache = join(here, '.generated');
  const dir = join(cache, `cpp-${key}`);
  const peers: CppPeers = { path: (program) => join(dir, program) };
  if (existsSync(join(dir, 'complete'))) return peers;

  // Build in a directory of this process, then move it into place in one step, so concurrent
  // builds (parallel test files) never see a half-built cache.
  const work = join(cache, `cpp-${key}.${process.pid}.tmp`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const [name, path] of Object.entries(SCHEMAS))
    copyFileSync(path, join(work, `${name}.capnp`));
  await Promise.all(
    Object.keys(SCHEMAS).map((name) => run('capnp', ['compile', '-oc++', `${name}.capnp`], work)),
  );
  const objects: (() => Promise<void>)[] = Object.keys(SCHEMAS).map(
    (name) => () =>
      run('g++', [...FLAGS, '-c', `${name}.capnp.c++`, '-o', `${name}.capnp.o`], work),
  );
  for (const program of Object.keys(PROGRAMS)) {
    objects.push(() =>
      run(
        'g++',
        [...FLAGS, '-I', work, '-c', join(SOURCES, `${program}.c++`), '-o', `${program}.o`],
        work,
      ),
    );
  }
  await inParallel(objects, availableParallelism());
  const libs = linkFlags();
  await inParallel(
    Object.entries(PROGRAMS).map(
      ([program, schema]) =>
        () =>
          run('g++', [`${program}.o`, `${schema}.capnp.o`, '-o', program, ...libs], work),
    ),
    availableParallelism(),
  );
  await run('touch', ['complete'], work);
  try {
    renameSync(work, dir);
  } catch {
    // Another process finished first: use its build.
    rmSync(work, { recursive: true, force: true });
  }
  // Builds of older sources are of no further use.
  for (const entry of readdirSync(cache)) {
    if (/^cpp-[0-9a-f]{16}$/.test(entry) && entry !== `cpp-${key}`) {
      rmSync(join(cache, entry), { recursive: true, force: true });
    }
  }
  return peers;
}

/** A C++ server process, listening. */
export interface RunningServer {
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a C++ server on a free local port and waits for it to listen. */
export function startCppServer(path: string): Promise<RunningServer> {
  return startServerProcess(path, ['127.0.0.1:0']);
}

/** Starts a server process that prints "port N" once it listens, and waits for that. */
export function startServerProcess(
  command: string,
  args: readonly string[],
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(new Error(`${command} exited (${code}) before listening:\n${err}`)),
    );
    child.stdout.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) {
        resolve({
          port: Number(m[1]),
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) {
                done();
                return;
              }
              child.once('exit', () => done());
              child.kill();
            }),
        });
      }
    });
  });
}

/** Runs a C++ client to completion: its exit code and output. */
export function runCppClient(
  path: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
