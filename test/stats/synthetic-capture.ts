import type { CaptureLayerInfo, CaptureReader, CapturedSentence, StepMeta } from '../../pipeline/capture/types.ts';
import { Rng } from '../../pipeline/lib/rng.ts';

/**
 * A synthetic capture for the statistics tests: random romanized sentences over "s t a ␠", where s becomes ս or
 * the placeholder _ and t becomes տ or ծ (at random), and layers of Gaussian noise — except planted neurons that
 * respond to one pair (their value shifts when the output is the planted one).
 */
export const VOCAB = {
  input: ['<pad>', '<unk>', ' ', 'a', 's', 't'],
  output: ['<pad>', '_', ' ', 'ա', 'ծ', 'ս', 'տ'],
};

export interface Plant {
  layer: string;
  neuron: number;
  input: string;
  output: string;
  shift: number;
}

export interface Synthetic {
  reader: CaptureReader;
  layers: Map<string, Float32Array>;
  sentences: { input: string; output: string; ids: number[]; targets: number[] }[];
}

export function syntheticCapture(opts: { sentences: number; seed: number; layers: CaptureLayerInfo[]; plants: Plant[] }): Synthetic {
  const rng = new Rng(opts.seed, 'synthetic');
  const inIdx = new Map(VOCAB.input.map((c, i) => [c, i]));
  const outIdx = new Map(VOCAB.output.map((c, i) => [c, i]));
  const sentences: Synthetic['sentences'] = [];
  for (let k = 0; k < opts.sentences; k++) {
    const len = 8 + rng.int(12);
    const input: string[] = [];
    const output: string[] = [];
    for (let t = 0; t < len; t++) {
      const c = rng.pick(['a', 's', 't', ' ', 's', 't']);
      input.push(c);
      output.push(c === 'a' ? 'ա' : c === ' ' ? ' ' : c === 's' ? (rng.next() < 0.4 ? '_' : 'ս') : rng.next() < 0.3 ? 'ծ' : 'տ');
    }
    sentences.push({ input: input.join(''), output: output.join(''), ids: input.map((c) => inIdx.get(c)!), targets: output.map((c) => outIdx.get(c)!) });
  }
  const steps = sentences.reduce((n, s) => n + s.ids.length, 0);
  const meta: StepMeta = {
    inputId: new Int32Array(steps),
    targetId: new Int32Array(steps),
    predId: new Int32Array(steps),
    sentence: new Int32Array(steps),
    position: new Int32Array(steps),
  };
  const captured: CapturedSentence[] = [];
  let at = 0;
  sentences.forEach((s, k) => {
    captured.push({ id: k, split: 'test', input: s.input, output: s.output, predicted: s.output, start: at });
    s.ids.forEach((id, t) => {
      meta.inputId[at] = id;
      meta.targetId[at] = s.targets[t];
      meta.predId[at] = s.targets[t];
      meta.sentence[at] = k;
      meta.position[at] = t;
      at++;
    });
  });
  const layers = new Map<string, Float32Array>();
  for (const l of opts.layers) {
    const r = rng.fork(`layer/${l.name}`);
    const data = new Float32Array(steps * l.size);
    for (let i = 0; i < data.length; i++) data[i] = Math.tanh(r.normal() * 0.5);
    for (const p of opts.plants.filter((x) => x.layer === l.name)) {
      const c = inIdx.get(p.input)!;
      const o = outIdx.get(p.output)!;
      for (let s = 0; s < steps; s++)
        if (meta.inputId[s] === c && meta.targetId[s] === o) data[s * l.size + p.neuron] += p.shift;
    }
    layers.set(l.name, data);
  }
  const reader: CaptureReader = {
    steps,
    layers: opts.layers,
    sentences: captured,
    vocab: VOCAB,
    meta,
    async loadLayer(name) {
      const d = layers.get(name);
      if (!d) throw new Error(`no layer ${name}`);
      return d.slice();
    },
  };
  return { reader, layers, sentences };
}

/** Kernels for captures without the dense layers (no diagram is drawn without concat, hidden and output). */
export const NO_KERNELS = {
  hiddenKernel: { shape: [0, 0], data: new Float32Array(0) },
  outputKernel: { shape: [0, 0], data: new Float32Array(0) },
};
