import { createReadStream, existsSync, statSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import sax from 'sax';
import unbzip2 from 'unbzip2-stream';
import { UserError } from '../lib/errors.ts';
import { isDisambiguation, isRedirect, stripWikiMarkup } from './wikitext.ts';

/** Longest article text kept (characters); the rest of a giant page is skipped rather than held in memory. */
const MAX_PAGE_CHARS = 4_000_000;

export interface WikiArticle {
  title: string;
  /** Plain text, one paragraph per line. */
  text: string;
}

/** The dump's bytes, decompressed on the fly when the name ends in .bz2. */
function openDump(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  if (!path.endsWith('.bz2')) return file;
  const out = new PassThrough();
  const bz = unbzip2();
  const fail = (err: unknown) =>
    out.destroy(new UserError(path, `cannot decompress bzip2 (${err instanceof Error ? err.message : String(err)})`));
  file.on('error', (err) => out.destroy(err));
  bz.on('error', fail);
  // When the reader stops early (maxPages), stop reading and decompressing the rest of the dump too.
  out.on('close', () => {
    file.unpipe();
    file.destroy();
  });
  file.pipe(bz).pipe(out);
  return out;
}

/**
 * Stream the articles (namespace 0, not redirects, not disambiguation pages) of a MediaWiki XML dump (.xml or .xml.bz2) as plain text.
 * The dump is parsed with sax chunk by chunk, so only one page is ever held in memory.
 */
export async function* readWikipediaArticles(path: string, maxPages = 0): AsyncGenerator<WikiArticle> {
  if (!existsSync(path)) throw new UserError(path, 'Wikipedia dump not found');
  if (!statSync(path).isFile()) throw new UserError(path, 'Wikipedia dump is not a regular file');
  const parser = sax.parser(true, { trim: false, normalize: false });
  const ready: WikiArticle[] = [];
  let sawMediaWiki = false;
  let inPage = false;
  let field: 'title' | 'ns' | 'text' | null = null;
  let title = '';
  let ns = '';
  let text = '';
  let redirect = false;
  parser.onopentag = (tag) => {
    const name = tag.name;
    if (name === 'mediawiki') sawMediaWiki = true;
    else if (name === 'page') {
      inPage = true;
      title = ns = text = '';
      redirect = false;
    } else if (inPage && (name === 'title' || name === 'ns' || name === 'text')) field = name;
    else if (inPage && name === 'redirect') redirect = true;
  };
  const onText = (t: string) => {
    if (field === 'title') title += t;
    else if (field === 'ns') ns += t;
    else if (field === 'text' && text.length < MAX_PAGE_CHARS) text += t;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = (name) => {
    if (name === 'title' || name === 'ns' || name === 'text') field = null;
    else if (name === 'page') {
      inPage = false;
      if (ns.trim() === '0' && !redirect && !isRedirect(text) && !isDisambiguation(text, title))
        ready.push({ title: title.trim(), text: stripWikiMarkup(text) });
    }
  };
  parser.onerror = (err) => {
    throw new UserError(path, `not a well-formed MediaWiki XML dump (${err.message.split('\n').join(' ')})`);
  };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = openDump(path);
  let pages = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let s: string;
      try {
        s = decoder.decode(chunk, { stream: true });
      } catch {
        throw new UserError(path, 'not valid UTF-8');
      }
      parser.write(s);
      while (ready.length) {
        yield ready.shift()!;
        if (maxPages > 0 && ++pages >= maxPages) return;
      }
    }
    parser.close();
    while (ready.length) {
      yield ready.shift()!;
      if (maxPages > 0 && ++pages >= maxPages) return;
    }
  } finally {
    stream.destroy();
  }
  if (!sawMediaWiki) throw new UserError(path, 'not a MediaWiki XML dump (no <mediawiki> root element)');
}
