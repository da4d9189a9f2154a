/**
 * The gates of each recurrent cell type and the layer names they give (docs/CONTRACTS.md): the one list that the
 * model code, capture, stats, beyond and the site all read.
 *
 * Captured layers, in storage order: every per-direction layer of the cell, forward (`fwd.<gate>`) then backward
 * (`bwd.<gate>`), then `concat` (both directions' h), `hidden` (dense tanh, then the one-hot input), `output`.
 */

export type CellKind = 'lstm' | 'gru' | 'rnn';

/** Weight blocks per cell in a kernel (Keras layout: LSTM i f c o; GRU z r h; SimpleRNN one). */
export const GATES_PER_CELL: Record<CellKind, number> = { lstm: 4, gru: 3, rnn: 1 };

/** Per-direction captured layers of each cell, in the order they are stored: gates, then the states (c, h). */
export const CELL_LAYERS = {
  lstm: ['i', 'f', 'o', 'g', 'c', 'h'],
  gru: ['z', 'r', 'g', 'h'],
  rnn: ['h'],
} as const satisfies Record<CellKind, readonly string[]>;

export type Direction = 'fwd' | 'bwd';
export const DIRECTIONS: readonly Direction[] = ['fwd', 'bwd'];

/**
 * The "gate rows" under a neuron in the post's diagrams, across cell types, in the post's order (LSTM i f o g c;
 * GRU z r g). The output h is the neuron itself, so it is not among them.
 */
export const GATE_ROWS = ['i', 'f', 'o', 'g', 'c', 'z', 'r'] as const;

/** Every per-direction layer name of any cell, in display order: the gate rows, then h. */
export const GATE_ORDER = [...GATE_ROWS, 'h'] as const;

/** What each per-direction layer is. */
export const GATE_TEXT: Record<(typeof GATE_ORDER)[number], string> = {
  i: 'input gate',
  f: 'forget gate',
  o: 'output gate',
  g: 'cell input (candidate)',
  c: 'cell state',
  h: 'hidden state',
  z: 'update gate',
  r: 'reset gate',
};

/** Gates squashed into (0, 1) by a sigmoid (where saturation means open or shut). */
export const SIGMOID_GATES: readonly string[] = ['i', 'f', 'o', 'z', 'r'];
/** The recurrent states: the LSTM's cell state c, and every cell's output h. */
export const STATE_GATES: readonly string[] = ['c', 'h'];

/** `fwd.i` → { direction: 'fwd', gate: 'i' }; null for a layer that is not per direction (concat, hidden, output). */
export function perDirectionLayer(name: string): { direction: Direction; gate: string } | null {
  const m = /^(fwd|bwd)\.([a-z])$/.exec(name);
  return m && (GATE_ORDER as readonly string[]).includes(m[2]) ? { direction: m[1] as Direction, gate: m[2] } : null;
}

/** Whether a layer name is a sigmoid gate of either direction (fwd.i, bwd.z, …). */
export function isSigmoidGateLayer(name: string): boolean {
  const l = perDirectionLayer(name);
  return l !== null && SIGMOID_GATES.includes(l.gate);
}

/** Whether a layer name is a recurrent state of either direction (fwd.c, bwd.h, …). */
export function isStateLayer(name: string): boolean {
  const l = perDirectionLayer(name);
  return l !== null && STATE_GATES.includes(l.gate);
}

export interface LayerSizes {
  cell: CellKind;
  units: number;
  /** Units of the dense `hidden` layer (its captured size adds the one-hot input). */
  hidden: number;
  inputSize: number;
  outputSize: number;
}

/** The captured layers of a model, with their sizes, in storage order. */
export function captureLayers(m: LayerSizes): { name: string; size: number }[] {
  const perDir = CELL_LAYERS[m.cell];
  return [
    ...DIRECTIONS.flatMap((d) => perDir.map((g) => ({ name: `${d}.${g}`, size: m.units }))),
    { name: 'concat', size: 2 * m.units },
    { name: 'hidden', size: m.hidden + m.inputSize },
    { name: 'output', size: m.outputSize },
  ];
}
