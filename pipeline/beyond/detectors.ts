/**
 * Turning correlations into findings: the strongest detector of a feature across layers, and a few representative
 * sentences to show it on (chosen from the text alone, so they do not depend on which unit wins).
 */
import type { CapturedSentence } from '../capture/types.ts';
import { sentenceFeatures, type FeatureName } from './text-features.ts';

export interface Detector {
  layer: string;
  unit: number;
  r: number;
}

/** The `top` units with the largest |r| over all layers; ties by layer order then unit. */
export function rankDetectors(byLayer: { layer: string; r: Float64Array }[], top: number): Detector[] {
  const all: (Detector & { order: number })[] = [];
  byLayer.forEach(({ layer, r }, order) => r.forEach((x, unit) => all.push({ layer, unit, r: x, order })));
  all.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.order - b.order || a.unit - b.unit);
  return all.slice(0, top).map(({ layer, unit, r }) => ({ layer, unit, r }));
}

/**
 * Indices of `count` sentences, evenly spread over the capture, among those of at most `maxChars` characters in
 * which the feature takes at least two values (a flat feature shows nothing on a heatmap).
 */
export function exampleSentences(sentences: CapturedSentence[], feature: FeatureName, count: number, maxChars: number): number[] {
  if (count <= 0) return [];
  const candidates: number[] = [];
  sentences.forEach((s, i) => {
    const len = [...s.input].length;
    if (len < 2 || len > maxChars) return;
    const f = sentenceFeatures(s.input, s.output)[feature].filter((x) => !Number.isNaN(x));
    if (f.length && f.some((x) => x !== f[0])) candidates.push(i);
  });
  if (candidates.length <= count) return candidates;
  return Array.from({ length: count }, (_, j) => candidates[Math.floor(((j + 0.5) * candidates.length) / count)]);
}
