import type { ModelWeights } from '../../pipeline/capture/model-file.ts';
import type { AlignedLine } from '../../pipeline/capture/sample.ts';

/**
 * A BiLSTM built by hand so that one unit alone carries one decision:
 * - forward unit 0 remembers "an x came before": input a → A if so, else B (pairs a→A, a→B);
 * - backward unit 0 remembers "an x comes later": input b → C if so, else D (pairs b→C, b→D);
 * - x → E always. The other units fire (random input weights, recurrence among themselves) but feed nothing.
 */
export const VOCAB = { input: ['<pad>', '<unk>', 'a', 'b', 'x'], output: ['<pad>', '_', 'A', 'B', 'C', 'D', 'E'] };
const [A, B, X] = [2, 3, 4];

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296 - 0.5);
}

export function plantedModel(units = 8, seqLen: number | null = null): ModelWeights {
  const V = VOCAB.input.length;
  const O = VOCAB.output.length;
  const H = 4;
  const u = units;
  const r = rand(7);
  const cell = () => {
    const kernel = new Float32Array(V * 4 * u);
    const recurrent = new Float32Array(u * 4 * u);
    const bias = new Float32Array(4 * u);
    for (let v = 0; v < V; v++) for (let j = 1; j < u; j++) for (let g = 0; g < 4; g++) kernel[v * 4 * u + g * u + j] = 2 * r();
    for (let a = 1; a < u; a++) for (let j = 1; j < u; j++) for (let g = 0; g < 4; g++) recurrent[a * 4 * u + g * u + j] = r();
    // Unit 0: input gate open on x only, forget gate shut never (keeps), candidate 1, output gate open.
    for (let v = 0; v < V; v++) kernel[v * 4 * u + 0] = v === X ? 20 : -20;
    bias[u] = 20;
    bias[2 * u] = 20;
    bias[3 * u] = 20;
    return { kernel, recurrent, bias };
  };
  const hiddenKernel = new Float32Array(2 * u * H);
  const hiddenBias = Float32Array.from([-3.8, -3.8, 0, 0]);
  hiddenKernel[0 * H + 0] = 10;
  hiddenKernel[u * H + 1] = 10;
  const outputKernel = new Float32Array((H + V) * O);
  const set = (row: number, col: number, v: number) => (outputKernel[row * O + col] = v);
  set(0, 2, 5), set(0, 3, -5), set(1, 4, 5), set(1, 5, -5);
  set(H + A, 2, 10), set(H + A, 3, 10), set(H + B, 4, 10), set(H + B, 5, 10), set(H + X, 6, 20);
  return {
    cell: 'lstm',
    units: u,
    inputSize: V,
    hiddenUnits: H,
    outputSize: O,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    fwd: cell(),
    bwd: cell(),
    hiddenKernel,
    hiddenBias,
    hiddenActivation: 'tanh',
    outputKernel,
    outputBias: new Float32Array(O),
    seqLen,
  };
}

/** Sentences over {a, b, x} with their outputs by the planted rule. */
export function plantedLines(n: number, seed = 3): AlignedLine[] {
  const r = rand(seed);
  const lines: AlignedLine[] = [];
  for (let i = 0; i < n; i++) {
    const len = 6 + Math.floor((r() + 0.5) * 8);
    const chars = Array.from({ length: len }, () => ['a', 'b', 'a', 'b', 'x'][Math.floor((r() + 0.5) * 5)]);
    const out = chars.map((c, t) =>
      c === 'x' ? 'E' : c === 'a' ? (chars.slice(0, t).includes('x') ? 'A' : 'B') : chars.slice(t + 1).includes('x') ? 'C' : 'D',
    );
    lines.push({ split: 'test', line: i, input: chars.join(''), output: out.join('') });
  }
  return lines;
}

/** A model with every weight random (for the clamp-equivalence checks). */
export function randomModel(units: number, seqLen: number | null): ModelWeights {
  const m = plantedModel(units, seqLen);
  const r = rand(11);
  for (const w of [m.fwd, m.bwd]) for (const a of [w.kernel, w.recurrent, w.bias]) for (let i = 0; i < a.length; i++) a[i] = 2 * r();
  for (const a of [m.hiddenKernel, m.hiddenBias, m.outputKernel, m.outputBias]) for (let i = 0; i < a.length; i++) a[i] = 2 * r();
  return m;
}
