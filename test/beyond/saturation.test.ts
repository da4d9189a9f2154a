import { describe, expect, it } from 'vitest';
import { gateSaturation, mostlyOpenUnits } from '../../pipeline/beyond/saturation.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

describe('gate saturation', () => {
  it('finds a planted always-open gate, an always-closed one, and measures a half/half one', () => {
    const size = 4;
    const steps = 1000;
    const rng = new Rng(1, 'sat');
    const v = new Float32Array(steps * size);
    for (let s = 0; s < steps; s++) {
      v[s * size + 0] = 0.9 + 0.099 * rng.next() + 0.0005; // always > 0.9
      v[s * size + 1] = 0.099 * rng.next(); // always < 0.1
      v[s * size + 2] = 0.2 + 0.6 * rng.next(); // never saturated
      v[s * size + 3] = s % 4 === 0 ? 0.05 : 0.95; // 25% left, 75% right
    }
    const sat = gateSaturation(v, size, { left: 0.1, right: 0.9 });
    expect([...sat.right]).toEqual([1, 0, 0, 0.75]);
    expect([...sat.left]).toEqual([0, 1, 0, 0.25]);
    expect(mostlyOpenUnits(sat, 0.9)).toEqual([{ unit: 0, fraction: 1 }]);
    expect(mostlyOpenUnits(sat, 0.7).map((u) => u.unit)).toEqual([0, 3]);
  });

  it('rejects a layer that is not whole steps', () => {
    expect(() => gateSaturation(new Float32Array(7), 4, { left: 0.1, right: 0.9 })).toThrow(/whole number/);
  });
});
