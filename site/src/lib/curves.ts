/**
 * Training curves from train-log.json, read generically: every array of records in the log is a series over its
 * `epoch`/`step` field (or its position), and each numeric field of those records is a curve. Losses and accuracies
 * go to separate charts. This keeps the overview right when the training stage adds a metric.
 */
// A type, not an interface: chart rows must be assignable to Record<string, unknown> (Chart.astro's `rows`).
export type CurvePoint = {
  series: string;
  metric: string;
  x: number;
  value: number;
};

const X_KEYS = ['epoch', 'step', 'iteration', 'batch'];

export function extractCurves(log: Record<string, unknown>): { xLabel: Record<string, string>; points: CurvePoint[] } {
  const points: CurvePoint[] = [];
  const xLabel: Record<string, string> = {};
  const visit = (v: unknown, path: string, depth: number): void => {
    if (depth > 3 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      const recs = v.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r));
      if (recs.length < 1 || recs.length !== v.length) return;
      const xKey = X_KEYS.find((k) => recs.every((r) => typeof r[k] === 'number'));
      xLabel[path] = xKey ?? 'index';
      recs.forEach((r, i) => {
        for (const [k, val] of Object.entries(r))
          if (k !== xKey && typeof val === 'number' && Number.isFinite(val) && !/seconds|time|ms$|^lr$|rate/i.test(k))
            points.push({ series: path, metric: k, x: xKey ? (r[xKey] as number) : i, value: val });
      });
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(log, '', 0);
  return { xLabel, points };
}

export const isLoss = (metric: string) => /loss|entropy|perplex/i.test(metric);
export const isAccuracy = (metric: string) => /acc/i.test(metric);
