import { describe, expect, it } from 'vitest';
import { modelSeqLen, translitMetadataOf } from '../../pipeline/lib/schemas/model.ts';

const vocab = { input: ['<pad>', '<unk>', 'a'], output: ['<pad>', '_', 'ա'] };
const model = (translit: unknown) => ({ modelTopology: {}, userDefinedMetadata: { translit } });

describe('model.json translit metadata (one reader for train, capture, beyond and the site)', () => {
  it('reads a valid block', () => {
    const meta = { vocab, seqLen: 40, cell: 'gru' };
    expect(translitMetadataOf(model(meta), 'm.json')).toEqual(meta);
    expect(modelSeqLen(model(meta), 'm.json')).toBe(40);
  });

  it('treats a model saved without metadata as having no training window, but translit needs it', () => {
    expect(modelSeqLen({ modelTopology: {} }, 'm.json')).toBeNull();
    expect(() => translitMetadataOf({ modelTopology: {} }, 'm.json')).toThrow(/^m\.json: has no translit metadata/);
  });

  it('applies one validity rule to seqLen everywhere: an integer of at least 2', () => {
    for (const seqLen of [1, 0, -3, 2.5, '40', null])
      for (const read of [modelSeqLen, translitMetadataOf])
        expect(() => read(model({ vocab, seqLen, cell: 'lstm' }), 'm.json'), String(seqLen)).toThrow(/^m\.json: userDefinedMetadata\.translit\.seqLen: /);
    expect(modelSeqLen(model({ vocab, seqLen: 2, cell: 'lstm' }), 'm.json')).toBe(2);
  });

  it('names the bad field of a broken block', () => {
    expect(() => translitMetadataOf(model({ vocab, seqLen: 40, cell: 'transformer' }), 'm.json')).toThrow(/translit\.cell: /);
    expect(() => modelSeqLen(model({ vocab: { input: ['<pad>'] }, seqLen: 40, cell: 'lstm' }), 'm.json')).toThrow(/translit\.vocab\./);
    expect(() => modelSeqLen({ userDefinedMetadata: 'x' }, 'm.json')).toThrow(/^m\.json: not a model\.json/);
  });
});
