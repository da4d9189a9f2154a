/**
 * How a long line is cut into overlapping windows so that every character is predicted with context on both
 * sides. Dependency-free: the pipeline's transliteration, the capture and the site's live model (in the browser)
 * all cut lines with this one function, so they see the same states.
 */
export interface Piece {
  start: number;
  length: number;
  /** Positions [keepFrom, keepTo) of the line (absolute) are taken from this window. */
  keepFrom: number;
  keepTo: number;
}

/** The windows covering a line of `n` steps: every position is kept from exactly one window. */
export function planWindows(n: number, window: number, margin: number): Piece[] {
  if (n === 0) return [];
  if (window <= 2 * margin) throw new Error(`window (${window}) must be longer than twice the margin (${margin})`);
  const step = window - 2 * margin;
  const out: Piece[] = [];
  let keepFrom = 0;
  for (let s = 0; ; s += step) {
    if (s + window >= n) {
      const start = Math.max(0, n - window);
      out.push({ start, length: n - start, keepFrom, keepTo: n });
      return out;
    }
    out.push({ start: s, length: window, keepFrom, keepTo: s + window - margin });
    keepFrom = s + window - margin;
  }
}

/**
 * THE transliteration window rule, for a model trained on windows of `seqLen` steps: windows of 2·seqLen steps, the
 * outer seqLen/2 of each inner edge context only. The pipeline's transliteration (eval and the CLI), the capture,
 * the seams the beyond stage skips and the site's live page all take their windows from here.
 */
export function windowRule(seqLen: number): { window: number; margin: number } {
  return { window: 2 * seqLen, margin: Math.floor(seqLen / 2) };
}

/**
 * The windows a line of `n` steps is transliterated in: one window for the whole line when it fits (or when the
 * model's seqLen is unknown, `null`), else the overlapping windows of `windowRule(seqLen)`.
 */
export function translitWindows(n: number, seqLen: number | null): Piece[] {
  if (n === 0) return [];
  if (seqLen === null) return [{ start: 0, length: n, keepFrom: 0, keepTo: n }];
  const { window, margin } = windowRule(seqLen);
  return planWindows(n, window, margin);
}
