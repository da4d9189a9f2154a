/**
 * Pearson correlation of every unit of a step-major layer with several per-step features, in one pass over the
 * layer (it is the large operand: ~300k steps × 228 units). A feature may be NaN at a step where it is undefined;
 * that step then does not count for that feature (pairwise-complete correlation).
 */

/** r[feature][unit]; 0 where a unit or a feature is constant over the valid steps. */
export function correlateUnits(values: Float32Array, size: number, features: Float64Array[]): Float64Array[] {
  const steps = values.length / size;
  if (!Number.isInteger(steps)) throw new Error(`correlateUnits: ${values.length} values are not whole ${size}-unit steps`);
  for (const f of features)
    if (f.length !== steps) throw new Error(`correlateUnits: feature has ${f.length} steps, layer has ${steps}`);
  return features.map((feature) => {
    // Centre the feature first (over its valid steps) and the unit by a running shift (its first valid value):
    // sums of products of centred numbers keep float64 precision even for large activations.
    let n = 0;
    let fm = 0;
    for (let t = 0; t < steps; t++) if (!Number.isNaN(feature[t])) (n++, (fm += feature[t]));
    if (n < 2) return new Float64Array(size);
    fm /= n;
    let fss = 0;
    const shift = new Float64Array(size);
    let first = true;
    const sx = new Float64Array(size);
    const sxx = new Float64Array(size);
    const sxy = new Float64Array(size);
    for (let t = 0, off = 0; t < steps; t++, off += size) {
      const y = feature[t];
      if (Number.isNaN(y)) continue;
      const dy = y - fm;
      fss += dy * dy;
      if (first) {
        for (let u = 0; u < size; u++) shift[u] = values[off + u];
        first = false;
      }
      for (let u = 0; u < size; u++) {
        const x = values[off + u] - shift[u];
        sx[u] += x;
        sxx[u] += x * x;
        sxy[u] += x * dy;
      }
    }
    const r = new Float64Array(size);
    for (let u = 0; u < size; u++) {
      const vx = sxx[u] - (sx[u] * sx[u]) / n;
      // Σ (x − x̄)(y − ȳ) = Σ x·dy since Σ dy = 0.
      const den = Math.sqrt(vx * fss);
      r[u] = den > 1e-12 * n ? Math.max(-1, Math.min(1, sxy[u] / den)) : 0;
    }
    return r;
  });
}
