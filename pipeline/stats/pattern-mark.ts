/**
 * Where a pattern occurs in the capture (made by `markPattern` in ./pattern.ts, read by ./analysis-pattern-layer.ts):
 * a module of its own so that neither of the two imports the other.
 */

export interface PatternWindow {
  sentence: number;
  /** Global step index of the window's first step, and the window length in steps. */
  step: number;
  length: number;
  /** Offset of the window within its sentence. */
  offset: number;
  input: string[];
  output: string[];
  inside: number[];
}

export interface PatternMark {
  pattern: string;
  /** 1 for every step inside an occurrence. */
  inside: Uint8Array;
  /** Per step: the input id (for the letter-matched comparison). */
  inputId: Int32Array;
  insideSteps: number;
  occurrences: number;
  windows: PatternWindow[];
}
