import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendCandidates, initBackend } from '../../pipeline/train/backend.ts';
import { isWasmMatMulFixInstalled, originalWasmKernel } from '../../pipeline/train/kernels/wasm-matmul.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

let backend = '';
beforeAll(async () => {
  backend = await initBackend({ quiet: true });
});

function random(rng: Rng, shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.normal()), shape);
}

/**
 * Run the wasm backend's original (pre-fix) kernel directly, on fresh copies of the operands: the stock kernel
 * caches XNNPACK operators by operand id, and reusing an id first seen untransposed for a transposed product gives
 * wrong results — a stock-tfjs hazard the fixed kernel avoids by never passing transposes on.
 */
function runOriginal(name: 'BatchMatMul' | '_FusedMatMul', operands: Record<string, tf.Tensor>, attrs: object): tf.Tensor {
  const inputs = Object.fromEntries(Object.entries(operands).map(([k, t]) => [k, t.add(0)]));
  const info = originalWasmKernel(name)({
    inputs: inputs as unknown as tf.NamedTensorInfoMap,
    backend: tf.backend(),
    attrs: attrs as tf.NamedAttrMap,
  }) as tf.TensorInfo;
  return tf.engine().makeTensorFromTensorInfo(info);
}

describe('initBackend', () => {
  it('picks a working backend and reports it', async () => {
    expect(['tensorflow', 'wasm', 'cpu']).toContain(backend);
    expect(tf.getBackend()).toBe(backend);
    expect(await initBackend({ quiet: true })).toBe(backend);
  });

  it('honours and validates TRANSLIT_BACKEND', () => {
    expect(backendCandidates(undefined)).toEqual(['tensorflow', 'wasm', 'cpu']);
    expect(backendCandidates('')).toEqual(['tensorflow', 'wasm', 'cpu']);
    expect(backendCandidates('cpu')).toEqual(['cpu']);
    expect(() => backendCandidates('webgpu')).toThrow(/TRANSLIT_BACKEND/);
  });
});

describe('wasm matmul fix', () => {
  const cases: [number[], number[], boolean, boolean][] = [
    [[7, 5], [5, 9], false, false],
    [[5, 7], [5, 9], true, false],
    [[7, 5], [9, 5], false, true],
    [[5, 7], [9, 5], true, true],
    [[3, 6, 4], [3, 6, 8], true, false],
    [[2, 4, 6], [1, 5, 6], false, true],
    [[130, 33], [130, 70], true, false],
  ];

  it('is installed on wasm', () => {
    if (backend !== 'wasm') return; // the fix only concerns the wasm backend
    expect(isWasmMatMulFixInstalled()).toBe(true);
  });

  it.each(cases)('BatchMatMul %j·%j (tA=%s, tB=%s) equals the original kernel', (sa, sb, tA, tB) => {
    if (backend !== 'wasm') return;
    const rng = new Rng(1, JSON.stringify([sa, sb, tA, tB]));
    tf.tidy(() => {
      const a = random(rng, sa);
      const b = random(rng, sb);
      const fixed = tf.matMul(a, b, tA, tB);
      const orig = runOriginal('BatchMatMul', { a, b }, { transposeA: tA, transposeB: tB });
      expect(fixed.shape).toEqual(orig.shape);
      expect(tf.max(tf.abs(fixed.sub(orig))).dataSync()[0]).toBeLessThan(1e-4);
    });
  });

  // The stock wasm _FusedMatMul is not a usable reference for transposed operands: with a bias it is wrong
  // (tfjs 4.22), and without one its result depended on which products ran before it in this process. The fixed
  // kernel never passes a transpose on, so it is compared with the product of explicit transposes instead.
  it.each(cases.filter((c) => c[0].length === 2))('_FusedMatMul %j·%j (tA=%s, tB=%s) with bias and relu is right', (sa, sb, tA, tB) => {
    if (backend !== 'wasm') return;
    const rng = new Rng(3, JSON.stringify([sa, sb, tA, tB]));
    tf.tidy(() => {
      const a = random(rng, sa);
      const b = random(rng, sb);
      const bias = random(rng, [tB ? sb[0] : sb[1]]);
      const fixed = tf.fused.matMul({ a, b, transposeA: tA, transposeB: tB, bias, activation: 'relu' });
      const ref = tf.relu(tf.matMul(tA ? a.transpose() : a, tB ? b.transpose() : b).add(bias));
      expect(tf.max(tf.abs(fixed.sub(ref))).dataSync()[0]).toBeLessThan(1e-4);
    });
  });

  it('leaks no tensors', () => {
    if (backend !== 'wasm') return;
    const rng = new Rng(3);
    const a = random(rng, [20, 10]);
    const b = random(rng, [20, 30]);
    tf.matMul(a, b, true, false).dispose();
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) tf.matMul(a, b, true, false).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytes);
    tf.dispose([a, b]);
  });
});
