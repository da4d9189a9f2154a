/** The activation colours of every text strip and the live page: orange for positive, green for negative. */
export const POSITIVE = '#e0701b';
export const NEGATIVE = '#2a9d55';

/** Background of a character whose activation is v, on a scale whose largest magnitude is max. */
export function activationColour(v: number, max: number): string {
  const a = String(Math.round(Math.min(1, Math.abs(v) / (max || 1)) * 100) / 100);
  return v >= 0 ? `rgba(224,112,27,${a})` : `rgba(42,157,85,${a})`;
}

/**
 * The same colour as a class (site.css `.act-cols b.p1`…`.p10`, `.n1`…`.n10`: tenths of the scale), so a text strip's
 * character costs a short class instead of an inline rgba() style; '' for |v| under a twentieth of the scale.
 */
export function activationClass(v: number, max: number): string {
  const level = Math.round(Math.min(1, Math.abs(v) / (max || 1)) * 10);
  return level === 0 ? '' : `${v >= 0 ? 'p' : 'n'}${level}`;
}

/** The colour key shown beside every strip: what the two colours mean, and the scale's ends. */
export function activationKeyHtml(max: number): string {
  const m = max.toFixed(2);
  return (
    `<span class="colour-key" aria-label="colour key"><span class="swatch" style="background:${activationColour(-max, max)}"></span>` +
    ` −${m} (negative) <span class="swatch" style="background:rgba(0,0,0,0.04)"></span> 0 ` +
    `<span class="swatch" style="background:${activationColour(max, max)}"></span> +${m} (positive)</span>`
  );
}
