import { describe, expect, it } from 'vitest';
import { Rng } from '../../pipeline/lib/rng.ts';

describe('Rng', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(1)));
    const b = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(1)));
    const c = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(2)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('forks independent streams: drawing from one never shifts another', () => {
    const root = new Rng(42);
    const x1 = root.fork('x').next();
    root.next();
    root.fork('y').next();
    expect(new Rng(42).fork('x').next()).toBe(x1);
    expect(new Rng(42).fork('y').next()).not.toBe(x1);
  });

  it('draws roughly uniform numbers in [0,1) and integers in range', () => {
    const r = new Rng('u');
    let sum = 0;
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
      counts[r.int(10)]++;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(250);
  });

  it('shuffles to a permutation', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const s = new Rng(3).shuffle([...xs]);
    expect([...s].sort((a, b) => a - b)).toEqual(xs);
    expect(s).not.toEqual(xs);
  });
});
