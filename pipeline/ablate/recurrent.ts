import { runDirection } from '../capture/forward.ts';
import { CELL_LAYERS } from '../lib/cell-layers.ts';
import type { ModelWeights } from '../capture/model-file.ts';
import { planWindows, type Piece } from '../train/windows.ts';
import { DenseHead, type StepScore } from './score.ts';

/**
 * Silencing a unit of a direction's state (h, or an LSTM's c) changes every later state of that direction, so the
 * recurrence is rerun with the unit clamped at every step (capture/forward.ts `runDirection` with a StateClamp),
 * within the same transliteration windows the capture used. Only what a measured step depends on is recomputed:
 * the forward direction from the window's start up to the step, the backward one from the window's end down to it;
 * the other direction's half of concat is unchanged and read from the capture.
 */

export interface Sentences {
  /** Input id of every captured step. */
  inputId: Int32Array;
  /** Per step: first step of its sentence and one past its last. */
  start: Int32Array;
  end: Int32Array;
}

/** Sentence bounds per step, from the capture's per-step sentence index and position. */
export function sentenceBounds(inputId: Int32Array, sentence: Int32Array): Sentences {
  const n = inputId.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && sentence[e] === sentence[s]) e++;
    start.fill(s, s, e);
    end.fill(e, s, e);
    s = e;
  }
  return { inputId, start, end };
}

export interface RecurrentTarget {
  direction: 'fwd' | 'bwd';
  state: 'h' | 'c';
}

/** The windows a sentence of T steps was captured in (one window when it fits). */
function windowsOf(m: ModelWeights, T: number): Piece[] {
  if (m.seqLen === null || T <= 2 * m.seqLen) return [{ start: 0, length: T, keepFrom: 0, keepTo: T }];
  return planWindows(T, 2 * m.seqLen, Math.floor(m.seqLen / 2));
}

/**
 * Score `steps` (global step indices) with `units` of the direction's state clamped to `values`. `concat` holds
 * the captured concat rows of these steps in the same order, `target` their true outputs.
 */
export function scoreRecurrent(
  m: ModelWeights,
  sent: Sentences,
  what: RecurrentTarget,
  units: ArrayLike<number>,
  values: ArrayLike<number>,
  steps: ArrayLike<number>,
  concat: Float32Array,
  target: ArrayLike<number>,
): StepScore[] {
  if (what.state === 'c' && m.cell !== 'lstm') throw new Error(`a ${m.cell} has no cell state c to silence`);
  const u = m.units;
  const head = new DenseHead(m);
  const row = new Float32Array(2 * u);
  const half = what.direction === 'fwd' ? 0 : u;
  const w = what.direction === 'fwd' ? m.fwd : m.bwd;
  const clamp = { state: what.state, units, values };
  const perDir = CELL_LAYERS[m.cell].length;
  const out: StepScore[] = new Array(steps.length);
  // Group the measured steps by sentence.
  const bySentence = new Map<number, number[]>();
  for (let i = 0; i < steps.length; i++) {
    const s0 = sent.start[steps[i]];
    const list = bySentence.get(s0);
    if (list) list.push(i);
    else bySentence.set(s0, [i]);
  }
  for (const [s0, idx] of bySentence) {
    const T = sent.end[s0] - s0;
    const ids = sent.inputId.subarray(s0, s0 + T);
    for (const piece of windowsOf(m, T)) {
      const mine = idx.filter((i) => {
        const pos = steps[i] - s0;
        return pos >= piece.keepFrom && pos < piece.keepTo;
      });
      if (mine.length === 0) continue;
      const positions = mine.map((i) => steps[i] - s0);
      // Forward states at p depend on the window's inputs up to p; backward states on those from p on.
      const from = what.direction === 'fwd' ? piece.start : Math.min(...positions);
      const to = what.direction === 'fwd' ? Math.max(...positions) + 1 : piece.start + piece.length;
      const sub = ids.subarray(from, to);
      const outs = Array.from({ length: perDir }, () => new Float32Array(sub.length * u));
      runDirection(m, w, sub, what.direction === 'bwd', outs, clamp);
      const h = outs[perDir - 1];
      mine.forEach((i, q) => {
        row.set(concat.subarray(i * 2 * u, (i + 1) * 2 * u));
        const p = positions[q] - from;
        row.set(h.subarray(p * u, (p + 1) * u), half);
        out[i] = head.scoreConcat(row, 0, ids[positions[q]], target[i]);
      });
    }
  }
  return out;
}
