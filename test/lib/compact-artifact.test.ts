import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compactJson, readVersionedArtifact, writeCompactArtifact } from '../../pipeline/lib/compact-artifact.ts';

describe('compact artifacts', () => {
  it('put each record of a list or map on one line, keys sorted, floats rounded', () => {
    const text = compactJson({ b: [{ y: 1.23456, x: 'ու' }, { y: 2, x: null }], a: { l2: [1, 2], l1: [0.33333] }, c: 3 }, 3);
    expect(text).toBe('{\n  "a": {\n    "l1": [0.333],\n    "l2": [1,2]\n  },\n  "b": [\n    {"x":"ու","y":1.235},\n    {"x":null,"y":2}\n  ],\n  "c": 3\n}\n');
    expect(JSON.parse(text)).toEqual({ a: { l1: [0.333], l2: [1, 2] }, b: [{ x: 'ու', y: 1.235 }, { x: null, y: 2 }], c: 3 });
  });

  it('carry their own schema version and refuse another one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'compact-')), 'f.json');
    writeCompactArtifact(path, 2, { n: [1] }, 4);
    expect(readFileSync(path, 'utf8')).toContain('"schemaVersion": 2');
    const schema = z.object({ schemaVersion: z.literal(2), n: z.array(z.number()) });
    expect(readVersionedArtifact(path, schema, 2).n).toEqual([1]);
    expect(() => readVersionedArtifact(path, schema, 3)).toThrow(/schema version 2, this code reads version 3/);
  });
});
