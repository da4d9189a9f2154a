import { describe, expect, it } from 'vitest';
import { expectedResponse, previousStep, windowSeams } from '../../pipeline/beyond/response.ts';
import { translitWindows } from '../../pipeline/train/windows.ts';
import type { StepMeta } from '../../pipeline/capture/types.ts';

/** Two sentences of lengths 4 and 3, concatenated; inputs are class ids 0…2. */
function meta(): StepMeta {
  const sentence = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
  const position = Int32Array.from([0, 1, 2, 3, 0, 1, 2]);
  const inputId = Int32Array.from([0, 1, 2, 1, 2, 2, 0]);
  return { sentence, position, inputId, targetId: inputId, predId: inputId };
}

describe('expected response', () => {
  const effect = [
    [1, -2],
    [0.5, 0],
    [-1, 3],
  ];

  it('recovers per-character increments of a forward accumulator (zero state at each sentence start)', () => {
    const m = meta();
    const v = new Float32Array(7 * 2);
    for (let t = 0; t < 7; t++)
      for (let u = 0; u < 2; u++) {
        const prev = previousStep(m, t, 'fwd');
        v[t * 2 + u] = (prev >= 0 ? v[prev * 2 + u] : 0) + effect[m.inputId[t]][u];
      }
    const r = expectedResponse(v, 2, m, m.inputId, 3, 'fwd');
    expect([...r.count]).toEqual([2, 2, 3]);
    for (let c = 0; c < 3; c++)
      for (let u = 0; u < 2; u++) {
        expect(r.mean[c * 2 + u]).toBeCloseTo(effect[c][u], 6);
        expect(r.std[c * 2 + u]).toBeCloseTo(0, 6);
      }
  });

  it('reads the backward direction right to left', () => {
    const m = meta();
    expect(previousStep(m, 3, 'bwd')).toBe(-1); // end of sentence 0
    expect(previousStep(m, 4, 'bwd')).toBe(5);
    const v = new Float32Array(7 * 2);
    for (let t = 6; t >= 0; t--)
      for (let u = 0; u < 2; u++) {
        const prev = previousStep(m, t, 'bwd');
        v[t * 2 + u] = (prev >= 0 ? v[prev * 2 + u] : 0) + effect[m.inputId[t]][u];
      }
    const r = expectedResponse(v, 2, m, m.inputId, 3, 'bwd');
    for (let c = 0; c < 3; c++) for (let u = 0; u < 2; u++) expect(r.mean[c * 2 + u]).toBeCloseTo(effect[c][u], 6);
    // The same data read as a forward direction gives different (wrong) increments.
    const wrong = expectedResponse(v, 2, m, m.inputId, 3, 'fwd');
    expect(wrong.std.some((s) => s > 0.1)).toBe(true);
  });

  it('reports the spread of a noisy response', () => {
    const m = meta();
    // Unit 0 jumps by +1 or +3 on class 2 (mean 2, std 1 over its three steps is not exact, so check directly).
    const v = new Float32Array(7);
    const deltas = [0, 0, 1, 0, 3, 1, 0];
    for (let t = 0; t < 7; t++) {
      const prev = previousStep(m, t, 'fwd');
      v[t] = (prev >= 0 ? v[prev] : 0) + deltas[t];
    }
    const r = expectedResponse(v, 1, m, m.inputId, 3, 'fwd');
    const d = [1, 3, 1];
    const mean = d.reduce((a, b) => a + b) / 3;
    expect(r.mean[2]).toBeCloseTo(mean, 6);
    expect(r.std[2]).toBeCloseTo(Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / 3), 6);
  });
});

describe('window seams of long sentences', () => {
  it('marks exactly the steps whose previous state lies in another window, as the capture windows them', () => {
    const seams = windowSeams([{ start: 5, length: 200 }, { start: 205, length: 70 }], 275, 40);
    const at = (a: Uint8Array) => [...a.keys()].filter((t) => a[t]);
    expect(at(seams.fwd)).toEqual([65, 105, 145]); // keepFrom 60, 100, 140 of the sentence starting at step 5
    expect(at(seams.bwd)).toEqual([64, 104, 144]);
    expect(at(windowSeams([{ start: 0, length: 200 }], 200, null).fwd)).toEqual([]);
  });

  it('lets the response of a windowed forward accumulator come out exact', () => {
    const T = 200;
    const seqLen = 40;
    const meta: StepMeta = {
      sentence: new Int32Array(T),
      position: Int32Array.from({ length: T }, (_, i) => i),
      inputId: Int32Array.from({ length: T }, (_, i) => (i * 7) % 3),
      targetId: new Int32Array(T),
      predId: new Int32Array(T),
    };
    const effect = [1, -1, 0.25];
    // As the capture does: run each window from a zero state, keep its [keepFrom, keepTo) part.
    const v = new Float32Array(T);
    for (const p of translitWindows(T, seqLen)) {
      let h = 0;
      for (let t = p.start; t < p.start + p.length; t++) {
        h += effect[meta.inputId[t]];
        if (t >= p.keepFrom && t < p.keepTo) v[t] = h;
      }
    }
    const seams = windowSeams([{ start: 0, length: T }], T, seqLen);
    const clean = expectedResponse(v, 1, meta, meta.inputId, 3, 'fwd', seams.fwd);
    for (let c = 0; c < 3; c++) expect(clean.std[c]).toBeCloseTo(0, 5);
    const raw = expectedResponse(v, 1, meta, meta.inputId, 3, 'fwd');
    expect(Math.max(...raw.std)).toBeGreaterThan(0.5);
  });
});
