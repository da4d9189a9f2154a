import type { Vocab } from './data.ts';
import { transliterate, type Predictor } from './translit.ts';

/**
 * `translit` over a stream of text, one output line per input line, in chunks of whole lines: memory is bounded
 * by the chunk (and by the longest line), not the file. Windows line endings are kept out of the model and put
 * back; the output ends with a line break exactly when the input does (empty input → empty output).
 */
export async function transliterateStream(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  write: (text: string) => void | Promise<void>,
  model: { predictor: Predictor; vocab: Vocab; seqLen: number },
  chunkChars = 1 << 20,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  const flush = async (text: string, final: boolean): Promise<void> => {
    // `text` holds whole lines, each ending in \n, except (when final) a last one without.
    const lines = text.split('\n');
    const last = lines.pop()!;
    if (final && last !== '') lines.push(last);
    if (lines.length === 0) return;
    const cr = lines.map((l) => l.endsWith('\r'));
    const out = await transliterate(
      lines.map((l, i) => (cr[i] ? l.slice(0, -1) : l)),
      model.predictor,
      model.vocab,
      { seqLen: model.seqLen },
    );
    const ends = lines.map((_, i) => (i < lines.length - 1 || !final || last === '' ? '\n' : ''));
    await write(out.map((l, i) => l + (cr[i] ? '\r' : '') + ends[i]).join(''));
  };
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (pending.length < chunkChars) continue;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) continue; // one line longer than a chunk: it is read whole
    await flush(pending.slice(0, cut + 1), false);
    pending = pending.slice(cut + 1);
  }
  pending += decoder.decode();
  await flush(pending, true);
}
