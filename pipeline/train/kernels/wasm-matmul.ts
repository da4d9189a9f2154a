import * as tf from '@tensorflow/tfjs';

/**
 * The wasm backend hands only non-transposed matrix products to XNNPACK; a product with transposeA or transposeB
 * falls to a scalar loop that is ~15× slower, and every product of a backward pass is transposed. These kernels
 * transpose the operand(s) explicitly first (cheap, O(n²)) and then call the original kernel untransposed, so the
 * result is the same function evaluated by the fast path. Registered once, for the wasm backend only.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;

let installed = false;
const originals = new Map<string, tf.KernelFunc>();

/** The wasm backend's own kernel, as it was before installWasmMatMulFix (for tests comparing the two). */
export function originalWasmKernel(name: 'BatchMatMul' | '_FusedMatMul'): tf.KernelFunc {
  const k = originals.get(name);
  if (!k) throw new Error(`${name}: the wasm matmul fix is not installed`);
  return k;
}

export function isWasmMatMulFixInstalled(): boolean {
  return installed;
}

/** Replace wasm's BatchMatMul and _FusedMatMul by transpose-then-multiply versions. Idempotent. */
export function installWasmMatMulFix(): void {
  if (installed) return;
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) throw new Error('wasm backend is not registered (no Transpose kernel)');
  for (const name of ['BatchMatMul', '_FusedMatMul'] as const) {
    const original = tf.getKernel(name, 'wasm');
    if (!original) throw new Error(`wasm backend has no ${name} kernel`);
    originals.set(name, original.kernelFunc);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      setupFunc: original.setupFunc,
      disposeFunc: original.disposeFunc,
      kernelFunc: (args: KernelArgs) => untransposedCall(original.kernelFunc, transpose.kernelFunc, args),
    });
  }
  installed = true;
}

/** Put the stock kernels back (for the benchmark's before/after comparison). */
export function uninstallWasmMatMulFix(): void {
  if (!installed) return;
  for (const name of ['BatchMatMul', '_FusedMatMul'] as const) {
    const current = tf.getKernel(name, 'wasm')!;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...current, kernelFunc: originals.get(name)! });
  }
  installed = false;
}

/** Swap the last two axes of `x` with the backend's own Transpose kernel. */
function swapLastTwo(transposeKernel: tf.KernelFunc, x: Info, backend: KernelArgs['backend']): Info {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return transposeKernel({ inputs: { x }, backend, attrs: { perm } }) as Info;
}

function untransposedCall(kernel: tf.KernelFunc, transposeKernel: tf.KernelFunc, args: KernelArgs) {
  const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
  if (!attrs.transposeA && !attrs.transposeB) return kernel(args);
  const inputs = args.inputs as unknown as { a: Info; b: Info };
  const backend = args.backend as unknown as { disposeData(id: object): void };
  const temps: Info[] = [];
  let { a, b } = inputs;
  if (attrs.transposeA) temps.push((a = swapLastTwo(transposeKernel, a, args.backend)));
  if (attrs.transposeB) temps.push((b = swapLastTwo(transposeKernel, b, args.backend)));
  try {
    return kernel({
      ...args,
      inputs: { ...args.inputs, a, b } as unknown as tf.NamedTensorInfoMap,
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    });
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}
