/**
 * Is there a neuron SPECIFIC to the suffix թյուն (the post's "tyun cell"), not merely one that fires inside any
 * suffix or detects the letters t, y, u, n? (issue 13: the old test — any neuron with distance ≥ 0.5 — passed for
 * control suffixes too.)
 *
 * Letter-matched selectivity of a neuron for a pattern: for each input letter ℓ seen inside the pattern, the AUROC
 * of the neuron's values on ℓ inside the pattern against ℓ elsewhere, as 2·AUROC − 1 (bin-free, unbiased, no
 * sparse-bin inflation), averaged over the letters weighted by their share of the inside steps; its absolute value
 * is the neuron's selectivity. A letter detector scores ≈ 0; a neuron that fires inside the pattern scores high.
 * The same statistic is computed for control suffixes of similar frequency. Selection-aware: each pattern's best
 * neuron is chosen on half A of the sentences and measured on half B; the margin "cell − best control" gets a
 * half-sampling basic interval over B's sentences (intervals.ts).
 *
 * Use: `const ps = new PatternSpecificity(src, patterns, opts)`; `ps.addLayer(name, size, acts)` for the layers in
 * `opts.layers` (others are ignored); `ps.finish(rankForTt)` → `PatternSpecificityResult`.
 */
import type { CapturedSentence, StepMeta } from '../capture/types.ts';
import { binOf, neuronRanges } from './histogram.ts';
import { basicInterval } from './intervals.ts';
import { markPattern } from './pattern.ts';

/** Control suffixes of similar frequency to թյուն (issue 13); at least 4 must occur for the claim to be testable. */
export const PATTERN_CONTROLS = ['ում', 'ել', 'ական', 'ային', 'ներ'];
/** The cell must beat every control's best neuron by more than this (lower end of its interval). */
export const PATTERN_MARGIN = 0.05;
/** The post's pattern-cell layers: the LSTM outputs. */
export const PATTERN_LAYERS = ['fwd.h', 'bwd.h'];

const BINS = 256;

export interface PatternPick {
  layer: string;
  neuron: number;
  /** Held-out letter-matched selectivity (on half B), signed by the direction seen on half A. */
  value: number;
}

export interface PatternSpecificity {
  pattern: string;
  occurrences: number;
  cell: PatternPick | null;
  controls: { pattern: string; occurrences: number; best: PatternPick | null }[];
  margin: number;
  test: { value: number; interval: [number, number]; pValue: number };
  /** Rank (0 = best) of the cell neuron for t → տ in its layer by corrected selectivity; null if not analysed. */
  rankForTt: number | null;
  reason?: string;
}

/** A named unit of this run (the post's #70 counterpart, the s/z look-ahead unit; profile.ts). */
export interface NamedUnit {
  name: string;
  layer: string;
  neuron: number;
  direction: 'fwd' | 'bwd' | null;
  unit: number;
  profilePairs: string[];
  topPairs: string[];
  topPairsOverlap: number;
  test: { value: number; interval: [number, number]; pValue: number };
}

interface Marked {
  pattern: string;
  occurrences: number;
  inside: Uint8Array;
  /** Letters seen inside: input id → slot; weights = share of inside steps. */
  slot: Map<number, number>;
  weight: number[];
  /** Steps whose letter is one of the slots. */
  steps: Int32Array;
}

interface LayerBest {
  layer: string;
  neuron: number;
  sign: number;
  a: number;
  /** Per step of `steps`: bin of this neuron (for the replicates). */
  bins: Uint16Array;
}

export interface PatternSpecificityOptions {
  half: Uint8Array;
  masks: Uint8Array[];
  layers?: string[];
  level?: number;
}

/** Σ_ℓ w_ℓ (2·AUROC_ℓ − 1) from per-letter inside/outside bin counts [slot][in/out][bin]. */
function letterMatched(h: Float64Array, slots: number, weight: number[]): number {
  let total = 0;
  for (let l = 0; l < slots; l++) {
    const inOff = (l * 2) * BINS;
    const outOff = (l * 2 + 1) * BINS;
    let nIn = 0;
    let nOut = 0;
    let wins = 0;
    for (let k = 0; k < BINS; k++) {
      const a = h[inOff + k];
      const b = h[outOff + k];
      wins += a * (nOut + b / 2);
      nIn += a;
      nOut += b;
    }
    if (nIn > 0 && nOut > 0) total += weight[l] * (2 * (wins / (nIn * nOut)) - 1);
  }
  return total;
}

export class PatternSpecificityAnalysis {
  private readonly marks: Marked[];
  private readonly best: (LayerBest | null)[];
  private readonly layers: string[];

  constructor(
    private readonly src: { meta: StepMeta; vocab: { output: string[] }; sentences: readonly CapturedSentence[] },
    readonly target: string,
    readonly controls: string[],
    private readonly opt: PatternSpecificityOptions,
  ) {
    this.layers = opt.layers ?? PATTERN_LAYERS;
    this.marks = [target, ...controls].map((p) => this.mark(p));
    this.best = this.marks.map(() => null);
  }

  private mark(pattern: string): Marked {
    const m = markPattern(this.src.meta, this.src.vocab.output, this.src.sentences, pattern, { samples: 0 });
    const counts = new Map<number, number>();
    for (let s = 0; s < m.inside.length; s++) if (m.inside[s]) counts.set(m.inputId[s], (counts.get(m.inputId[s]) ?? 0) + 1);
    const letters = [...counts.keys()].sort((a, b) => a - b);
    const slot = new Map(letters.map((l, i) => [l, i]));
    const weight = letters.map((l) => counts.get(l)! / Math.max(1, m.insideSteps));
    const steps: number[] = [];
    for (let s = 0; s < m.inside.length; s++) if (slot.has(m.inputId[s])) steps.push(s);
    return { pattern: m.pattern, occurrences: m.occurrences, inside: m.inside, slot, weight, steps: Int32Array.from(steps) };
  }

  addLayer(name: string, size: number, acts: Float32Array): void {
    if (!this.layers.includes(name)) return;
    const { min, max } = neuronRanges(acts, size);
    const scale = Float64Array.from(min, (lo, j) => (max[j] > lo ? BINS / (max[j] - lo) : 0));
    const inputId = this.src.meta.inputId;
    this.marks.forEach((m, k) => {
      if (m.occurrences === 0) return;
      const slots = m.weight.length;
      const per = slots * 2 * BINS;
      // [half][neuron][slot][in/out][bin]
      const h = [new Float64Array(size * per), new Float64Array(size * per)];
      for (const s of m.steps) {
        const hist = h[this.opt.half[s]];
        const off = (m.slot.get(inputId[s])! * 2 + (m.inside[s] ? 0 : 1)) * BINS;
        const base = s * size;
        for (let j = 0; j < size; j++) hist[j * per + off + binOf(acts[base + j], min[j], scale[j], BINS)]++;
      }
      let pick: LayerBest | null = null;
      for (let j = 0; j < size; j++) {
        const a = letterMatched(h[0].subarray(j * per, (j + 1) * per), slots, m.weight);
        if (!pick || Math.abs(a) > Math.abs(pick.a)) pick = { layer: name, neuron: j, sign: a >= 0 ? 1 : -1, a, bins: new Uint16Array(0) };
      }
      if (!pick) return;
      const prev = this.best[k];
      if (prev && Math.abs(prev.a) >= Math.abs(pick.a)) return;
      pick.bins = Uint16Array.from(m.steps, (s) => binOf(acts[s * size + pick!.neuron], min[pick!.neuron], scale[pick!.neuron], BINS));
      this.best[k] = pick;
    });
  }

  /** Held-out value of pattern k's best neuron on the steps of half B inside `mask` (all of B when null). */
  private heldOut(k: number, mask: Uint8Array | null): number {
    const m = this.marks[k];
    const b = this.best[k]!;
    const slots = m.weight.length;
    const h = new Float64Array(slots * 2 * BINS);
    const sentence = this.src.meta.sentence;
    m.steps.forEach((s, i) => {
      if (this.opt.half[s] !== 1 || (mask && !mask[sentence[s]])) return;
      h[(m.slot.get(this.src.meta.inputId[s])! * 2 + (m.inside[s] ? 0 : 1)) * BINS + b.bins[i]]++;
    });
    return b.sign * letterMatched(h, slots, m.weight);
  }

  finish(rankForTt: (layer: string, neuron: number) => number | null): PatternSpecificity {
    const pick = (k: number): PatternPick | null =>
      this.best[k] ? { layer: this.best[k]!.layer, neuron: this.best[k]!.neuron, value: this.heldOut(k, null) } : null;
    const cell = pick(0);
    const controls = this.controls.map((p, i) => ({ pattern: this.marks[i + 1].pattern, occurrences: this.marks[i + 1].occurrences, best: pick(i + 1) }));
    const present = controls.map((c, i) => (c.best ? i + 1 : -1)).filter((i) => i > 0);
    const empty = { value: NaN, interval: [NaN, NaN] as [number, number], pValue: NaN };
    const base = { pattern: this.marks[0].pattern, occurrences: this.marks[0].occurrences, controls, margin: PATTERN_MARGIN };
    if (!cell) return { ...base, cell: null, test: empty, rankForTt: null, reason: `no occurrence of "${this.target}" in layers ${this.layers.join(', ')}` };
    if (present.length === 0) return { ...base, cell, test: empty, rankForTt: rankForTt(cell.layer, cell.neuron), reason: 'no control suffix occurs' };
    const stat = (mask: Uint8Array | null) => this.heldOut(0, mask) - Math.max(...present.map((k) => this.heldOut(k, mask)));
    const value = stat(null);
    const iv = basicInterval(value, this.opt.masks.map((mask) => stat(mask)), this.opt.level ?? 0.9);
    // p-value of "margin ≤ PATTERN_MARGIN": shift the inversion by the margin.
    const shifted = basicInterval(value - PATTERN_MARGIN, this.opt.masks.map((mask) => stat(mask) - PATTERN_MARGIN), this.opt.level ?? 0.9);
    return { ...base, cell, test: { value: iv.estimate, interval: [iv.low, iv.high], pValue: shifted.pValue }, rankForTt: rankForTt(cell.layer, cell.neuron) };
  }
}
