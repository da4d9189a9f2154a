/**
 * Which activation rows a pattern sample shows, and in which order: the pattern's ranked cells first (the table's
 * order, as stats ranked them), then the backward direction's state rows, as the post's figure has both
 * directions. A concat unit is the same unit as its direction's h (concat n = fwd.h n, concat U + n = bwd.h n), so it
 * is shown once, under its direction's name.
 */
export interface Trace {
  layer: string;
  neuron: number;
  values: number[];
}

/** `fwd.h 82` for concat 82 (U = units per direction); other layers keep their own name. */
export function canonicalUnit(layer: string, neuron: number, units: number): { layer: string; neuron: number } {
  if (layer !== 'concat' || units <= 0) return { layer, neuron };
  return neuron < units ? { layer: 'fwd.h', neuron } : { layer: 'bwd.h', neuron: neuron - units };
}

export function sampleRows(best: { layer: string; neuron: number }[], traces: Trace[], units: number, max = 8, backward = 2): Trace[] {
  const key = (l: string, n: number) => {
    const c = canonicalUnit(l, n, units);
    return `${c.layer} ${c.neuron}`;
  };
  const byKey = new Map<string, Trace>();
  for (const t of traces) if (!byKey.has(key(t.layer, t.neuron))) byKey.set(key(t.layer, t.neuron), t);
  const out: Trace[] = [];
  const seen = new Set<string>();
  const take = (k: string) => {
    const t = byKey.get(k);
    if (!t || seen.has(k)) return;
    seen.add(k);
    const c = canonicalUnit(t.layer, t.neuron, units);
    out.push({ ...t, layer: c.layer, neuron: c.neuron });
  };
  for (const b of best) if (out.length < max - backward) take(key(b.layer, b.neuron));
  const isBwd = (t: Trace) => canonicalUnit(t.layer, t.neuron, units).layer.startsWith('bwd.');
  if (!out.some(isBwd)) {
    // The backward direction's most selective state rows (its h, then its c), as stats traced them.
    const states = traces.filter((t) => isBwd(t) && /\.(h|c)$/.test(canonicalUnit(t.layer, t.neuron, units).layer));
    states.sort((a, b) => (a.layer.endsWith('.h') ? 0 : 1) - (b.layer.endsWith('.h') ? 0 : 1));
    for (const t of states.slice(0, backward)) take(key(t.layer, t.neuron));
  }
  return out;
}

/** Each row divided by its largest |value| in the window, so one colour scale (−1 … 1) serves every unit. */
export function normalised(values: number[]): number[] {
  const m = Math.max(1e-9, ...values.map(Math.abs));
  return values.map((v) => v / m);
}
