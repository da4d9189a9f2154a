/**
 * exp(x) to ~1.3e-9 relative error (far below float32 rounding), ~2.5× faster than Math.exp in V8: the LSTM's
 * five sigmoid/tanh per unit and step were the largest JS cost of the forward pass. Range reduction
 * x = (k/8)·ln2 + r with |r| ≤ ln2/16 (ln2 split in two for accuracy), e^r by its degree-4 Taylor polynomial
 * (truncation error < 0.0434⁵/5! ≈ 1.3e-9), 2^(k/8) from an 18 KB table. Inputs are clamped to [−100, 100],
 * where the sigmoid and tanh built on it are saturated anyway.
 */

const K_MAX = 1160; // > 8 · 100 · log2(e)
const POW2_EIGHTHS = Float64Array.from({ length: 2 * K_MAX + 1 }, (_, i) => 2 ** ((i - K_MAX) / 8));
const EIGHT_LOG2E = 8 * Math.LOG2E;
const LN2_8_HI = 0.693145751953125 / 8;
const LN2_8_LO = 1.4286068203094172321e-6 / 8;

export function fastExp(x: number): number {
  if (x > 100) x = 100;
  else if (x < -100) x = -100;
  const k = Math.floor(x * EIGHT_LOG2E + 0.5);
  const r = x - k * LN2_8_HI - k * LN2_8_LO;
  return (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24))))) * POW2_EIGHTHS[k + K_MAX];
}

export function sigmoid(x: number): number {
  return 1 / (1 + fastExp(-x));
}

/** tanh through one exp (V8's Math.tanh is slower still); saturates cleanly to ±1. */
export function tanh(x: number): number {
  return 1 - 2 / (fastExp(2 * x) + 1);
}
