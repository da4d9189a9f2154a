import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCapture } from '../../pipeline/capture/reader.ts';
import { CaptureWriter } from '../../pipeline/capture/shards.ts';
import { readArtifact } from '../../pipeline/lib/artifact.ts';
import { readVersionedArtifact } from '../../pipeline/lib/compact-artifact.ts';
import { ClaimsFile, PatternsFile, UncertaintyFile } from '../../pipeline/lib/schemas/analyses.ts';
import { UnitsFile, LayersSummary, NEURONS_FILE_VERSION, NeuronsFile, PAIR_FILE_VERSION, PairFile, PairsIndex } from '../../pipeline/lib/schemas/stats.ts';
import { analyse, type StatsOptions } from '../../pipeline/stats/analyse.ts';
import { writeStats } from '../../pipeline/stats/stage.ts';
import { NO_KERNELS, VOCAB, syntheticCapture } from './synthetic-capture.ts';

const root = mkdtempSync(join(tmpdir(), 'stats-stage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const layers = [
  { name: 'fwd.i', size: 5 },
  { name: 'fwd.h', size: 5 },
  { name: 'bwd.h', size: 5 },
  { name: 'concat', size: 10 },
];
const opts: StatsOptions = {
  bins: 40,
  minCount: 30,
  topNeurons: 2,
  histogramBins: 10,
  bootstrap: 5,
  uncertaintyLayers: ['concat'],
  patterns: [{ name: 'tsa', output: 'տսա' }],
  seed: 3,
};

/** Write the synthetic capture through the real writer, so the reader path is exercised too. */
function writeCapture(dir: string): void {
  const syn = syntheticCapture({ sentences: 80, seed: 21, layers, plants: [{ layer: 'bwd.h', neuron: 1, input: 't', output: 'ծ', shift: 1 }] });
  const w = new CaptureWriter(dir, layers, 'float32', 'lstm', VOCAB);
  let at = 0;
  syn.sentences.forEach((s, k) => {
    const T = s.ids.length;
    w.append(
      {
        id: k,
        split: 'test',
        input: s.input,
        output: s.output,
        predicted: s.output,
        inputIds: Int32Array.from(s.ids),
        targetIds: Int32Array.from(s.targets),
        predIds: Int32Array.from(s.targets),
      },
      layers.map((l) => syn.layers.get(l.name)!.slice(at * l.size, (at + T) * l.size)),
    );
    at += T;
  });
  w.finish();
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else files.set(rel + e.name, readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir, '');
  return files;
}

describe('stats stage on a tiny synthetic capture', () => {
  it('writes schema-valid JSON, byte-identical on a second run', async () => {
    const cap = join(root, 'capture');
    writeCapture(cap);
    const a = join(root, 'a');
    const b = join(root, 'b');
    writeStats(a, await analyse(openCapture(cap), opts, NO_KERNELS));
    writeStats(b, await analyse(openCapture(cap), opts, NO_KERNELS));
    // A stale pair file from an earlier run is removed.
    writeFileSync(join(b, 'stats', 'pairs', 'ffff-ffff.json'), '{}');
    writeStats(b, await analyse(openCapture(cap), opts, NO_KERNELS));
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sb.keys()].sort()).toEqual([...sa.keys()].sort());
    for (const [k, v] of sa) expect(sb.get(k), k).toBe(v);

    const index = readArtifact(join(a, 'stats/pairs/index.json'), PairsIndex);
    // s and t each have two outputs: one split per letter, the other side named as its mirror.
    expect(index.pairs.map((p) => [p.label, p.mirror])).toEqual([
      ['s→_', 's→ս'],
      ['t→ծ', 't→տ'],
    ]);
    for (const p of index.pairs) {
      const f = readVersionedArtifact(join(a, 'stats/pairs', p.file), PairFile, PAIR_FILE_VERSION);
      // concat is derived from fwd.h and bwd.h (pipeline/lib/unit-ranking.ts), never written.
      expect(Object.keys(f.corrected).sort()).toEqual(layers.map((l) => l.name).filter((n) => n !== 'concat').sort());
    }
    for (const l of layers.filter((x) => x.name !== 'concat')) readVersionedArtifact(join(a, `stats/neurons/${l.name}.json`), NeuronsFile, NEURONS_FILE_VERSION);
    const summary = readArtifact(join(a, 'stats/layers.json'), LayersSummary);
    expect(summary.gates.map((g) => g.gate).sort()).toEqual(['h', 'i']);
    const unc = readArtifact(join(a, 'stats/uncertainty.json'), UncertaintyFile);
    expect(unc.pairs[0].neurons).toHaveLength(2);
    readArtifact(join(a, 'stats/patterns.json'), PatternsFile);
    const claims = readArtifact(join(a, 'claims.json'), ClaimsFile);
    expect(claims.claims.length).toBeGreaterThan(0);
    for (const c of claims.claims) expect(c.test.statistic.length, c.id).toBeGreaterThan(0);
    readArtifact(join(a, 'stats/units.json'), UnitsFile);
  });
});
