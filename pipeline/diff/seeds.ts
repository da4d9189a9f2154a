/**
 * Which findings survive retraining (issue 13): the same config trained with several seeds (config/default.json,
 * config/runs/default-seed2.json, default-seed3.json), compared claim by claim and unit by unit. Written by
 * `npm run diff -- --seeds artifacts/default artifacts/default-seed2 artifacts/default-seed3` to artifacts/seeds.json
 * (schema SeedsFile in lib/schemas/stats.ts), which the site's overview only reads.
 * - per claim: in how many runs it holds, and the spread of its test statistic;
 * - headline figures: test accuracy, most selective gate type (corrected, and raw as the post ranks them);
 * - named units of the first run (#70 counterpart, թյուն cell, s/z look-ahead): their matched partner in every other
 *   run (match.ts) with its r whatever |r|, whether it is a counterpart (|r| ≥ MATCH_MIN) in every run, and whether
 *   it is the other run's own unit of that name (units of two seeds are only moderately alike: a partner at r = −0.4
 *   can still be exactly the unit the other run's statistics chose for the role).
 */
import type { SeedsFile } from '../lib/schemas/stats.ts';
import type { RunArtifacts } from './compare.ts';
import { matchNamedUnits } from './compare.ts';
import { matchSignatures } from './match.ts';

function spread(values: (number | null)[]): SeedsFile['claims'][number]['spread'] {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd, min: Math.min(...v), max: Math.max(...v) };
}

export function seedsSummary(runs: RunArtifacts[]): Omit<SeedsFile, 'schemaVersion'> {
  const ids = [...new Set(runs.flatMap((r) => (r.claims?.claims ?? []).map((c) => c.id)))];
  const claims = ids.map((id) => {
    const per = runs.map((r) => r.claims?.claims.find((c) => c.id === id) ?? null);
    const first = per.find((c) => c !== null)!;
    return {
      id,
      statement: first.statement,
      statistic: first.test.statistic,
      holds: per.filter((c) => c?.pass).length,
      runs: per.filter((c) => c !== null).length,
      pass: per.map((c) => (c ? c.pass : null)),
      values: per.map((c) => c?.test.value ?? null),
      spread: spread(per.map((c) => c?.test.value ?? null)),
    };
  });
  const acc = runs.map((r) => r.eval?.test.charAccuracy ?? null);
  const gate = runs.map((r) => r.layers?.mostSelectiveGate ?? null);
  const gateRaw = runs.map((r) => r.layers?.mostSelectiveGateRaw ?? null);
  const [ref, ...others] = runs;
  const perRun = others.map((o) => ({ run: o.name, named: matchNamedUnits(ref, o, matchSignatures(ref.signature ?? null, o.signature ?? null)) }));
  const units = (ref?.units?.units ?? []).map((u) => {
    const matched = perRun.map(({ run, named }) => ({ run, m: named.find((x) => x.name === u.name)! }));
    return {
      name: u.name,
      reference: { run: ref.name, layer: u.layer, neuron: u.neuron },
      // The partner whatever its |r| (neuron, r), and whether it is that run's own unit of the role (same).
      counterparts: matched.map(({ run, m }) => ({ run, neuron: m.partner?.neuron ?? null, r: m.partner?.r ?? null, same: m.same })),
      inEvery: matched.every(({ m }) => m.counterpart !== null),
      sameInEvery: matched.every(({ m }) => m.same),
    };
  });
  return {
    runs: runs.map((r) => r.name),
    claims,
    figures: {
      charAccuracy: { values: acc, spread: spread(acc) },
      mostSelectiveGate: gate,
      mostSelectiveGateRaw: gateRaw,
    },
    units,
  };
}
