/**
 * Text coloured by an activation, one column per character with the output under it (Karpathy et al.'s figures):
 * shared by the build (ActivationText, neuron pages) and the browser (neuron viewer, live page). Pure; all text escaped.
 */
import { activationColour } from './colours.ts';
import { esc } from './svg.ts';

export function activationTextHtml(chars: string[], values: number[], below: string[] | null, max: number): string {
  const show = (ch: string | undefined) => (ch === undefined ? '' : ch === ' ' ? '\u00a0' : esc(ch));
  // Short markup (site.css styles .act-cols .col b / i): pages carry hundreds of these columns.
  return (
    '<div class="act-cols">' +
    chars
      .map(
        (ch, i) =>
          `<span class="col" title="${(values[i] ?? 0).toFixed(3)}"><b style="background:${activationColour(values[i] ?? 0, max)}">${show(ch)}</b>` +
          (below ? `<i>${show(below[i])}</i>` : '') +
          '</span>',
      )
      .join('') +
    '</div>'
  );
}
