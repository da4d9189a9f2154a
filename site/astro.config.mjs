// The report: a static Astro site built from artifacts/<run>/ (or $ARTIFACTS_DIR, which tests point at a fixture).
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');
// Resolved here, once, because page code is bundled elsewhere and cannot find the repo from its own location.
process.env.ARTIFACTS_DIR = resolve(process.env.ARTIFACTS_DIR ?? resolve(repoRoot, 'artifacts'));

export default defineConfig({
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
