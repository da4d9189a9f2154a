// The report: a static Astro site built from artifacts/<run>/ (or $ARTIFACTS_DIR, which tests point at a fixture).
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');
// Resolved here, once, because page code is bundled elsewhere and cannot find the repo from its own location.
process.env.ARTIFACTS_DIR = resolve(process.env.ARTIFACTS_DIR ?? resolve(repoRoot, 'artifacts'));

/** Writes the chart downloads that pages registered while rendering (see src/lib/downloads.ts). */
const downloads = {
  name: 'translit-downloads',
  hooks: {
    'astro:build:done': ({ dir, logger }) => {
      const files = globalThis.__translitSiteDownloads ?? new Map();
      const out = fileURLToPath(dir);
      for (const [rel, content] of files) {
        const path = join(out, rel);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
      logger.info(`${files.size} chart downloads written`);
    },
  },
};

// SITE_BASE=/translit-neurons/ builds the site for a sub-path (a GitHub Pages project site); every link goes through
// src/lib/urls.ts, which prefixes it.
// A BASE_URL in the environment (vitest sets one to '/') would override `base` in the pages' import.meta.env.
delete process.env.BASE_URL;
const base = process.env.SITE_BASE ? `/${process.env.SITE_BASE.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/') : '/';

export default defineConfig({
  base,
  integrations: [downloads],
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'auto' },
  // Pages import the pipeline's zod schemas and readArtifact from ../pipeline/lib.
  vite: {
    server: { fs: { allow: [repoRoot] } },
    build: { chunkSizeWarningLimit: 2000 },
  },
  devToolbar: { enabled: false },
});
