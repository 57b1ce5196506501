import { expect, it } from 'vitest';
import { compileFunction, setCodegen } from '../src/class-codegen.js';

// Where a Content-Security-Policy forbids `Function`, struct and list classes are built from
// closures instead of generated source. Run the quickstart and object-writing suites in that
// mode (this file is its own module graph, so the runtime below builds every class without
// code generation).
setCodegen(false);
await import('./quickstart.test.js');
await import('./object-writer.test.js');

it('really builds classes without generated code', () => {
  expect(compileFunction([], 'return 1')).toBeUndefined();
});
