import { CompileError, compile, type ReadFile, STD_SCHEMAS } from '@capnp-kit/compiler';
import type { CodeGeneratorRequest, Node } from '@capnp-kit/compiler/schema';
import { CapnpError } from './errors.js';
import { modelLiteral } from './model-literal.js';

/**
 * @capnp-kit/runtime/module-source — a schema file as an ES module, one module per file: what
 * the Node loader (`--import @capnp-kit/runtime/register`) and @capnp-kit/unplugin serve for
 * `import ab from './addressbook.capnp'`. A file's module hands `loadCompiled` the nodes of that
 * file only, and `import`s the modules of the files it imports, which load theirs: every node
 * is loaded by exactly one module, so shared types are shared and a bundler's module graph has
 * the edges between schemas. Browser-safe: no `node:*` imports, files come from `readFile`.
 */

/** Where a schema file is: on disk (absolute POSIX path), or bundled with the compiler. */
export type SchemaLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'bundled'; readonly name: string };

/** How files are found, as the compiler's options say (see `compile` of @capnp-kit/compiler). */
export interface SchemaSearch {
  /** Reads a file by absolute POSIX path; undefined if there is none. */
  readonly readFile: ReadFile;
  /** Absolute directory that relative paths start from; files below it are named relative to it. */
  readonly cwd: string;
  /** Directories searched for `/…` imports (absolute, or relative to `cwd`). */
  readonly importPaths?: readonly string[];
  /** Search /usr/local/include and /usr/include after `importPaths` (default true). */
  readonly standardImportPaths?: boolean;
  /** Fall back to the compiler's copies of `/capnp/*.capnp` (default true). */
  readonly bundledStandardSchemas?: boolean;
}

/** A file a schema imports, and where the compiler found it. */
export interface SchemaImport {
  readonly id: bigint;
  /** The import as written (`/capnp/c++.capnp`, `shapes.capnp`). */
  readonly name: string;
  readonly location: SchemaLocation;
}

/** One schema file, compiled for its module. */
export interface CompiledSchema {
  readonly location: SchemaLocation;
  /** The whole request: this file's nodes and those of everything it imports. */
  readonly request: CodeGeneratorRequest;
  /** The file node's ID. */
  readonly fileId: bigint;
  /** The files whose modules this file's module imports. */
  readonly imports: readonly SchemaImport[];
}

/**
 * What {@link compileSchema} returns. `filesRead` lists every file on disk the compiler read
 * (the schema itself, its imports, embedded files), failed or not: what a watcher must watch.
 */
export type CompileSchemaResult =
  | { readonly ok: true; readonly schema: CompiledSchema; readonly filesRead: readonly string[] }
  | { readonly ok: false; readonly error: CompileError; readonly filesRead: readonly string[] };

/** Options of {@link schemaModule}. */
export interface SchemaModuleOptions {
  /** Specifier of @capnp-kit/runtime (a package name, a path or a URL) the module imports. */
  readonly runtime: string;
  /** Specifier the module imports an imported schema file by. */
  readonly importOf: (location: SchemaLocation) => string;
  /** A comment line for the top of the module (without the `//`). */
  readonly header?: string;
}

/** The standard import directories, searched by the compiler after `importPaths`. */
const STANDARD_IMPORT_PATHS = ['/usr/local/include', '/usr/include'];

/**
 * The directory bundled schemas are compiled from (a name no real path has), as a source prefix:
 * `capnp/c++.capnp` is named as when an import finds it among the compiler's bundled copies.
 */
const BUNDLED_DIR = '/<capnp-kit>';

/** Joins POSIX paths, resolving `.` and `..` (no `node:path`: this module runs in browsers). */
function resolvePath(base: string, path: string): string {
  const out = path.startsWith('/') ? [] : base.split('/').filter((s) => s !== '');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1) || '/';
}

/**
 * Compiles the schema at `location` as `capnp compile` does (imports relative to the file,
 * `/…` in the import path, then the bundled standard schemas) and locates its imports. A file
 * under an import directory is named relative to it (as `--src-prefix` does), and a bundled one
 * relative to the bundle, so that its nodes are the very ones a schema importing it by `/…` gets.
 * Never throws for schema errors: they come back as a CompileError.
 */
export function compileSchema(location: SchemaLocation, search: SchemaSearch): CompileSchemaResult {
  const cwd = resolvePath('/', search.cwd);
  const importPaths = (search.importPaths ?? []).map((p) => resolvePath(cwd, p));
  const standardImportPaths = search.standardImportPaths ?? true;
  const searchDirs = [...importPaths, ...(standardImportPaths ? STANDARD_IMPORT_PATHS : [])];
  // Every file found on disk: the compiler stops searching at the first directory that has a
  // file, so the first search directory whose copy was read is the one it used.
  const filesRead = new Set<string>();
  const readFile: ReadFile = (path) => {
    if (path.startsWith(`${BUNDLED_DIR}/`)) return STD_SCHEMAS[path.slice(BUNDLED_DIR.length + 1)];
    const content = search.readFile(path);
    if (content !== undefined) filesRead.add(path);
    return content;
  };
  const result = compile({
    files: [location.kind === 'file' ? location.path : `${BUNDLED_DIR}/${location.name}`],
    readFile,
    cwd,
    importPaths,
    standardImportPaths,
    bundledStandardSchemas: search.bundledStandardSchemas ?? true,
    srcPrefixes: location.kind === 'file' ? searchDirs : [BUNDLED_DIR],
  });
  const files = [...filesRead];
  if (result.request === undefined)
    return { ok: false, error: new CompileError(result.diagnostics), filesRead: files };
  const request = result.request;
  const locate = (name: string, importer: SchemaLocation): SchemaLocation => {
    if (name.startsWith('/')) {
      for (const dir of searchDirs) {
        const path = resolvePath(dir, name.slice(1));
        if (filesRead.has(path)) return { kind: 'file', path };
      }
      return { kind: 'bundled', name: resolvePath('/', name).slice(1) };
    }
    if (importer.kind === 'file')
      return { kind: 'file', path: resolvePath(directoryOf(importer.path), name) };
    return { kind: 'bundled', name: resolvePath(directoryOf(`/${importer.name}`), name).slice(1) };
  };
  const requested = request.requestedFiles[0];
  if (requested === undefined) throw new CapnpError('schema', 'The compiler returned no file.');
  const imports = requested.imports.map((i) => ({ ...i, location: locate(i.name, location) }));
  const schema = { location, request, fileId: requested.id, imports };
  return { ok: true, schema, filesRead: files };
}

/**
 * The nodes declared in file `fileId`: the file node, its nested declarations, their groups and
 * the parameter and result structs the compiler generated for their methods (which have no
 * scope, so belong to the file of their method).
 */
function fileNodes(request: CodeGeneratorRequest, fileId: bigint): Node[] {
  const byId = new Map(request.nodes.map((n) => [n.id, n]));
  const out: Node[] = [];
  const seen = new Set<bigint>();
  const visit = (id: bigint): void => {
    const node = byId.get(id);
    if (node === undefined || seen.has(id)) return;
    seen.add(id);
    out.push(node);
    for (const nested of node.nestedNodes ?? []) visit(nested.id);
    if (node.which === 'struct') {
      for (const field of node.struct.fields ?? [])
        if (field.which === 'group') visit(field.group.typeId);
    } else if (node.which === 'interface') {
      for (const method of node.interface.methods) {
        for (const id of [method.paramStructType, method.resultStructType])
          if (byId.get(id)?.scopeId === 0n) visit(id);
      }
    }
  };
  visit(fileId);
  return out;
}

/**
 * The request a file's module hands to `loadCompiled`: the file's own nodes and the file as the
 * one requested file, without doc comments (the runtime has no use for them).
 */
export function fileRequest(request: CodeGeneratorRequest, fileId: bigint): CodeGeneratorRequest {
  const nodes = fileNodes(request, fileId);
  const filename = nodes[0]?.displayName;
  if (filename === undefined)
    throw new CapnpError('schema', `The request has no file node @0x${fileId.toString(16)}.`);
  return {
    capnpVersion: { ...request.capnpVersion },
    nodes,
    sourceInfo: [],
    requestedFiles: [{ id: fileId, filename, imports: [] }],
  };
}

/** Generated names of the bindings the named exports are made from (names are not trusted). */
function binding(index: number): string {
  return `$${index}`;
}

/**
 * The source of `schema`'s ES module: it imports the modules of the files the schema imports
 * (so they load first), then passes its own nodes to `loadCompiled` of the runtime, as a
 * JavaScript literal of the request: no decoder is needed at run time, and gzipped it is smaller
 * than the request's bytes in base64. The default export is the module object `load()` gives;
 * each top-level declaration is also a named export (except one named `default`).
 */
export function schemaModule(schema: CompiledSchema, options: SchemaModuleOptions): string {
  const request = modelLiteral(fileRequest(schema.request, schema.fileId));
  const file = schema.request.nodes.find((n) => n.id === schema.fileId);
  const names = (file?.nestedNodes ?? []).map((n) => n.name).filter((n) => n !== 'default');
  const imports = new Set(schema.imports.map((i) => options.importOf(i.location)));
  const lines = [
    ...(options.header === undefined ? [] : [`// ${options.header.replace(/\n/g, ' ')}`]),
    ...[...imports].map((specifier) => `import ${JSON.stringify(specifier)};`),
    `import { loadCompiled } from ${JSON.stringify(options.runtime)};`,
    `const schema = loadCompiled(${request});`,
    'export default schema;',
    ...names.map((name, i) => `const ${binding(i)} = schema[${JSON.stringify(name)}];`),
  ];
  // Cap'n Proto names are identifiers ([A-Za-z][A-Za-z0-9]*), valid as export names (reserved
  // words included); quoting them keeps that true for any name.
  if (names.length > 0) {
    const specifiers = names.map((name, i) => `${binding(i)} as ${JSON.stringify(name)}`);
    lines.push(`export { ${specifiers.join(', ')} };`);
  }
  return `${lines.join('\n')}\n`;
}
