/**
 * Text coloured by an activation, one column per character with the output under it (Karpathy et al.'s figures):
 * shared by the build (ActivationText, neuron pages) and the browser (neuron viewer, live page). Pure; all text escaped.
 */
import { activationClass } from './colours.ts';
import { esc } from './svg.ts';

const classAttr = (c: string) => (c ? ` class="${c}"` : '');

export function activationTextHtml(chars: string[], values: number[], below: string[] | null, max: number): string {
  const show = (ch: string | undefined) => (ch === undefined ? '' : ch === ' ' ? '\u00a0' : esc(ch));
  // Short markup (site.css styles .act-cols .col b / i and the colour classes): pages carry hundreds of these columns.
  return (
    '<div class="act-cols">' +
    chars
      .map(
        (ch, i) =>
          `<span class="col" title="${(values[i] ?? 0).toFixed(3)}"><b${classAttr(activationClass(values[i] ?? 0, max))}>${show(ch)}</b>` +
          (below ? `<i>${show(below[i])}</i>` : '') +
          '</span>',
      )
      .join('') +
    '</div>'
  );
}
