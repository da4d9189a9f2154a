import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installWasmMatMulFix } from './kernels/wasm-matmul.ts';

/**
 * Pick the fastest TensorFlow.js backend that works here, in order: tfjs-node (native TensorFlow; an optional
 * dependency that may not install), wasm (XNNPACK, loaded from the local .wasm files, never downloaded), then the
 * pure-JS cpu backend. `TRANSLIT_BACKEND=tensorflow|wasm|cpu` forces one (an error if it cannot load).
 */

const ORDER = ['tensorflow', 'wasm', 'cpu'] as const;
type BackendName = (typeof ORDER)[number];

let chosen: Promise<string> | null = null;

export function initBackend(opts: { quiet?: boolean } = {}): Promise<string> {
  chosen ??= choose(opts.quiet ?? process.env.TRANSLIT_BACKEND_QUIET === '1');
  return chosen;
}

/** The backends to try, in order, given the TRANSLIT_BACKEND override (unset or empty = all). */
export function backendCandidates(override: string | undefined): readonly BackendName[] {
  if (override === undefined || override === '') return ORDER;
  if (!ORDER.includes(override as BackendName))
    throw new Error(`TRANSLIT_BACKEND must be one of ${ORDER.join(', ')} (got "${override}")`);
  return [override as BackendName];
}

async function choose(quiet: boolean): Promise<string> {
  const candidates = backendCandidates(process.env.TRANSLIT_BACKEND);
  const failures: string[] = [];
  for (const name of candidates) {
    try {
      await load(name);
      if (!(await tf.setBackend(name))) throw new Error('setBackend returned false');
      await tf.ready();
      if (name === 'wasm') installWasmMatMulFix();
      if (!quiet) console.error(`[tfjs] backend: ${name}${failures.length ? ` (${failures.join('; ')})` : ''}`);
      return name;
    } catch (e) {
      failures.push(`${name} unavailable: ${(e as Error).message ?? String(e)}`.split('\n')[0]);
    }
  }
  throw new Error(`no TensorFlow.js backend could be initialised: ${failures.join('; ')}`);
}

async function load(name: BackendName): Promise<void> {
  if (name === 'tensorflow') {
    // Optional dependency: absent on machines where its native binary cannot be installed.
    const mod = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ mod);
    return;
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the .wasm binaries are read from the package's dist folder by path; nothing is fetched.
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(join(dist, '/'));
    return;
  }
  // cpu is bundled with @tensorflow/tfjs.
}
