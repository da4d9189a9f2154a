import { z } from 'zod';
import { UserError } from '../errors.ts';

/**
 * What `artifacts/<run>/model/model.json` carries beyond the tf.layers model, in `userDefinedMetadata.translit`
 * (written by the train stage, pipeline/train/layers-io.ts): the one reader of it, for the pipeline and the site.
 */

/** The training window length. Inference cuts longer lines into windows of 2·seqLen (pipeline/train/windows.ts). */
export const SeqLen = z.int().min(2);

export const TranslitMetadata = z.object({
  /** The vocabularies (as align/vocab.json, without its schemaVersion), so the model directory is self-contained. */
  vocab: z.object({ input: z.array(z.string()).min(2), output: z.array(z.string()).min(2) }),
  seqLen: SeqLen,
  cell: z.enum(['lstm', 'gru', 'rnn']),
});
export type TranslitMetadata = z.infer<typeof TranslitMetadata>;

const WithMetadata = z.looseObject({ userDefinedMetadata: z.looseObject({ translit: z.unknown() }).optional() });

function rawMetadata(modelJson: unknown, file: string): unknown {
  const parsed = WithMetadata.safeParse(modelJson);
  if (!parsed.success) throw new UserError(file, 'not a model.json (userDefinedMetadata is not an object)');
  return parsed.data.userDefinedMetadata?.translit;
}

function check(raw: unknown, file: string): TranslitMetadata {
  const parsed = TranslitMetadata.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(file, `userDefinedMetadata.translit.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The metadata of a parsed model.json; a model without it, or with an invalid one, is an error naming the file. */
export function translitMetadataOf(modelJson: unknown, file: string): TranslitMetadata {
  const raw = rawMetadata(modelJson, file);
  if (raw === undefined) throw new UserError(file, 'has no translit metadata (vocab, seqLen, cell): it was not written by the train stage');
  return check(raw, file);
}

/**
 * The training window of a parsed model.json, or null for a model saved without metadata (then a line runs in one
 * piece, however long). Metadata that is there but invalid is an error naming the file.
 */
export function modelSeqLen(modelJson: unknown, file: string): number | null {
  const raw = rawMetadata(modelJson, file);
  return raw === undefined ? null : check(raw, file).seqLen;
}
