import { dirname, isAbsolute, resolve } from 'node:path';
import type ts from 'typescript';
import { capnpImports } from './capnp-imports.js';
import { type SchemaModuleHost, SchemaModules } from './schema-modules.js';

/**
 * The tsserver plugin (`"plugins": [{ "name": "@capnp-kit/ts-plugin" }]` in tsconfig.json):
 * `import … from './x.capnp'` resolves to the declarations of the schema's module, made in
 * memory from the schema and remade when it (or a schema it imports) changes; no file is
 * written. A schema with errors shows as a diagnostic on its import.
 *
 * The plugin wraps the project's resolution and script hooks and the language service's
 * semantic diagnostics. Every wrapped hook falls back to TypeScript's own answer if anything
 * in the plugin throws (and logs why): a plugin must never break the editor.
 *
 * TypeScript is the host's (`modules.typescript`, TypeScript 5.x and 6.x); this module only
 * imports its types.
 */

/** The diagnostic code of a schema that does not compile. */
export const SCHEMA_ERROR_CODE = 91001;

/** Options of the plugin, from its entry in tsconfig.json. */
interface PluginConfig {
  /** Directories searched for `/…` schema imports (relative to the project's directory). */
  readonly importPaths?: readonly string[];
}

function isSchemaPath(path: string): boolean {
  return path.endsWith('.capnp');
}

/** The plugin factory tsserver calls with its TypeScript module. */
export function createPlugin(modules: { typescript: typeof ts }): ts.server.PluginModule {
  const typescript = modules.typescript;
  return {
    create(info) {
      try {
        return enable(typescript, info);
      } catch (e) {
        log(info, `not enabled: ${describe(e)}`);
        return info.languageService;
      }
    },
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function log(info: ts.server.PluginCreateInfo, message: string): void {
  try {
    info.project.projectService.logger.info(`[@capnp-kit/ts-plugin] ${message}`);
  } catch {
    // No logger: nothing else to tell.
  }
}

function enable(typescript: typeof ts, info: ts.server.PluginCreateInfo): ts.LanguageService {
  const host = info.languageServiceHost;
  const project = info.project;
  const serverHost = info.serverHost;
  const config = (info.config ?? {}) as PluginConfig;
  const cwd = project.getCurrentDirectory();
  const original = {
    getScriptSnapshot: host.getScriptSnapshot.bind(host),
    getScriptVersion: host.getScriptVersion.bind(host),
    getScriptKind: host.getScriptKind?.bind(host),
    getProjectVersion: host.getProjectVersion?.bind(host),
    resolveModuleNameLiterals: host.resolveModuleNameLiterals?.bind(host),
  };

  const moduleHost: SchemaModuleHost = {
    readText: (path) => {
      const snapshot = original.getScriptSnapshot(path);
      return snapshot?.getText(0, snapshot.getLength()) ?? serverHost.readFile(path);
    },
    version: (path) => original.getScriptVersion(path),
    readFile: (path) => (serverHost.fileExists(path) ? serverHost.readFile(path) : undefined),
    modifiedTime: (path) => serverHost.getModifiedTime?.(path)?.getTime(),
    watchFile: (path, onChange) => {
      const watcher = serverHost.watchFile(path, () => onChange());
      return () => watcher.close();
    },
    cwd,
    importPaths: (config.importPaths ?? []).map((p) => resolve(cwd, p)),
  };
  const schemas = new SchemaModules(moduleHost);
  // Bumped when a file a schema imports changes: the project's version includes it, so the
  // language service rebuilds its program and asks for the schema modules' versions again.
  let importChanges = 0;
  schemas.onImportChange = () => {
    importChanges++;
    // Not in tsserver's public types, but how it learns that its program is out of date.
    (project as unknown as { markAsDirty?: () => void }).markAsDirty?.();
    project.refreshDiagnostics?.();
  };

  // Each hook runs `fn`; if it throws, TypeScript's own answer `fallback()` is used.
  const guard = <T>(name: string, fallback: () => T, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      log(info, `${name} failed, using TypeScript's answer: ${describe(e)}`);
      return fallback();
    }
  };

  const projectVersion = original.getProjectVersion;
  if (projectVersion !== undefined) {
    host.getProjectVersion = () =>
      guard(
        'getProjectVersion',
        () => projectVersion(),
        () => (importChanges === 0 ? projectVersion() : `${projectVersion()}+${importChanges}`),
      );
  }
  host.getScriptSnapshot = (fileName) =>
    guard(
      'getScriptSnapshot',
      () => original.getScriptSnapshot(fileName),
      () => {
        if (!isSchemaPath(fileName)) return original.getScriptSnapshot(fileName);
        return typescript.ScriptSnapshot.fromString(schemas.get(fileName).text);
      },
    );
  host.getScriptVersion = (fileName) =>
    guard(
      'getScriptVersion',
      () => original.getScriptVersion(fileName),
      () =>
        isSchemaPath(fileName) ? schemas.version(fileName) : original.getScriptVersion(fileName),
    );
  host.getScriptKind = (fileName) =>
    guard(
      'getScriptKind',
      () => original.getScriptKind?.(fileName) ?? typescript.ScriptKind.Unknown,
      () =>
        isSchemaPath(fileName)
          ? typescript.ScriptKind.TS
          : (original.getScriptKind?.(fileName) ?? typescript.ScriptKind.Unknown),
    );

  const resolveLiterals = original.resolveModuleNameLiterals;
  if (resolveLiterals !== undefined) {
    host.resolveModuleNameLiterals = (literals, containingFile, ...rest) => {
      const resolved = resolveLiterals(literals, containingFile, ...rest);
      return guard(
        'resolveModuleNameLiterals',
        () => resolved,
        () =>
          resolved.map((r, i) => {
            const target = schemaTarget(literals[i]?.text ?? '', containingFile);
            if (target === undefined || !serverHost.fileExists(target)) return r;
            return {
              resolvedModule: {
                resolvedFileName: target,
                extension: typescript.Extension.Dts,
                isExternalLibraryImport: false,
                resolvedUsingTsExtension: false,
              },
            };
          }),
      );
    };
  }

  const service = info.languageService;
  const proxy = Object.create(null) as ts.LanguageService;
  for (const key of Object.keys(service) as (keyof ts.LanguageService)[]) {
    const member = service[key];
    (proxy as unknown as Record<string, unknown>)[key] =
      typeof member === 'function' ? member.bind(service) : member;
  }
  proxy.getSemanticDiagnostics = (fileName) => {
    const own = service.getSemanticDiagnostics(fileName);
    return guard(
      'getSemanticDiagnostics',
      () => own,
      () => [...own, ...schemaDiagnostics(typescript, service, schemas, fileName)],
    );
  };
  proxy.dispose = () => {
    schemas.close();
    service.dispose();
  };
  log(info, `enabled for ${project.getProjectName()}`);
  return proxy;
}

/** The schema file a module specifier names, if it names one by path. */
function schemaTarget(specifier: string, containingFile: string): string | undefined {
  if (!isSchemaPath(specifier)) return undefined;
  if (specifier.startsWith('./') || specifier.startsWith('../'))
    return resolve(dirname(containingFile), specifier);
  return isAbsolute(specifier) ? specifier : undefined;
}

/** A diagnostic on each import of a schema that does not compile, with the compiler's errors. */
function schemaDiagnostics(
  typescript: typeof ts,
  service: ts.LanguageService,
  schemas: SchemaModules,
  fileName: string,
): ts.Diagnostic[] {
  const source = service.getProgram()?.getSourceFile(fileName);
  if (source === undefined) return [];
  const out: ts.Diagnostic[] = [];
  for (const literal of capnpImports(typescript, source)) {
    const target = schemaTarget(literal.text, fileName);
    if (target === undefined) continue;
    const error = schemas.error(target);
    if (error === undefined) continue;
    out.push({
      file: source,
      start: literal.getStart(source),
      length: literal.getWidth(source),
      category: typescript.DiagnosticCategory.Error,
      code: SCHEMA_ERROR_CODE,
      source: 'capnp-kit',
      messageText: `The schema '${literal.text}' does not compile:\n${error.message}`,
    });
  }
  return out;
}
