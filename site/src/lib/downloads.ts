/// <reference types="vite/client" />
/**
 * Chart downloads (data as CSV/JSON, Vega-Lite specs) as real files instead of data: URLs, which would triple the
 * weight of pages with many charts. Pages publish a file while they render; the `downloads` integration in
 * astro.config.mjs writes them all into the output folder when the build is done (same process, shared global).
 */
import { createHash } from 'node:crypto';

const KEY = '__translitSiteDownloads';
type Content = string | Uint8Array;
type Store = Map<string, Content>;

function store(): Store {
  const g = globalThis as unknown as Record<string, Store | undefined>;
  return (g[KEY] ??= new Map());
}

const same = (a: Content, b: Content) => (typeof a === 'string' || typeof b === 'string' ? a === b : Buffer.compare(a, b) === 0);

/** Register a file and return its site URL. Same path with different content → a content-hashed name instead. */
export function publishDownload(path: string, content: Content): string {
  const safe = path.replace(/[^A-Za-z0-9._/-]+/g, '_');
  let rel = `downloads/${safe}`;
  const files = store();
  const prev = files.get(rel);
  if (prev !== undefined && !same(prev, content)) {
    const h = createHash('sha256').update(content).digest('hex').slice(0, 8);
    rel = rel.replace(/(\.[a-z.]+)$/, `.${h}$1`);
  }
  files.set(rel, content);
  return (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/') + rel;
}
