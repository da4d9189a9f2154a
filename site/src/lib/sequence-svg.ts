/**
 * A pattern sample as the post draws it (and Karpathy et al.): the output on top, the input under it, then one row of
 * cells per unit coloured by its row-scaled activation, the pattern's span framed. Hand-written SVG: the Vega figure
 * it replaces weighed ~250 KB a sample (a run's sequences page ~1.2 MB); this is a tenth of that, hover titles (the raw value; row and letters are in
 * view) kept.
 */
import { NEG, POS } from './palette.ts';
import { esc } from './svg.ts';

export interface SequenceSample {
  /** One entry per position. */
  input: string[];
  output: string[];
  inside: boolean[];
  /** One row per unit: its name, raw activations and the same divided by the row's largest |activation|. */
  rows: { name: string; values: number[]; relative: number[] }[];
  label: string;
}

const BASE = [0xf4, 0xf4, 0xf4];
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const [POS_RGB, NEG_RGB] = [rgb(POS), rgb(NEG)];

/** #f4f4f4 (0) → orange (+1) or green (−1), in 20 steps (fewer distinct colours, shorter markup). */
export function divergingColour(r: number): string {
  const t = Math.round(Math.min(1, Math.abs(r)) * 20) / 20;
  const to = r >= 0 ? POS_RGB : NEG_RGB;
  return '#' + BASE.map((b, i) => Math.round(b + (to[i] - b) * t).toString(16).padStart(2, '0')).join('');
}

export function sequenceSvg(s: SequenceSample): string {
  const C = 16, L = 170, T = 2;
  const n = s.input.length;
  const W = L + n * C + 2;
  const H = T + (2 + s.rows.length) * C + 30;
  const show = (ch: string | undefined) => esc(ch === undefined ? '' : ch === ' ' ? '␣' : ch);
  const out: string[] = [`<svg class="seq" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(s.label)}">`];
  const textRow = (y: number, name: string, chars: string[]) => {
    out.push(`<text x="${L - 6}" y="${y + 12}" class="e">${name}</text>`);
    chars.forEach((ch, i) => out.push(`<text x="${L + i * C + C / 2}" y="${y + 12}"${s.inside[i] ? ' class="in"' : ''}>${show(ch)}</text>`));
  };
  textRow(T, 'output', s.output);
  textRow(T + C, 'input', s.input);
  s.rows.forEach((row, r) => {
    const y = T + (2 + r) * C;
    out.push(`<text x="${L - 6}" y="${y + 12}" class="e">${esc(row.name)}</text>`);
    row.values.forEach((v, i) =>
      out.push(`<rect x="${L + i * C}" y="${y}" width="${C}" height="${C}" fill="${divergingColour(row.relative[i] ?? 0)}"><title>${v.toFixed(3)}</title></rect>`),
    );
  });
  // The pattern's span framed over every row (it is contiguous in a sample window; framed per run of positions).
  for (let i = 0; i < n; i++) {
    if (!s.inside[i] || s.inside[i - 1]) continue;
    let j = i;
    while (s.inside[j + 1]) j++;
    out.push(`<rect class="span" x="${L + i * C}" y="${T}" width="${(j - i + 1) * C}" height="${(2 + s.rows.length) * C}"/>`);
  }
  // Colour key.
  const ky = T + (2 + s.rows.length) * C + 10;
  out.push(
    `<rect x="${L}" y="${ky}" width="12" height="12" fill="${divergingColour(-1)}"/><text x="${L + 16}" y="${ky + 10}" class="s">−1</text>` +
      `<rect x="${L + 40}" y="${ky}" width="12" height="12" fill="${divergingColour(0)}"/><text x="${L + 56}" y="${ky + 10}" class="s">0</text>` +
      `<rect x="${L + 72}" y="${ky}" width="12" height="12" fill="${divergingColour(1)}"/><text x="${L + 88}" y="${ky + 10}" class="s">+1 (activation ÷ the row's largest |activation|)</text>`,
  );
  out.push('</svg>');
  return out.join('');
}
