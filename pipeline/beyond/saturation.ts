/**
 * Gate saturation (Karpathy, Johnson & Fei-Fei 2015, "Visualizing and understanding recurrent networks", §4.3):
 * how often each gate of each unit sits near 0 ("left-saturated") or near 1 ("right-saturated"). A forget gate
 * that is right-saturated almost always is a unit that keeps its memory across long spans; a gate that is never
 * saturated acts as a soft, content-dependent switch.
 */

export interface SaturationThresholds {
  /** A gate value below this is left-saturated (≈ closed). */
  left: number;
  /** A gate value above this is right-saturated (≈ open). */
  right: number;
}

export interface GateSaturation {
  /** Per unit: fraction of steps with value < thresholds.left. */
  left: Float64Array;
  /** Per unit: fraction of steps with value > thresholds.right. */
  right: Float64Array;
}

/** Saturation fractions of every unit of one gate layer, given step-major activations [steps, size]. */
export function gateSaturation(values: Float32Array, size: number, t: SaturationThresholds): GateSaturation {
  if (size <= 0 || values.length % size !== 0)
    throw new Error(`gateSaturation: ${values.length} values are not a whole number of ${size}-unit steps`);
  const steps = values.length / size;
  const leftCount = new Float64Array(size);
  const rightCount = new Float64Array(size);
  for (let s = 0, off = 0; s < steps; s++, off += size) {
    for (let u = 0; u < size; u++) {
      const v = values[off + u];
      if (v < t.left) leftCount[u]++;
      else if (v > t.right) rightCount[u]++;
    }
  }
  const left = new Float64Array(size);
  const right = new Float64Array(size);
  for (let u = 0; u < size; u++) {
    left[u] = steps ? leftCount[u] / steps : 0;
    right[u] = steps ? rightCount[u] / steps : 0;
  }
  return { left, right };
}

/** Units whose gate is right-saturated at least `minFraction` of the time, most saturated first (ties: by unit). */
export function mostlyOpenUnits(sat: GateSaturation, minFraction: number): { unit: number; fraction: number }[] {
  const out: { unit: number; fraction: number }[] = [];
  sat.right.forEach((fraction, unit) => {
    if (fraction >= minFraction) out.push({ unit, fraction });
  });
  return out.sort((a, b) => b.fraction - a.fraction || a.unit - b.unit);
}
