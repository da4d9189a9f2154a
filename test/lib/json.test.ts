import { describe, expect, it } from 'vitest';
import { hashJson, sha256 } from '../../pipeline/lib/hash.ts';
import { canonicalJson, compactCanonicalJson, roundFloat } from '../../pipeline/lib/json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so key order never changes the bytes', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 });
    expect(a).toBe(b);
    expect(a.indexOf('"a"')).toBeLessThan(a.indexOf('"b"'));
  });

  it('rounds floats to a fixed precision and never writes -0', () => {
    expect(canonicalJson({ x: 0.1 + 0.2 })).toContain('"x": 0.3');
    expect(roundFloat(-1e-9)).toBe(0);
    expect(Object.is(roundFloat(-1e-9), -0)).toBe(false);
    expect(roundFloat(1.23456789, 3)).toBe(1.235);
  });

  it('refuses values JSON cannot round-trip', () => {
    expect(() => canonicalJson({ x: NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ x: Infinity })).toThrow(/non-finite/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
  });

  it('packs long numeric arrays on wrapped lines and parses back to the same values', () => {
    const bins = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 97);
    const text = canonicalJson({ bins });
    const lines = text.split('\n');
    expect(lines.length).toBeLessThan(80); // not one element per line
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(110); // not one giant line
    expect(JSON.parse(text).bins).toEqual(bins);
  });

  it('puts each small flat record on one line, and nested or long ones over several', () => {
    const text = canonicalJson({ layer: [{ neuron: 70, hellinger: 0.948 }, { neuron: 3, hellinger: 0.5 }] });
    expect(text).toContain('\n    {"hellinger": 0.948, "neuron": 70},\n');
    expect(canonicalJson({ a: { b: { c: 1 } } })).toBe('{\n  "a": {\n    "b": {"c": 1}\n  }\n}\n');
    expect(JSON.parse(canonicalJson({ s: 'x'.repeat(200), n: 1 }))).toEqual({ s: 'x'.repeat(200), n: 1 });
    expect(canonicalJson({ r: { s: 'x'.repeat(200), n: 1 } }).split('\n').length).toBeGreaterThan(3);
  });

  it('writes typed arrays as plain arrays', () => {
    expect(JSON.parse(canonicalJson({ v: new Float32Array([0.5, 1.5]) })).v).toEqual([0.5, 1.5]);
  });
});

describe('hashJson', () => {
  it('hashes the compact canonical form: sorted keys, no whitespace, exact numbers', () => {
    const v = { b: [1, 0.1234567891], a: { d: new Int32Array([2, 3]), c: 'x', skip: undefined } };
    expect(compactCanonicalJson(v)).toBe('{"a":{"c":"x","d":[2,3]},"b":[1,0.1234567891]}');
    expect(hashJson(v)).toBe(sha256('{"a":{"c":"x","d":[2,3]},"b":[1,0.1234567891]}'));
    expect(hashJson({ a: { c: 'x', d: [2, 3] }, b: [1, 0.1234567891] })).toBe(hashJson(v));
    // Not rounded like the artifacts: values that differ in the 7th decimal hash differently.
    expect(hashJson({ x: 0.1234567 })).not.toBe(hashJson({ x: 0.1234568 }));
    expect(() => hashJson({ x: NaN })).toThrow(/non-finite/);
  });
});
