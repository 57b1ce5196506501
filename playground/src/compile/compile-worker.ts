import { compileFiles } from './compile-files.js';
import type { CompileJob } from './protocol.js';

// The compiler runs here, off the page's thread, so typing stays smooth however long a
// compile takes. Each job is answered with its id; the page ignores answers to stale jobs.
self.addEventListener('message', (event: MessageEvent<CompileJob>) => {
  const reply = compileFiles(event.data);
  self.postMessage(reply, { transfer: reply.ok ? [reply.request.buffer as ArrayBuffer] : [] });
});
