import { describe, expect, it } from 'vitest';
import { blockLinks, canonicalLabels, spectralCocluster } from '../../pipeline/beyond/cocluster.ts';
import { kmeans } from '../../pipeline/beyond/kmeans.ts';
import { matrix, multiply, symmetricEigen, topSingular, transpose } from '../../pipeline/beyond/linalg.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

/** Same partition up to renaming: i, j together in one iff together in the other. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) if ((a[i] === a[j]) !== (b[i] === b[j])) return false;
  return true;
}

describe('linear algebra', () => {
  it('Jacobi diagonalises a symmetric matrix', () => {
    const a = matrix(3, 3, Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]));
    const { values, vectors } = symmetricEigen(a);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
    const av = multiply(a, vectors);
    for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) expect(av.data[i * 3 + j]).toBeCloseTo(values[j] * vectors.data[i * 3 + j], 9);
    expect(values.reduce((x, y) => x + y)).toBeCloseTo(12, 9);
  });

  it('power iteration finds the top singular triplets, deterministically', () => {
    const rng = new Rng(2, 'svd');
    const a = matrix(30, 12, Float64Array.from({ length: 360 }, () => rng.normal()));
    const s = topSingular(a, 4, 9);
    const av = multiply(a, s.v);
    for (let j = 0; j < 4; j++) for (let i = 0; i < 30; i++) expect(av.data[i * 4 + j]).toBeCloseTo(s.values[j] * s.u.data[i * 4 + j], 6);
    const full = symmetricEigen(multiply(transpose(a), a));
    for (let j = 0; j < 4; j++) expect(s.values[j]).toBeCloseTo(Math.sqrt(full.values[j]), 6);
    const again = topSingular(a, 4, 9);
    expect([...again.u.data]).toEqual([...s.u.data]);
    // Wide matrices go through the transpose.
    const w = topSingular(transpose(a), 4, 9);
    for (let j = 0; j < 4; j++) expect(w.values[j]).toBeCloseTo(s.values[j], 6);
  });

  it('k-means separates three obvious blobs', () => {
    const rng = new Rng(4, 'km');
    const pts = matrix(60, 2, Float64Array.from({ length: 120 }, (_, i) => Math.floor(i / 40) * 10 + 0.3 * rng.normal()));
    const { labels } = kmeans(pts, 3, 1);
    expect(samePartition(labels, Array.from({ length: 60 }, (_, i) => Math.floor(i / 20)))).toBe(true);
  });
});

describe('spectral co-clustering', () => {
  it('recovers a noisy, permuted block-diagonal matrix exactly', () => {
    const rng = new Rng(11, 'blocks');
    const rowSizes = [40, 30, 25, 20, 15, 10];
    const colSizes = [12, 10, 9, 8, 6, 5];
    const rowBlock = rowSizes.flatMap((n, b) => Array(n).fill(b) as number[]);
    const colBlock = colSizes.flatMap((n, b) => Array(n).fill(b) as number[]);
    rng.shuffle(rowBlock);
    rng.shuffle(colBlock);
    const rows = rowBlock.length;
    const cols = colBlock.length;
    const a = matrix(rows, cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        a.data[i * cols + j] = (rowBlock[i] === colBlock[j] ? 1 + 0.5 * rng.next() : 0) + 0.15 * rng.next();
    const cc = canonicalLabels(spectralCocluster(a, 6, 3), 6);
    expect(samePartition(cc.rowLabels, rowBlock)).toBe(true);
    expect(samePartition(cc.colLabels, colBlock)).toBe(true);
    // Rows and columns of one block share a label.
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) if (rowBlock[i] === colBlock[j]) expect(cc.rowLabels[i]).toBe(cc.colLabels[j]);
    // Largest block first after canonical relabelling.
    expect(cc.rowLabels.filter((l) => l === 0).length).toBe(40);
    // Same seed, same answer.
    expect([...canonicalLabels(spectralCocluster(a, 6, 3), 6).rowLabels]).toEqual([...cc.rowLabels]);
    // Diagonal blocks are strongly linked, off-diagonal ones weakly.
    const links = blockLinks(a, cc, 6);
    for (const l of links) {
      if (l.rowCluster === l.colCluster) expect(l.positive).toBeGreaterThan(1);
      else expect(l.positive).toBeLessThan(0.2);
      expect(l.negative).toBe(0);
    }
  });

  it('refuses negative input and impossible k', () => {
    expect(() => spectralCocluster(matrix(3, 3, Float64Array.from([1, -1, 0, 0, 1, 0, 0, 0, 1])), 2, 1)).toThrow(/non-negative/);
    expect(() => spectralCocluster(matrix(2, 5), 3, 1)).toThrow(/exceeds/);
  });
});
