/**
 * Latin tokens that no reading of romanized Armenian can produce, found in typed input so that decoding may copy
 * them through unchanged: URLs, e-mail addresses, file names and extensions, CamelCase identifiers, and tokens
 * mixing letters with digits other than 4 (4 stands for ճ/չ: "4ash" is ճաշ). Only unambiguous shapes: an
 * ALL-CAPS word ("HTTPS" or "ANJATVATS") or a plain word ("online" or "oնլայն") is left to the model, which
 * learns those from the corpus (pipeline/corpus/latin.ts). Pure; the transliteration path decides how to use it.
 */

export interface Span {
  /** Code-unit offsets into the input: text.slice(start, end) is the token. */
  start: number;
  end: number;
}

const URL = /^(?:(?:https?|ftp):\/\/\S+|www\.[\w-]+(?:\.[\w-]+)+\S*|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|am|ru|io|edu|gov|info|de|fr|uk|eu|dev|app)(?:\/\S*)?)$/i;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i;
const EXTENSIONS =
  'pdf|txt|docx?|xlsx?|pptx?|od[tsp]|rtf|jpe?g|png|svg|gif|webp|bmp|ico|mp[34]|wav|ogg|flac|avi|mkv|mov|webm|zip|rar|7z|tar|gz|bz2|xz|tgz|html?|css|js|mjs|ts|json|xml|csv|tsv|ya?ml|ini|cfg|conf|ics|vcf|exe|msi|deb|rpm|apk|dmg|iso|py|rb|java|cpp|md|epub|ttf|otf|woff2?|sql|db|log|po|mo';
const FILE = new RegExp(`^(?:\\*|[\\w-]*[A-Za-z0-9])?(?:\\.[\\w-]+)*\\.(?:${EXTENSIONS})$`, 'i');
/**
 * A lower-case letter followed by a capital, with a run of two lower-case letters somewhere ("IIRFilterNode",
 * "iPhone"); "ShUT" (an ALL-CAPS word typed with a title-case digraph) has no such run.
 */
const CAMEL = /[a-z][A-Z]/;
const LOWER_RUN = /[a-z]{2}/;
const DIGIT_NOT_4 = /[0-35-9]/;
const LETTER = /[A-Za-z]/;

/** Punctuation around a token that is not part of it: brackets, quotes, and a sentence-final mark. */
const LEADING = /^[(\["'«“‘<]+/u;
const TRAILING = /[)\]"'»”’>,;!?]+$|[.:]+$/u;

/** Whether a bare token (no surrounding punctuation) must stay Latin. */
export function isKeptLatin(token: string): boolean {
  if (!LETTER.test(token)) return false;
  if (URL.test(token) || EMAIL.test(token) || FILE.test(token)) return true;
  if (CAMEL.test(token) && LOWER_RUN.test(token) && /^[A-Za-z0-9]+$/.test(token)) return true;
  // A number with an Armenian ending after a hyphen ("2-rd" 2-րդ, "1990-akan") is Armenian, not a Latin token.
  if (/^\d+[-֊]/u.test(token)) return false;
  // Nor is an ending after a final hyphen part of the token ("COVID-19-ic", "XI7-NER" in an ALL-CAPS line).
  if (/-[A-Za-z@]+$/.test(token)) return false;
  return DIGIT_NOT_4.test(token) && /^[A-Za-z0-9.+-]+$/.test(token);
}

/** The spans of kept-Latin tokens in a line of typed input, surrounding punctuation excluded. */
export function keptLatinSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    let token = m[0];
    let start = m.index;
    const lead = LEADING.exec(token)?.[0].length ?? 0;
    token = token.slice(lead);
    start += lead;
    // Strip trailing marks repeatedly: "(.ics)," ends in ")," and "example.org." in ".".
    for (let t = TRAILING.exec(token); t && t[0].length < token.length; t = TRAILING.exec(token))
      token = token.slice(0, t.index);
    // A token with an Armenian ending after a hyphen ("iPhone-i", "IIRFilterNode-@"): the part before it.
    for (let cut = token.length; cut > 0; cut = token.lastIndexOf('-', cut - 1)) {
      if (isKeptLatin(token.slice(0, cut))) {
        spans.push({ start, end: start + cut });
        break;
      }
    }
  }
  return spans;
}
