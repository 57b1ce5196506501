import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlugin } from '@capnp-kit/ts-plugin';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ADDRESSBOOK, REPO } from './scratch.js';

/**
 * The plugin's hooks in a language service made in this process, with a host whose file-system
 * calls can be made to fail: a failing hook gives TypeScript's own answer (and says why in the
 * log), never an exception to the editor.
 */

const DIR = join(REPO, 'tmp/in-memory-project');
const APP = join(DIR, 'app.ts');
const SCHEMA = join(DIR, 'addressbook.capnp');
const FILES = new Map([
  [APP, "import ab from './addressbook.capnp';\nexport const n: number = ab.qux;\n"],
  [SCHEMA, readFileSync(ADDRESSBOOK, 'utf8')],
]);

function serviceWithPlugin(failing: ReadonlySet<string>) {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
  };
  const read = (path: string) => FILES.get(path) ?? ts.sys.readFile(path);
  const exists = (path: string) => FILES.has(path) || ts.sys.fileExists(path);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [APP],
    getScriptVersion: () => '1',
    getProjectVersion: () => '1',
    getScriptSnapshot: (path) => {
      const text = read(path);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => DIR,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: exists,
    readFile: read,
    resolveModuleNameLiterals: (literals, containingFile, _ref, opts) =>
      literals.map((l) =>
        ts.resolveModuleName(l.text, containingFile, opts, { fileExists: exists, readFile: read }),
      ),
  };
  const log: string[] = [];
  const fail = (name: string) => {
    if (failing.has(name)) throw new Error(`${name} failed on purpose`);
  };
  const serverHost = {
    fileExists: (path: string) => {
      fail('fileExists');
      return exists(path);
    },
    readFile: read,
    getModifiedTime: () => {
      fail('getModifiedTime');
      return new Date(0);
    },
    watchFile: () => ({ close: () => {} }),
  };
  const project = {
    getCurrentDirectory: () => DIR,
    getProjectName: () => 'in-memory',
    projectService: { logger: { info: (m: string) => log.push(m) } },
  };
  const base = ts.createLanguageService(host);
  const info = {
    project,
    languageService: base,
    languageServiceHost: host,
    serverHost,
    config: {},
  } as unknown as ts.server.PluginCreateInfo;
  return { service: createPlugin({ typescript: ts }).create(info), log };
}

describe('the plugin when something fails', () => {
  it('resolves .capnp imports when nothing fails', () => {
    const { service, log } = serviceWithPlugin(new Set());
    expect(service.getSemanticDiagnostics(APP)).toEqual([]);
    expect(log.some((l) => l.includes('failed'))).toBe(false);
  });

  it('gives TypeScript’s own answer when a hook fails, and logs why', () => {
    const { service, log } = serviceWithPlugin(new Set(['fileExists']));
    // Without the plugin's resolution, TypeScript finds no module: its own diagnostic.
    expect(service.getSemanticDiagnostics(APP).map((d) => d.code)).toEqual([2307]);
    expect(
      log.some((l) => /resolveModuleNameLiterals failed.*fileExists failed on purpose/s.test(l)),
    ).toBe(true);
  });
});
