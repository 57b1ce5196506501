import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { schemaDeclarations, sidecarPath, writeIfChanged } from '@capnp-kit/ts-plugin';
import { isDirectory, readFromDisk } from './read-file.js';
import { UsageError } from './usage-error.js';

/** Help text of `capnp-kit types`. */
export const TYPES_HELP = `Usage: capnp-kit types [<option>...] [<path>...]

Writes the TypeScript declarations of each schema's module next to it: x.d.capnp.ts for
x.capnp, which TypeScript (5.x, 6.x, 7.x) reads for \`import … from './x.capnp'\` with
"allowArbitraryExtensions": true. A file is written only when its content changes.
<path> is a schema file or a directory searched for *.capnp (default: the current directory;
node_modules and hidden directories are skipped).

Options:
    -I<dir>, --import-path=<dir>
        Add <dir> to the directories searched for imports starting with '/'.
    --watch
        Keep running: rewrite the declarations when a schema, or a file it imports, changes.
    --help
        Display this help text and exit.
`;

/** Options of {@link writeSidecars} and {@link watchSidecars}. */
export interface SidecarOptions {
  /** Schema files and directories (searched for `*.capnp`). */
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly importPaths: readonly string[];
  /** Where progress and errors go. */
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** What one pass wrote, and the files each schema read (to watch). */
interface Pass {
  readonly failed: number;
  readonly filesRead: Map<string, readonly string[]>;
}

/** The schema files of `paths`: files as given, directories searched recursively. */
function schemaFiles(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.capnp')) out.push(path);
    }
  };
  for (const p of paths) {
    const path = resolve(cwd, p);
    if (isDirectory(path)) walk(path);
    else out.push(path);
  }
  return [...new Set(out)].sort();
}

/** Writes the sidecars of `schemas` (absolute paths) that changed. */
function writeSchemas(schemas: readonly string[], options: SidecarOptions): Pass {
  let failed = 0;
  const filesRead = new Map<string, readonly string[]>();
  for (const schema of schemas) {
    const result = schemaDeclarations(schema, {
      readFile: readFromDisk,
      cwd: options.cwd,
      importPaths: options.importPaths,
    });
    filesRead.set(schema, result.filesRead.length > 0 ? result.filesRead : [schema]);
    if (!result.ok) {
      failed++;
      options.err(result.error.message);
      continue;
    }
    const sidecar = sidecarPath(schema);
    if (writeIfChanged(sidecar, result.text))
      options.out(`wrote ${relative(options.cwd, sidecar)}`);
  }
  return { failed, filesRead };
}

/**
 * Writes `x.d.capnp.ts` next to each schema `x.capnp` of `options.paths` whose declarations
 * changed. Returns the number of schemas that failed to compile (their errors go to `err`).
 */
export function writeSidecars(options: SidecarOptions): number {
  const schemas = schemaFiles(options.paths, options.cwd);
  if (schemas.length === 0) options.err('no schema files (*.capnp) found');
  return writeSchemas(schemas, options).failed;
}

/**
 * {@link writeSidecars}, then again for every schema a changed file affects (the schema, a file
 * it imports, a new schema in a watched directory), until `signal` aborts.
 */
export function watchSidecars(options: SidecarOptions, signal: AbortSignal): Promise<void> {
  const watchers = new Map<string, FSWatcher>();
  let filesRead = new Map<string, readonly string[]>();
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();

  const rewatch = () => {
    const wanted = new Set<string>();
    for (const p of options.paths) {
      const path = resolve(options.cwd, p);
      if (isDirectory(path)) wanted.add(path);
    }
    for (const files of filesRead.values()) for (const f of files) wanted.add(f);
    for (const [path, watcher] of watchers) {
      if (wanted.has(path)) continue;
      watcher.close();
      watchers.delete(path);
    }
    for (const path of wanted) {
      if (watchers.has(path)) continue;
      try {
        const recursive = statSync(path).isDirectory();
        const watcher = watch(path, { recursive }, (event, name) => {
          changed.add(recursive && name !== null ? join(path, name.toString()) : path);
          // A file replaced (renamed over) is a new file: watch it anew after this change.
          if (!recursive && event === 'rename') {
            watcher.close();
            watchers.delete(path);
          }
          clearTimeout(timer);
          // Editors write a file in several steps: handle a burst of events once.
          timer = setTimeout(flush, 50);
        });
        watcher.on('error', () => watchers.delete(path));
        watchers.set(path, watcher);
      } catch {
        // Gone already: a later pass that needs it watches it again.
      }
    }
  };

  const flush = () => {
    const paths = [...changed];
    changed.clear();
    const schemas = schemaFiles(options.paths, options.cwd);
    const affected = schemas.filter(
      (s) =>
        !filesRead.has(s) ||
        paths.includes(s) ||
        (filesRead.get(s) ?? []).some((f) => paths.includes(f)),
    );
    const pass = writeSchemas(affected, options);
    filesRead = new Map([...filesRead].filter(([s]) => schemas.includes(s)));
    for (const [s, files] of pass.filesRead) filesRead.set(s, files);
    rewatch();
  };

  const first = writeSchemas(schemaFiles(options.paths, options.cwd), options);
  filesRead = first.filesRead;
  rewatch();
  options.out('watching for changes');
  return new Promise((done) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      done();
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

/** Runs `capnp-kit types` with its arguments; resolves to the exit status. */
export async function typesCommand(args: readonly string[]): Promise<number> {
  const importPaths: string[] = [];
  const paths: string[] = [];
  let watchMode = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help') {
      process.stdout.write(TYPES_HELP);
      return 0;
    }
    if (arg === '--watch') watchMode = true;
    else if (arg === '-I' || arg === '--import-path') {
      const dir = args[++i];
      if (dir === undefined) throw new UsageError(`${arg}: missing argument`);
      importPaths.push(dir);
    } else if (arg.startsWith('-I')) importPaths.push(arg.slice(2));
    else if (arg.startsWith('--import-path=')) importPaths.push(arg.slice('--import-path='.length));
    else if (arg.startsWith('-') && arg !== '-')
      throw new UsageError(`${arg}: unrecognized option`);
    else paths.push(arg);
  }
  for (const dir of importPaths)
    if (!isDirectory(dir)) throw new UsageError(`-I ${dir}: no such directory`);
  const cwd = process.cwd();
  const missing = paths.find((p) => {
    try {
      statSync(resolve(cwd, p));
      return false;
    } catch {
      return true;
    }
  });
  if (missing !== undefined) throw new UsageError(`${missing}: no such file or directory`);
  const options: SidecarOptions = {
    paths: paths.length === 0 ? ['.'] : paths,
    cwd,
    importPaths,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  if (!watchMode) return writeSidecars(options) === 0 ? 0 : 1;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await watchSidecars(options, stop.signal);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}
