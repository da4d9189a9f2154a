import { beforeAll, describe, expect, it } from 'vitest';
import { analyseCapture } from '../../pipeline/beyond/analyse.ts';
import { alignedPairs } from '../../pipeline/beyond/ngram.ts';
import { BeyondConfig } from '../../pipeline/lib/config.ts';
import { canonicalJson } from '../../pipeline/lib/json.ts';
import { Rng } from '../../pipeline/lib/rng.ts';
import {
  CellsArtifact,
  CoclustersArtifact,
  NgramArtifact,
  ResponseArtifact,
  SaturationArtifact,
} from '../../pipeline/lib/schemas/beyond.ts';
import { GROUP_A, syntheticCapture, toyAlign, toySentence } from './synthetic-capture.ts';

describe('analyseCapture on a synthetic capture with planted units', () => {
  const reader = syntheticCapture(200);
  const rng = new Rng(9, 'train');
  const trainLines = Array.from({ length: 400 }, () => {
    const input = toySentence(rng);
    return { input, output: toyAlign(input).join('') };
  });
  const { pairs } = alignedPairs(trainLines);
  const cfg = BeyondConfig.parse({ minCharCount: 5, coclusters: 2, examples: 2 });
  let res: Awaited<ReturnType<typeof analyseCapture>>;
  beforeAll(async () => {
    res = await analyseCapture(reader, pairs, cfg, 42);
  });

  it('lists the planted long memory and the scatter data of every gate', () => {
    expect(res.saturation.gates.map((g) => g.layer).sort()).toEqual(['bwd.f', 'bwd.i', 'bwd.o', 'fwd.f', 'fwd.i', 'fwd.o']);
    expect(res.saturation.longMemory).toEqual([{ layer: 'fwd.f', unit: 0, fraction: 1 }]);
    const bwdI = res.saturation.gates.find((g) => g.layer === 'bwd.i')!;
    expect(bwdI.left[1]).toBe(1);
    expect(bwdI.left).toHaveLength(6);
  });

  it('finds the planted feature detectors, with example activations', () => {
    const pos = res.cells.features.find((f) => f.name === 'positionInWord')!;
    expect(pos.best).toMatchObject({ layer: 'fwd.c', unit: 2 });
    expect(pos.best!.r).toBeGreaterThan(0.95);
    const latin = res.cells.features.find((f) => f.name === 'latinWord')!;
    expect(latin.best).toMatchObject({ layer: 'bwd.c', unit: 4 });
    expect(latin.best!.r).toBeLessThan(-0.9);
    expect(latin.examples).toHaveLength(2);
    for (const ex of latin.examples) {
      expect(ex.activation).toHaveLength([...ex.input].length);
      expect(ex.feature).toContain(1);
    }
    expect(res.cells.correlations['fwd.c'].positionInWord[2]).toBeCloseTo(pos.best!.r, 12);
  });

  it('scores the n-gram baseline and the network on the same steps', () => {
    const acc = res.ngram.orders.map((o) => o.accuracy);
    expect(acc).toHaveLength(7);
    expect(acc[2]).toBeGreaterThan(acc[0]);
    expect(res.ngram.networkAccuracy).toBeCloseTo(0.9, 2);
    const o = res.ngram.overlap;
    expect(o.bothRight + o.bothWrong + o.networkOnlyWrong + o.baselineOnlyWrong).toBe(reader.steps);
    expect(res.ngram.byChar.length).toBeGreaterThan(5);
  });

  it('measures per-character expected responses', () => {
    const chars = res.response.characters.map((c) => c.char);
    const fwdH = res.response.layers.find((l) => l.name === 'fwd.h')!;
    chars.forEach((c, j) => {
      expect(fwdH.mean[0][j]).toBeCloseTo(GROUP_A.has(c) ? 1 : 0, 1);
      expect(fwdH.mean[4][j]).toBeCloseTo(GROUP_A.has(c) ? 0 : -1, 1);
    });
    expect(res.response.layers.map((l) => l.name).sort()).toEqual(['bwd.c', 'bwd.h', 'fwd.c', 'fwd.h']);
  });

  it('co-clusters state units with the characters that move them', () => {
    expect(res.coclusters.k).toBe(2);
    for (const cl of res.coclusters.clusters) {
      const groupA = cl.characters.map((c) => GROUP_A.has(c.char));
      expect(new Set(groupA).size).toBe(1);
      const unitsLow = cl.units.map((u) => u.unit < 3);
      expect(new Set(unitsLow).size).toBe(1);
      expect(unitsLow[0]).toBe(groupA[0]);
      expect(cl.units).toHaveLength(6);
    }
    expect(res.coclusters.links).toHaveLength(4);
  });

  it('produces artifacts that round-trip through canonical JSON and their schemas', () => {
    const pairsToCheck = [
      [SaturationArtifact, res.saturation],
      [CellsArtifact, res.cells],
      [NgramArtifact, res.ngram],
      [ResponseArtifact, res.response],
      [CoclustersArtifact, res.coclusters],
    ] as const;
    for (const [schema, body] of pairsToCheck) {
      const parsed = schema.safeParse(JSON.parse(canonicalJson({ schemaVersion: 1, ...body }, 4)));
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    }
  });

  it('handles a GRU capture: gates z r, no cell state, long memory from the update gate', async () => {
    const lstm = syntheticCapture(60);
    const rename: Record<string, string> = { 'fwd.f': 'fwd.z', 'bwd.f': 'bwd.z', 'fwd.i': 'fwd.r', 'bwd.i': 'bwd.r' };
    const gru = {
      ...lstm,
      layers: lstm.layers.filter((l) => rename[l.name] || l.name.endsWith('.h') || l.name.endsWith('.g')).map((l) => ({ ...l, name: rename[l.name] ?? l.name })),
      loadLayer: (name: string) => lstm.loadLayer(Object.keys(rename).find((k) => rename[k] === name) ?? name),
    };
    const r = await analyseCapture(gru, pairs, cfg, 42);
    expect(r.saturation.gates.map((g) => g.layer).sort()).toEqual(['bwd.r', 'bwd.z', 'fwd.r', 'fwd.z']);
    expect(r.saturation.longMemory).toEqual([{ layer: 'fwd.z', unit: 0, fraction: 1 }]);
    expect(r.cells.layers.map((l) => l.name)).toEqual(['fwd.h', 'bwd.h']);
    expect(r.response.layers).toHaveLength(2);
  });

  it('is deterministic', async () => {
    const again = await analyseCapture(syntheticCapture(200), pairs, cfg, 42);
    expect(canonicalJson(again, 4)).toBe(canonicalJson(res, 4));
  });
});
