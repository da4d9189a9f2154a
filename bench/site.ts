/**
 * The report site's weight and build time over every committed run (`npm run bench -- --only site`): builds
 * artifacts/ (or $ARTIFACTS_DIR) into a scratch folder with `astro build`, as `make site` does, and measures
 * `siteMB` (all of site/dist), `siteFiles`, `siteHtmlMB`, `siteDownloadsMB`, `siteBuildSeconds` (wall) and the
 * machine's load average before the build (`siteLoadBefore`), since wall time on a shared machine measures the
 * neighbours too. Targets (issue 15): ≤ 150 MB and ≤ 45 s on the 2-core reference machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registerSection } from './registry.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Bytes and files under `dir`, and bytes per kind (.html, downloads/). */
export function weigh(dir: string): { bytes: number; files: number; html: number; downloads: number } {
  const out = { bytes: 0, files: 0, html: 0, downloads: 0 };
  const walk = (d: string, inDownloads: boolean): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, inDownloads || (d === dir && e.name === 'downloads'));
      else if (e.isFile()) {
        const size = statSync(p).size;
        out.bytes += size;
        out.files++;
        if (e.name.endsWith('.html')) out.html += size;
        if (inDownloads) out.downloads += size;
      }
    }
  };
  walk(dir, false);
  return out;
}

const MB = 1024 * 1024;

registerSection({
  name: 'site',
  optIn: true,
  async run() {
    const out = mkdtempSync(join(tmpdir(), 'translit-bench-site-'));
    const loadBefore = loadavg()[0];
    const t0 = performance.now();
    const r = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build', '--root', 'site', '--outDir', out, '--silent'], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`bench site: astro build failed (exit ${r.status ?? r.signal})`);
    const w = weigh(out);
    rmSync(out, { recursive: true, force: true });
    const res = {
      siteMB: Number((w.bytes / MB).toFixed(1)),
      siteFiles: w.files,
      siteHtmlMB: Number((w.html / MB).toFixed(1)),
      siteDownloadsMB: Number((w.downloads / MB).toFixed(1)),
      siteBuildSeconds: Number(seconds.toFixed(1)),
      siteLoadBefore: Number(loadBefore.toFixed(2)),
    };
    console.error(
      `site: ${res.siteMB} MB in ${res.siteFiles} files (HTML ${res.siteHtmlMB} MB, downloads ${res.siteDownloadsMB} MB), ` +
        `built in ${res.siteBuildSeconds} s (load average ${res.siteLoadBefore} before; targets ≤ 150 MB, ≤ 45 s on 2 cores)`,
    );
    return res;
  },
});
