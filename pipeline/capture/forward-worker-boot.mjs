// Worker entry: register tsx's TypeScript loader inside the worker thread (workers may not inherit it, e.g. under
// vitest), then load the real worker, written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./forward-worker.ts');
