/**
 * One meaning per colour, across every page (issue 15 §3). A colour is never reused for another meaning:
 * - = o / ≠ o (the two classes of a pair's histograms): blue / grey;
 * - forward (left context) / backward (right context): purple / teal;
 * - positive / negative activation or contribution: orange / green;
 * - this run's model / the rule baseline: dark / light grey.
 */
export const EQ = '#1f5fbf';
export const NE = '#9aa5b1';
export const FWD = '#7b3fa0';
export const BWD = '#0f8b8d';
export const POS = '#e0701b';
export const NEG = '#2a9d55';
export const MODEL = '#333a45';
export const BASELINE = '#c3c9d1';
/** Neither side decides: neutral. */
export const NEUTRAL = '#b9b9b9';
