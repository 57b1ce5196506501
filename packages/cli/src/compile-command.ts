import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { compile, encodeRequest, formatDiagnostic } from '@capnp-kit/compiler';
import { isDirectory, readFromDisk } from './read-file.js';
import { UsageError } from './usage-error.js';

/** Help text of `capnp-kit compile`. */
export const COMPILE_HELP = `Usage: capnp-kit compile [<option>...] <source>...

Compiles Cap'n Proto schema files into a CodeGeneratorRequest, exactly as
\`capnp compile\` (0.9.2) does, and hands it to code generator plugins.

Options:
    -I<dir>, --import-path=<dir>
        Add <dir> to the directories searched for imports starting with '/'.
    --no-standard-import
        Do not search /usr/local/include and /usr/include (the standard schemas
        bundled with capnp-kit are still used when nothing else has them).
    -o<lang>[:<dir>], --output=<lang>[:<dir>]
        Run the plugin 'capnpc-<lang>' (searched in $PATH; a path if <lang>
        contains a slash) with the request on its standard input, in <dir>
        (default: the current directory). '-o-' writes the request to standard
        output.
    --src-prefix=<prefix>
        Name files below <prefix> relative to it (output file names follow).
    --help
        Display this help text and exit.
`;

interface Output {
  readonly plugin: string;
  readonly dir: string | undefined;
}

/** Runs `capnp-kit compile` with its arguments; returns the exit status. */
export function compileCommand(args: readonly string[]): number {
  const importPaths: string[] = [];
  const srcPrefixes: string[] = [];
  const outputs: Output[] = [];
  const files: string[] = [];
  let standardImport = true;
  const value = (arg: string, i: number, short: string, long: string): [string, number] => {
    if (arg === short || arg === long) {
      const next = args[i + 1];
      if (next === undefined) throw new UsageError(`${arg}: missing argument`);
      return [next, i + 1];
    }
    return [arg.startsWith(`${long}=`) ? arg.slice(long.length + 1) : arg.slice(short.length), i];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help') {
      process.stdout.write(COMPILE_HELP);
      return 0;
    } else if (arg === '--no-standard-import') standardImport = false;
    else if (arg.startsWith('-I') || arg.startsWith('--import-path')) {
      let dir: string;
      [dir, i] = value(arg, i, '-I', '--import-path');
      if (!isDirectory(dir)) throw new UsageError(`-I ${dir}: no such directory`);
      importPaths.push(dir);
    } else if (arg.startsWith('--src-prefix')) {
      let dir: string;
      [dir, i] = value(arg, i, '--src-prefix', '--src-prefix');
      if (!isDirectory(dir)) throw new UsageError(`--src-prefix=${dir}: no such directory`);
      srcPrefixes.push(dir);
    } else if (arg.startsWith('-o') || arg.startsWith('--output')) {
      let spec: string;
      [spec, i] = value(arg, i, '-o', '--output');
      const colon = spec.indexOf(':');
      const output =
        colon < 0
          ? { plugin: spec, dir: undefined }
          : { plugin: spec.slice(0, colon), dir: spec.slice(colon + 1) };
      if (output.dir !== undefined && !isDirectory(output.dir)) {
        throw new UsageError(`-o${spec}: output location is inaccessible or is not a directory`);
      }
      outputs.push(output);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`${arg}: unrecognized option`);
    } else files.push(arg);
  }
  if (files.length === 0) throw new UsageError('missing argument <source>');

  const result = compile({
    files,
    readFile: readFromDisk,
    cwd: process.cwd(),
    importPaths,
    srcPrefixes,
    standardImportPaths: standardImport,
  });
  const missing = result.diagnostics.find((d) => d.code === 'file-not-found');
  if (missing !== undefined) throw new UsageError(`${missing.file.name}: no such file`);
  if (result.request === undefined) {
    process.stderr.write(`${result.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    return 1;
  }
  if (outputs.length === 0) throw new UsageError('no outputs specified');

  const bytes = encodeRequest(result.request);
  for (const output of outputs) {
    if (output.plugin === '-') {
      process.stdout.write(bytes);
      continue;
    }
    const exe = output.plugin.includes('/') ? resolve(output.plugin) : `capnpc-${output.plugin}`;
    const run = spawnSync(exe, [], {
      input: bytes,
      cwd: output.dir ?? process.cwd(),
      stdio: ['pipe', 'inherit', 'inherit'],
      env: output.dir ? { ...process.env, PWD: resolve(output.dir) } : process.env,
    });
    if (run.error !== undefined) {
      process.stderr.write(
        `${exe}: plugin failed: ${(run.error as NodeJS.ErrnoException).code ?? run.error.message}\n`,
      );
      return 1;
    }
    if (run.status !== 0) {
      process.stderr.write(
        `${output.plugin}: plugin failed: ${run.signal ? `killed by signal ${run.signal}` : `exit code: ${run.status}`}\n`,
      );
      return 1;
    }
  }
  return 0;
}
