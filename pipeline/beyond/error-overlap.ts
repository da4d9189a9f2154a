/**
 * Compare two predictors (the network and the n-gram baseline) on the same steps: accuracy, how far their errors
 * coincide, and accuracy per true output character — where the network's context use pays off, and where it
 * does no better than a lookup table.
 */

export interface Overlap {
  steps: number;
  bothRight: number;
  bothWrong: number;
  /** Steps only the network gets wrong. */
  networkOnlyWrong: number;
  /** Steps only the baseline gets wrong. */
  baselineOnlyWrong: number;
  /** |A∩B| / |A∪B| of the two error sets (0 when neither errs). */
  jaccard: number;
  /** P(baseline wrong | network wrong). */
  baselineWrongGivenNetworkWrong: number;
}

export function errorOverlap(networkRight: Uint8Array, baselineRight: Uint8Array): Overlap {
  if (networkRight.length !== baselineRight.length) throw new Error('errorOverlap: arrays differ in length');
  let bothRight = 0;
  let bothWrong = 0;
  let networkOnlyWrong = 0;
  let baselineOnlyWrong = 0;
  for (let i = 0; i < networkRight.length; i++) {
    const a = networkRight[i];
    const b = baselineRight[i];
    if (a && b) bothRight++;
    else if (!a && !b) bothWrong++;
    else if (!a) networkOnlyWrong++;
    else baselineOnlyWrong++;
  }
  const union = bothWrong + networkOnlyWrong + baselineOnlyWrong;
  const netWrong = bothWrong + networkOnlyWrong;
  return {
    steps: networkRight.length,
    bothRight,
    bothWrong,
    networkOnlyWrong,
    baselineOnlyWrong,
    jaccard: union ? bothWrong / union : 0,
    baselineWrongGivenNetworkWrong: netWrong ? bothWrong / netWrong : 0,
  };
}

export interface CharAccuracy {
  char: string;
  count: number;
  network: number;
  baseline: number;
  /** network − baseline */
  difference: number;
}

/**
 * Accuracy of both predictors per true output character with at least `minCount` occurrences, sorted by
 * network − baseline, largest first (ties by character), so the top is where the network's context use helps most.
 */
export function accuracyByChar(
  target: string[],
  networkRight: Uint8Array,
  baselineRight: Uint8Array,
  minCount: number,
): CharAccuracy[] {
  const acc = new Map<string, { count: number; net: number; base: number }>();
  target.forEach((c, i) => {
    const a = acc.get(c) ?? { count: 0, net: 0, base: 0 };
    a.count++;
    a.net += networkRight[i];
    a.base += baselineRight[i];
    acc.set(c, a);
  });
  return [...acc.entries()]
    .filter(([, a]) => a.count >= minCount)
    .map(([char, a]) => ({
      char,
      count: a.count,
      network: a.net / a.count,
      baseline: a.base / a.count,
      difference: (a.net - a.base) / a.count,
    }))
    .sort((x, y) => y.difference - x.difference || (x.char < y.char ? -1 : x.char > y.char ? 1 : 0));
}
