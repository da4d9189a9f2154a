/**
 * MediaWiki markup → plain text, one paragraph per line, the way WikiExtractor does it without template expansion
 * (that needs the templates themselves): templates, tables, references, files/images, galleries, categories and
 * interlanguage links are dropped; links and formatting keep their visible text; the parentheses and commas that
 * dropped templates leave behind are tidied; the trailing reference-type sections (notes, references, literature,
 * external links, see also) are dropped, as they are lists of citations and links, not prose. Redirect and
 * disambiguation pages are recognised here and skipped by the dump reader.
 */

/** Tags whose content is not running text: self-closing forms, then open…close spans (an unclosed one runs to the end). */
const DROP_CONTENT_TAGS = ['ref', 'math', 'gallery', 'timeline', 'score', 'syntaxhighlight', 'source', 'pre', 'code',
  'chem', 'hiero', 'graph', 'mapframe', 'imagemap', 'references', 'noinclude', 'templatedata', 'poem'];
const DROP_CONTENT_RES = DROP_CONTENT_TAGS.flatMap((tag) => [
  new RegExp(`<${tag}\\b[^>]*/>`, 'gi'),
  new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?(?:</${tag}\\s*>|$)`, 'gi'),
]);

/** Link namespaces (English and Armenian names) whose links are not text: files, images, categories. */
const DROP_LINK_NS = /^\s*:?\s*(file|image|media|category|պատկեր|նիշք|ֆայլ|կատեգորիա|մեդիա)\s*:/iu;
/** Interlanguage links such as [[en:Armenia]] (a short lowercase language code). */
const INTERWIKI = /^\s*[a-z]{2,3}(?:-[a-z]{2,8})*\s*:/;

const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', laquo: '«', raquo: '»',
  hellip: '…', thinsp: ' ', ensp: ' ', emsp: ' ', shy: '', zwj: '', zwnj: '', lrm: '', rlm: '', times: '×',
  minus: '−', deg: '°', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', euro: '€', para: '¶', sect: '§',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/**
 * Remove balanced `open … close` spans, nested to any depth, in one linear scan (regexes cannot count nesting).
 * An unclosed span runs to the end of the text, as MediaWiki would render it as garbage anyway.
 */
export function removeNested(text: string, open: string, close: string): string {
  let depth = 0;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith(open, i)) {
      if (depth === 0) out += text.slice(from, i);
      depth++;
      i += open.length;
    } else if (depth > 0 && text.startsWith(close, i)) {
      depth--;
      i += close.length;
      if (depth === 0) from = i;
    } else i++;
  }
  if (depth === 0) out += text.slice(from);
  return out;
}

/** Tables: `{|` at a line start opens, `|}` at a line start closes (nested tables included). */
function removeTables(text: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const line of text.split('\n')) {
    const t = line.trimStart();
    if (t.startsWith('{|')) depth++;
    else if (depth > 0 && t.startsWith('|}')) depth--;
    else if (depth === 0) out.push(line);
  }
  return out.join('\n');
}

/** Links, innermost first, so a link inside a file caption is resolved before the file link itself is dropped. */
function resolveLinks(text: string): string {
  const inner = /\[\[([^[\]]*)\]\]/g;
  for (let guard = 0; guard < 50 && text.includes('[['); guard++) {
    const next = text.replace(inner, (_m, body: string) => {
      if (DROP_LINK_NS.test(body) || INTERWIKI.test(body)) return '';
      const bar = body.indexOf('|');
      // [[Target|label]] → label; [[Target]] → Target (a leading ':' only escapes the namespace).
      const shown = bar >= 0 ? body.slice(bar + 1) : body.replace(/^\s*:/, '');
      return shown.includes('|') ? shown.slice(shown.lastIndexOf('|') + 1) : shown;
    });
    if (next === text) break;
    text = next;
  }
  return text.replace(/\[\[|\]\]/g, '');
}

/** Section titles (Armenian and English) whose content is citations and links, not prose. */
const NON_PROSE_SECTIONS =
  /^(ծանոթագրություններ|ծանոթություններ|նշումներ|աղբյուրներ|գրականություն|արտաքին հղումներ|հղումներ|տես նաև|references|notes|sources|bibliography|further reading|external links|see also)$/iu;

/** Drop every section whose title is in NON_PROSE_SECTIONS, up to the next heading of the same or a higher level. */
function dropNonProseSections(text: string): string {
  const out: string[] = [];
  let skipLevel = 0;
  for (const line of text.split('\n')) {
    const h = /^(={2,6})\s*(.*?)\s*\1\s*$/.exec(line.trim());
    if (h) {
      const level = h[1].length;
      if (skipLevel && level > skipLevel) continue;
      skipLevel = NON_PROSE_SECTIONS.test(h[2].replace(/'{2,}/g, '').trim()) ? level : 0;
    }
    if (!skipLevel) out.push(line);
  }
  return out.join('\n');
}

/** What dropped templates and references leave: empty brackets, doubled commas, spaces before punctuation. */
function tidy(line: string): string {
  return line
    .replace(/\(\s*(?:[,;:]\s*)*\)/g, '')
    .replace(/«\s*»/g, '')
    .replace(/\(\s*[,;]\s*/g, '(')
    .replace(/\s*[,;]\s*\)/g, ')')
    .replace(/,(\s*,)+/g, ',')
    .replace(/\s+([,;։:.!?)»]+)(?=\s|$)/gu, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function stripWikiMarkup(src: string): string {
  let t = src.replace(/\r\n?/g, '\n');
  t = t.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const re of DROP_CONTENT_RES) t = t.replace(re, '');
  t = removeNested(t, '{{', '}}');
  t = removeTables(t);
  t = dropNonProseSections(t);
  t = resolveLinks(t);
  // External links: [url label] → label, [url] → nothing; bare URLs stay (they are Latin tokens).
  t = t.replace(/\[(?:https?:|ftp:)?\/\/[^\s\]]+(?:\s+([^\]]*))?\]/gi, (_m, label?: string) => label ?? '');
  t = t.replace(/<br\s*\/?>/gi, ' ');
  t = t.replace(/<\/?[a-z][a-z0-9]*\b[^>]*>/gi, '');
  t = t.replace(/'{2,}/g, '');
  t = t.replace(/__[A-ZԱ-Ֆ]+__/gu, '');
  const lines: string[] = [];
  for (const raw of t.split('\n')) {
    let line = raw.trim();
    if (!line) continue;
    if (/^=+.*=+$/.test(line)) continue; // heading
    if (/^[|!]/.test(line) || line.startsWith('----')) continue; // table remnants, rules
    line = line.replace(/^[*#:;]+\s*/, ''); // list and indent markers
    line = tidy(decodeEntities(line));
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

/** Disambiguation templates (English and Armenian Wikipedia names), matched on the raw page. */
const DISAMBIGUATION =
  /\{\{\s*(disambig(uation)?|dab|disamb|set index|բազմիմաստություն|բազմիմաստ|երկիմաստություն|անվանակիցներ)\s*(\||\}\})|__DISAMBIG__/iu;

/** A disambiguation page: a list of links to the articles a title may mean, not prose (WikiExtractor drops them). */
export function isDisambiguation(text: string, title = ''): boolean {
  return DISAMBIGUATION.test(text) || /\((disambiguation|այլ կիրառումներ)\)$/iu.test(title.trim());
}

/** MediaWiki redirect pages start with #REDIRECT (or a localised word such as #ՎԵՐԱՀՂՈՒՄ). */
export function isRedirect(text: string): boolean {
  return /^\s*#\s*(redirect|վերահղում)/iu.test(text);
}
