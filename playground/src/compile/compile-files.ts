import { compile, formatDiagnostic, STD_SCHEMAS } from '@capnp-kit/compiler';
import { encodeRequest } from '@capnp-kit/compiler/schema';
import type { CompileJob, CompileReply, DiagnosticView } from './protocol.js';

/**
 * Compiles in-memory schema files as `capnp compile -o-` would, with the standard schemas
 * bundled with the compiler: imported as `/capnp/rpc.capnp`, and also compiled directly when a
 * job names one as its entry (the RPC tab decodes frames with rpc.capnp). Never throws: a
 * compiler crash is reported as a diagnostic, so the page always learns how the job ended.
 */
export function compileFiles(job: CompileJob): CompileReply {
  const started = performance.now();
  const millis = () => performance.now() - started;
  try {
    const result = compile({
      files: [job.entry],
      cwd: '/',
      readFile: (path) => job.files[path] ?? STD_SCHEMAS[path.slice(1)],
      standardImportPaths: false,
      bundledStandardSchemas: true,
    });
    if (result.request !== undefined)
      return { id: job.id, ok: true, request: encodeRequest(result.request), millis: millis() };
    const diagnostics: DiagnosticView[] = result.diagnostics.map((d) => ({
      code: d.code,
      text: formatDiagnostic(d),
      message: d.message,
      file: d.file.name,
      start: d.start,
      end: d.end,
      line: d.file.line(d.start) + 1,
    }));
    return { id: job.id, ok: false, diagnostics, millis: millis() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const diagnostic: DiagnosticView = {
      code: 'internal',
      text: `internal compiler error: ${message}`,
      message,
      file: job.entry,
      start: 0,
      end: 0,
      line: 1,
    };
    return { id: job.id, ok: false, diagnostics: [diagnostic], millis: millis() };
  }
}
