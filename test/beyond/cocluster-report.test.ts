import { describe, expect, it } from 'vitest';
import { coclusterReport } from '../../pipeline/beyond/cocluster-report.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

/** Units 0–4 go up on a, b and down on c, d; units 5–9 the opposite: only the signs tell the groups apart. */
function response() {
  const rng = new Rng(8, 'report');
  const chars = ['a', 'b', 'c', 'd'];
  const mean = Array.from({ length: 10 }, (_, u) =>
    chars.map((c, j) => (u < 5 === j < 2 ? 1 : -1) * (0.8 + 0.4 * rng.next()) + 0.05 * rng.normal()),
  );
  return {
    steps: 100,
    seamSteps: { fwd: 0, bwd: 0 },
    characters: chars.map((char, j) => ({ char, inputId: j + 2, count: 25 })),
    layers: [{ name: 'fwd.h', direction: 'fwd' as const, size: 10, mean, std: mean.map((r) => r.map(() => 0)) }],
  };
}

describe('co-cluster report', () => {
  it('split by sign, separates units that respond to the same characters in opposite directions', () => {
    const rep = coclusterReport(response(), { coclusterLayers: ['fwd.h'], coclusters: 2, coclusterSigns: 'split' }, 1);
    expect(rep.signs).toBe('split');
    for (const cl of rep.clusters) {
      const up = cl.units[0].unit < 5;
      expect(cl.units.every((u) => u.unit < 5 === up)).toBe(true);
      expect(cl.units).toHaveLength(5);
      // Group "up" holds a+, b+, c−, d−; the other a−, b−, c+, d+.
      const cols = cl.characters.map((c) => `${c.char}${c.sign === 'positive' ? '+' : '-'}`).sort();
      expect(cols).toEqual(up ? ['a+', 'b+', 'c-', 'd-'] : ['a-', 'b-', 'c+', 'd+']);
      expect(cl.positive).toBeGreaterThan(0.4);
      expect(cl.negative).toBeGreaterThan(0.4);
    }
    expect(rep.links).toHaveLength(4);
  });

  it('on |response|, keeps one column per character with its mean signed response', () => {
    const rep = coclusterReport(response(), { coclusterLayers: ['fwd.h'], coclusters: 2, coclusterSigns: 'abs' }, 1);
    expect(rep.clusters.flatMap((c) => c.characters.map((x) => x.sign))).toEqual(['any', 'any', 'any', 'any']);
    expect(rep.clusters.flatMap((c) => c.units)).toHaveLength(10);
  });

  it('names the config key when no requested layer was captured', () => {
    expect(() => coclusterReport(response(), { coclusterLayers: ['bwd.c'], coclusters: 2, coclusterSigns: 'abs' }, 1)).toThrow(
      /beyond\.coclusterLayers/,
    );
  });
});
