/**
 * The report site's weight and build time over every committed run (`npm run bench -- --only site`): builds
 * artifacts/ (or $ARTIFACTS_DIR) into a scratch folder with `astro build`, as `make site` does, and measures
 * `siteMB` (all of site/dist), `siteFiles`, `siteHtmlMB`, `siteDownloadsMB`, `siteBuildSeconds` (wall),
 * `siteCpuSeconds` (user + system CPU of the build's processes), `siteDiskMB` (`du -sm`, the measure: small
 * files take a whole block) and the machine's load average before the build (`siteLoadBefore`): wall time on a
 * shared machine measures the neighbours too, CPU time mostly does not. Targets (issue 15): ≤ 150 MB (`du -sm`) and
 * ≤ 45 s on the 2-core reference machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/**
 * User + system CPU seconds of this process's waited-for children so far (Linux /proc/self/stat cutime + cstime, in
 * clock ticks); null elsewhere. The difference around a spawnSync is that child's CPU, its own children included.
 */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // After "pid (comm) ", field 3 (state) is index 0: cutime (field 16) and cstime (field 17) are indices 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / ticks;
  } catch {
    return null;
  }
}

registerSection({
  name: 'site',
  optIn: true,
  async run() {
    const out = mkdtempSync(join(tmpdir(), 'translit-bench-site-'));
    const loadBefore = loadavg()[0];
    const cpu0 = childCpuSeconds();
    const t0 = performance.now();
    const r = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build', '--root', 'site', '--outDir', out, '--silent'], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = childCpuSeconds();
    if (r.status !== 0) throw new Error(`bench site: astro build failed (exit ${r.status ?? r.signal})`);
    const w = weigh(out);
    const du = spawnSync('du', ['-sm', out], { encoding: 'utf8' });
    const diskMB = du.status === 0 ? Number(du.stdout.split('\t')[0]) : null;
    rmSync(out, { recursive: true, force: true });
    const res = {
      siteMB: Number((w.bytes / MB).toFixed(1)),
      siteDiskMB: diskMB ?? 'n/a',
      siteFiles: w.files,
      siteHtmlMB: Number((w.html / MB).toFixed(1)),
      siteDownloadsMB: Number((w.downloads / MB).toFixed(1)),
      siteBuildSeconds: Number(seconds.toFixed(1)),
      siteCpuSeconds: cpu0 === null || cpu1 === null ? 'n/a' : Number((cpu1 - cpu0).toFixed(1)),
      siteLoadBefore: Number(loadBefore.toFixed(2)),
    };
    console.error(
      `site: ${res.siteMB} MB (du ${res.siteDiskMB} MB) in ${res.siteFiles} files (HTML ${res.siteHtmlMB} MB, downloads ${res.siteDownloadsMB} MB), ` +
        `built in ${res.siteBuildSeconds} s wall, ${res.siteCpuSeconds} s CPU (load average ${res.siteLoadBefore} before; targets ≤ 150 MB, ≤ 45 s on 2 cores)`,
    );
    return res;
  },
});
