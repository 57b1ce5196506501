// A worker thread does not get the loader hooks `--import tsx` installed in the main thread:
// install them here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
