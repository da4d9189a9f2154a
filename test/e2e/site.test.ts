/**
 * End to end: run the real pipeline on config/tiny.json (in a scratch root, so the repo's artifacts are untouched),
 * add a synthetic run with hostile text and a partial run with only its first stages, build the site from them under
 * a sub-path (as a GitHub Pages project site is served), serve it with a plain static server at that sub-path, and
 * check the pages in headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as vl from 'vega-lite';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveDir } from './static-server.ts';
import { KARPATHY, POST, RNNVIS } from '../../site/src/lib/refs.ts';
import { SCRIPT_SENTENCE, writeSyntheticRun } from './synthetic-run.ts';
import { STAGE_NAMES } from '../../pipeline/stages.ts';

const REPO = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
/** The pipeline's scratch root is shared between runs (its own cache and lock make reruns cheap and safe)... */
const SCRATCH = join(tmpdir(), 'translit-neurons-e2e');
/** ...the site's inputs and output are private to this test run. */
const MINE = mkdtempSync(join(tmpdir(), 'translit-neurons-site-'));
const ARTIFACTS = join(MINE, 'artifacts');
const DIST = join(MINE, 'dist');
/** The site is built and served under a sub-path: every test also checks that links and assets resolve there. */
const BASE = '/translit-neurons/';
/** A site path (`runs/tiny/`) as the browser asks for it. */
const at = (path: string) => BASE + path.replace(/^\//, '');

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let buildLog = '';

/** The pipeline on config/tiny.json in SCRATCH/root (links to the repo's code and config; its own artifacts/.cache). */
function runTinyPipeline(): string {
  const missing = STAGE_NAMES.filter((s) => !existsSync(join(REPO, 'pipeline', s, 'stage.ts')));
  if (missing.length)
    throw new Error(`the pipeline is not complete (no pipeline/<stage>/stage.ts for: ${missing.join(', ')}); the site test needs a tiny run`);
  const root = join(SCRATCH, 'root');
  mkdirSync(root, { recursive: true });
  for (const link of ['pipeline', 'config', 'node_modules', 'package.json']) {
    const path = join(root, link);
    // Re-point links left by a run from another checkout.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() && readlinkSync(path) !== join(REPO, link)) rmSync(path);
    if (!lstatSync(path, { throwIfNoEntry: false })) symlinkSync(join(REPO, link), path);
  }
  execFileSync(join(REPO, 'node_modules/.bin/tsx'), ['pipeline/run.ts', '--config', 'config/tiny.json'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 540_000,
  });
  return join(root, 'artifacts', 'tiny');
}

async function openPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(server.url + at(path), { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  return { page, errors };
}

/** The build's environment, without vitest's own BASE_URL=/ (it would override SITE_BASE in the pages). */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ARTIFACTS_DIR: ARTIFACTS, SITE_BASE: BASE, ASTRO_TELEMETRY_DISABLED: '1' };
  delete env.BASE_URL;
  return env;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (not npx playwright install)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  cpSync(runTinyPipeline(), join(ARTIFACTS, 'tiny'), { recursive: true });
  await writeSyntheticRun(ARTIFACTS, 'synthetic');
  // A claim the tiny run also checks, with the opposite verdict: the compare page must list it as flipped.
  const claimsOf = (run: string) => JSON.parse(readFileSync(join(ARTIFACTS, run, 'claims.json'), 'utf8')) as { claims: { id: string; pass: boolean }[] };
  const synClaims = claimsOf('synthetic');
  const tinyClaim = claimsOf('tiny').claims[0];
  synClaims.claims.push({ ...tinyClaim, pass: !tinyClaim.pass });
  writeFileSync(join(ARTIFACTS, 'synthetic/claims.json'), JSON.stringify(synClaims));
  // A run whose later stages have not run: only the manifest and the vocabulary.
  mkdirSync(join(ARTIFACTS, 'partial/align'), { recursive: true });
  cpSync(join(ARTIFACTS, 'tiny/manifest.json'), join(ARTIFACTS, 'partial/manifest.json'));
  cpSync(join(ARTIFACTS, 'tiny/align/vocab.json'), join(ARTIFACTS, 'partial/align/vocab.json'));
  // A run whose model was trained on another vocabulary (one output symbol fewer in vocab.json than in the model).
  mkdirSync(join(ARTIFACTS, 'mismatch/align'), { recursive: true });
  cpSync(join(ARTIFACTS, 'tiny/manifest.json'), join(ARTIFACTS, 'mismatch/manifest.json'));
  cpSync(join(ARTIFACTS, 'tiny/model'), join(ARTIFACTS, 'mismatch/model'), { recursive: true });
  const vocab = JSON.parse(readFileSync(join(ARTIFACTS, 'tiny/align/vocab.json'), 'utf8')) as { output: string[] };
  vocab.output.pop();
  writeFileSync(join(ARTIFACTS, 'mismatch/align/vocab.json'), JSON.stringify(vocab));
  buildLog = execFileSync(join(REPO, 'node_modules/.bin/astro'), ['build', '--root', 'site', '--outDir', DIST], {
    cwd: REPO,
    env: buildEnv(),
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: 300_000,
  });
  server = await serveDir(DIST, BASE);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(MINE, { recursive: true, force: true });
});

describe('the report site', () => {
  it('lists every run, the default first, and builds pages for each', () => {
    expect(buildLog).toMatch(/Complete!/);
    for (const run of ['tiny', 'synthetic', 'partial', 'mismatch']) expect(existsSync(join(DIST, 'runs', run, 'index.html')), run).toBe(true);
  });

  it('overview: charts, accuracies, the post sentences, claims; no console errors', async () => {
    const { page, errors } = await openPage('/runs/tiny/');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('figure.chart svg rect, figure.chart svg path').count()).toBeGreaterThan(3);
    const text = await page.locator('main').innerText();
    expect(text).toContain('es sirum em Deep Learning');
    expect(text).toContain('Barev Dzez');
    expect(text).toMatch(/Characters: [\d.]+%/);
    // The post sentences' model outputs contain Armenian letters.
    expect(text).toMatch(/[\u0531-\u0587]/);
    const csv = await page.locator('a[download][href$=".csv"]').first().getAttribute('href');
    expect((await page.request.get(server.url + csv!)).status()).toBe(200);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('home page: findings first, naming the #70 counterpart and linking the post and both papers', async () => {
    for (const path of ['/runs/synthetic/']) {
      const { page, errors } = await openPage(path);
      const fact = page.locator('[data-fact="neuron-70"]');
      expect(await fact.innerText()).toMatch(/neuron #70[\s\S]*fwd\.h #1/);
      const unit = await fact.locator('a[data-unit="neuron-70"]').getAttribute('href');
      expect((await page.request.get(server.url + unit!.split('#')[0])).status()).toBe(200);
      for (const ref of [POST, KARPATHY, RNNVIS]) expect(await page.locator(`main a[href="${ref.url}"]`).count(), ref.url).toBeGreaterThan(0);
      // The findings open the page; the configuration comes last, folded.
      const findingsFirst = await page.evaluate(() => {
        const f = document.querySelector('[data-findings]');
        const c = document.querySelector('details.config');
        return !!f && !!c && !(c as HTMLDetailsElement).open && (f.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
      expect(findingsFirst).toBe(true);
      // A mistaken sentence shows which characters differ.
      expect(await page.locator('mark.diff').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('the tiny run: the report stage wrote its findings; the home page words them and names the #70 counterpart once stats named it', async () => {
    expect(existsSync(join(ARTIFACTS, 'tiny/report/findings.json'))).toBe(true);
    const named = existsSync(join(ARTIFACTS, 'tiny/stats/units.json'));
    for (const path of ['/runs/tiny/']) {
      const { page, errors } = await openPage(path);
      expect(await page.locator('[data-findings] [data-fact="accuracy"]').count(), path).toBe(1);
      expect(await page.locator(`main a[href="${POST.url}"]`).count(), path).toBeGreaterThan(0);
      if (named) expect(await page.locator('[data-fact="neuron-70"] a[data-unit="neuron-70"]').count(), path).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('corpus text is escaped: a <script> sentence shows as text and does not run', async () => {
    const { page, errors } = await openPage('/runs/synthetic/');
    expect(await page.locator('main').innerText()).toContain(SCRIPT_SENTENCE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const seq = await openPage('/runs/synthetic/sequences/');
    expect(await seq.page.locator('main').innerText()).toContain('<script>');
    expect(await seq.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect([...errors, ...seq.errors]).toEqual([]);
    await page.close();
    await seq.page.close();
  });

  it('a stage that has not run is announced, never faked', async () => {
    const { page } = await openPage('/runs/partial/');
    expect(await page.locator('[data-missing]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('main').innerText()).toContain('Not produced by this run yet');
    await page.close();
  });

  it('artifacts that disagree are flagged, and the model is not run on the wrong vocabulary', async () => {
    const { page } = await openPage('/runs/mismatch/');
    expect(await page.locator('[role=alert]').innerText()).toMatch(/model\/model\.json has \d+ output symbols/);
    const live = await openPage('/runs/mismatch/live/');
    expect(await live.page.locator('#live').count()).toBe(0);
    expect(await live.page.locator('main').innerText()).toContain('cannot run');
    await page.close();
    await live.page.close();
  });

  it('chart downloads are valid Vega-Lite specs with their data', async () => {
    const { page } = await openPage('/runs/tiny/');
    const hrefs = await page.locator('figure.chart a[download][href$=".vl.json"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThanOrEqual(3);
    for (const href of hrefs) {
      const spec = (await (await page.request.get(server.url + href)).json()) as vl.TopLevelSpec;
      expect(() => vl.compile(spec), href).not.toThrow();
    }
    await page.close();
  });

  it('pairs table sorts, and a pair page shows the diagram and histograms', async () => {
    const { page, errors } = await openPage('/runs/tiny/pairs/');
    const rows = page.locator('#pairs tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await page.locator('#pairs th button').nth(2).click();
    await page.locator('#pairs th button').nth(2).click();
    const counts = await page.locator('#pairs tbody tr td:nth-child(3)').allInnerTexts();
    const nums = counts.map(Number);
    expect(nums).toEqual([...nums].sort((a, b) => b - a));
    const href = await rows.first().locator('a').first().getAttribute('href');
    const pair = await openPage(href!.slice(BASE.length));
    expect(await pair.page.locator('figure.diagram svg circle').count()).toBeGreaterThan(3);
    expect(await pair.page.locator('figure.diagram svg line').count()).toBeGreaterThan(3);
    expect(await pair.page.locator('figure.histogram svg path').count()).toBeGreaterThan(1);
    expect(await pair.page.locator('figure.chart svg').count()).toBeGreaterThan(2);
    // Each layer's first histograms are in the HTML (no JavaScript needed); the page's script draws the rest from the
    // histograms download, so every top neuron of the pair file ends up with its figure.
    const pairFile = pair.page.url().replace(/\/$/, '').split('/').pop()!;
    const html = readFileSync(join(DIST, 'runs/tiny/pairs', pairFile, 'index.html'), 'utf8');
    const data = await pair.page.locator('#pair-histos').getAttribute('data-src');
    // Served gzipped (histograms.json.gz): the test server sends it as is, without Content-Encoding.
    const records = JSON.parse(gunzipSync(await (await pair.page.request.get(server.url + data!)).body()).toString('utf8')) as { layer: string }[];
    const staticCount = (html.match(/<figure class="chart histogram"><svg/g) ?? []).length;
    expect(staticCount).toBeGreaterThan(0);
    expect(staticCount).toBeLessThanOrEqual(records.length);
    await expect.poll(async () => pair.page.locator('#pair-histos figure.histogram').count()).toBe(records.length);
    expect([...errors, ...pair.errors]).toEqual([]);
    await page.close();
    await pair.page.close();
  });

  it('every neuron has a permalink: a non-featured one is drawn in the browser with its histograms; ← → walk the layer', async () => {
    // A layer with a neuron that has no page of its own (not first for any pair).
    type Report = { featured: number[]; size: number; neurons: { neuron: number }[] };
    // The layer's page data as the site serves it (concat joined from fwd.h's and bwd.h's files).
    const report = (l: string) => JSON.parse(gunzipSync(readFileSync(join(DIST, 'runs/tiny/neurons', l, 'neurons.json.gz'))).toString('utf8')) as Report;
    const layer = ['bwd.h', 'concat', 'hidden'].find((l) => report(l).featured.length < report(l).size)!;
    const { featured, size } = report(layer);
    const n = Array.from({ length: size }, (_, i) => i).find((i) => !featured.includes(i) && i + 1 < size)!;
    expect(existsSync(join(DIST, 'runs/tiny/neurons', layer, String(n), 'index.html'))).toBe(false);
    const { page, errors } = await openPage(`runs/tiny/neurons/${layer}/#${n}`);
    await page.waitForSelector(`#neuron-view [data-neuron="${n}"]`);
    expect(await page.locator('#neuron-view table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#neuron-view figure.histogram svg path').count()).toBeGreaterThan(1);
    expect(await page.locator('#neuron-view .act-cols .col').count()).toBeGreaterThan(5);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`#neuron-view [data-neuron="${n + 1}"]`);
    expect(page.url()).toMatch(new RegExp(`#${n + 1}$`));
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`#neuron-view [data-neuron="${n}"]`);
    // A featured neuron's own page is drawn at build time: histograms and snippets without JavaScript.
    const html = readFileSync(join(DIST, 'runs/tiny/neurons', layer, String(featured[0]), 'index.html'), 'utf8');
    expect(html).toContain(`data-neuron="${featured[0]}"`);
    expect(html).toMatch(/<figure class="chart histogram"><svg/);
    expect(html).toContain('class="act-cols"');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('layers page and a layer heatmap render', async () => {
    const { page, errors } = await openPage('/runs/tiny/layers/');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    const layer = await openPage('/runs/tiny/layers/fwd.h/');
    // Cells as squares, or (big heatmaps) one image with a pixel per cell.
    expect(await layer.page.locator('svg.heatmap .cells').count()).toBeGreaterThan(0);
    expect([...errors, ...layer.errors]).toEqual([]);
    await page.close();
    await layer.page.close();
  });

  it('the beyond page shows the extra analyses', async () => {
    const { page, errors } = await openPage('/runs/tiny/beyond/');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('svg.heatmap path.cells').count()).toBeGreaterThan(3);
    expect(await page.locator('.act-cols .col').count()).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the live model transliterates in the page and shows activations', async () => {
    const { page, errors } = await openPage('/runs/tiny/live/');
    await page.waitForSelector('#out[data-ready="1"]', { timeout: 60_000 });
    await page.fill('#text', 'barev dzez');
    await expect.poll(async () => page.locator('#out').innerText()).toMatch(/[\u0531-\u0587]/);
    expect(await page.locator('#acts .col').count()).toBe('barev dzez'.length);
    // The Armenian output sits under the Latin input, and there is a colour key.
    expect((await page.locator('#acts .col > i').allInnerTexts()).join('')).toMatch(/[\u0531-\u0587]/);
    expect(await page.locator('#key .colour-key .swatch').count()).toBeGreaterThanOrEqual(2);
    // Units worth watching are suggested for the letters typed, from the pair pages' top units; one click selects one.
    const unit = page.locator('#suggest button.unit').first();
    await unit.waitFor();
    const [layer, neuron] = [await unit.getAttribute('data-layer'), await unit.getAttribute('data-neuron')];
    await unit.click();
    expect(await page.locator('#layer').inputValue()).toBe(layer);
    expect(await page.locator('#neuron').inputValue()).toBe(neuron);
    // A line longer than the training window is cut into the pipeline's windows; every character still gets an output.
    const long = 'barev dzez, inch ka chka? '.repeat(8);
    await page.fill('#text', long);
    await expect.poll(async () => page.locator('#acts .col').count()).toBe(long.length);
    expect((await page.locator('#out').innerText()).match(/[\u0531-\u0587]/g)?.length ?? 0).toBeGreaterThan(long.length / 3);
    await page.selectOption('#layer', 'hidden');
    await page.fill('#neuron', '3');
    expect(await page.locator('#neuron-link').getAttribute('href')).toMatch(/neurons\/hidden\/#3$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compare pages: every run side by side, and the deltas from one run to another', async () => {
    const { page, errors } = await openPage('/compare/');
    // Every run with a manifest has a row; only the evaluated ones (tiny, synthetic) are compared, both ways.
    for (const run of ['tiny', 'synthetic', 'partial', 'mismatch']) expect(await page.locator(`#compare-runs tr[data-run="${run}"]`).count(), run).toBe(1);
    expect(await page.locator('#compare-runs tr[data-run="synthetic"] td[data-metric="charAccuracy"]').innerText()).toBe('90.00');
    expect(await page.locator('#compare-layers tbody tr').count()).toBeGreaterThan(10);
    // Spread of selectivity: every layer row has a share in [0, 1] for the runs with statistics.
    expect(await page.locator('#compare-spread tbody tr').count()).toBeGreaterThan(10);
    const shares = await page.locator('#compare-spread td[data-spread]:not([data-spread=""])').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-spread'))));
    expect(shares.length).toBeGreaterThan(10);
    for (const v of shares) expect(v >= 0 && v <= 1).toBe(true);
    const links = await page.locator('#compare-matrix a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual([at('compare/synthetic--tiny/'), at('compare/tiny--synthetic/')]);
    expect(await page.locator('header a.compare-link').getAttribute('href')).toBe(at('compare/'));

    const diff = await openPage('/compare/tiny--synthetic/');
    const tiny = JSON.parse(readFileSync(join(ARTIFACTS, 'tiny/eval.json'), 'utf8')) as { test: Record<string, number>; baseline: { test: Record<string, number> } };
    // The synthetic run's accuracies are fixed (90/70/20, baseline 80/50/10): deltas are synthetic − tiny, signed.
    const expected = (d: number) => (Math.abs(d).toFixed(2) === '0.00' ? '±0.00' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`);
    const cases: [string, number][] = [
      ['model.charAccuracy', 90 - tiny.test.charAccuracy],
      ['model.wordAccuracy', 70 - tiny.test.wordAccuracy],
      ['baseline.sentenceAccuracy', 10 - tiny.baseline.test.sentenceAccuracy],
    ];
    for (const [metric, d] of cases) expect(await diff.page.locator(`#compare-accuracy tr[data-metric="${metric}"] td[data-delta]`).innerText(), metric).toBe(expected(d));
    const claimsA = JSON.parse(readFileSync(join(ARTIFACTS, 'tiny/claims.json'), 'utf8')) as { claims: { id: string }[] };
    expect(await diff.page.locator(`#compare-claims tr[data-claim="${claimsA.claims[0].id}"]`).count()).toBe(1);
    expect(await diff.page.locator('#compare-pairs').innerText()).toMatch(/^\d+ pairs in both runs, 1 only in B/);
    // Top-neuron changes link to both runs' pair pages and neuron pages, which exist.
    // Rows by the change of the best selectivity (comparable across models), largest first — not by index overlap.
    const deltas = (await diff.page.locator('#compare-top tbody tr td:nth-child(6)').allInnerTexts()).map((t) => Number(t.replace(/[±+−]/, '')));
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas).toEqual([...deltas].sort((x, y) => y - x));
    const row = diff.page.locator('#compare-top tbody tr').first();
    const hrefs = await row.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.some((h) => h.startsWith(at('runs/tiny/pairs/'))) && hrefs.some((h) => h.startsWith(at('runs/synthetic/pairs/')))).toBe(true);
    for (const href of hrefs.slice(0, 4)) expect((await diff.page.request.get(server.url + href)).status(), href).toBe(200);
    for (const p of ['compare/index.html', 'compare/tiny--synthetic/index.html']) expect(readFileSync(join(DIST, p), 'utf8'), p).not.toMatch(/<script/);
    expect([...errors, ...diff.errors]).toEqual([]);
    await page.close();
    await diff.page.close();
  });

  it('pages with only static charts ship no JavaScript; the live page stays under 400 KB of gzipped JS', () => {
    // (A pair page's script only adds the histograms past each layer's first ones: see the pair page test.)
    for (const page of ['runs/tiny/index.html', 'runs/tiny/layers/index.html', 'runs/tiny/layers/fwd.h/index.html']) {
      expect(readFileSync(join(DIST, page), 'utf8'), page).not.toMatch(/<script/);
    }
    const live = readFileSync(join(DIST, 'runs/tiny/live/index.html'), 'utf8');
    const scripts = [...live.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src.startsWith(BASE), src).toBe(true);
    const gz = scripts.reduce((n, src) => n + gzipSync(readFileSync(join(DIST, src.slice(BASE.length)))).length, 0);
    expect(gz).toBeLessThan(400 * 1024);
  });
  it('at 390 px no page scrolls sideways (one page of every type)', async () => {
    const report = JSON.parse(gunzipSync(readFileSync(join(DIST, 'runs/tiny/neurons/concat/neurons.json.gz'))).toString('utf8')) as { featured: number[] };
    const pairDir = readdirSync(join(DIST, 'runs/tiny/pairs')).find((f) => f !== 'index.html')!;
    const pages = [
      '', 'runs/tiny/', 'runs/tiny/pairs/', `runs/tiny/pairs/${pairDir}/`, 'runs/tiny/layers/', 'runs/tiny/layers/concat/',
      'runs/tiny/neurons/concat/#1', `runs/tiny/neurons/concat/${report.featured[0]}/`, 'runs/tiny/sequences/', 'runs/tiny/beyond/',
      'runs/tiny/live/', 'compare/', 'compare/tiny--synthetic/', 'runs/partial/',
    ];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const wide: string[] = [];
    for (const path of pages) {
      const page = await context.newPage();
      await page.goto(server.url + at(path), { waitUntil: 'load' });
      if (path.includes('#')) await page.waitForSelector('#neuron-view [data-neuron="1"]');
      if (path.endsWith('live/')) await page.waitForSelector('#out[data-ready="1"]', { timeout: 60_000 });
      const { scroll, view } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      if (scroll > view) wide.push(`${path}: ${scroll} px wide in a ${view} px window`);
      await page.close();
    }
    await context.close();
    expect(wide).toEqual([]);
  }, 180_000);

  it('under the sub-path, every internal link and asset of every page resolves to a built file', () => {
    const html: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.html')) html.push(p);
      }
    };
    walk(DIST);
    const broken = new Set<string>();
    let checked = 0;
    const seen = new Set<string>();
    for (const file of html) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\s(?:href|src)="([^"#?]*)[^"]*"/g)) {
        const link = m[1].replace(/&amp;/g, '&');
        if (!link || /^(?:[a-z]+:|\/\/)/i.test(link) || seen.has(link)) continue;
        seen.add(link);
        checked++;
        if (!link.startsWith(BASE)) {
          broken.add(`${link} (outside ${BASE}, in ${file.slice(DIST.length)})`);
          continue;
        }
        const target = join(DIST, decodeURIComponent(link.slice(BASE.length)));
        const ok = link.endsWith('/') ? existsSync(join(target, 'index.html')) : existsSync(target);
        if (!ok) broken.add(`${link} (in ${file.slice(DIST.length)})`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect([...broken].slice(0, 20)).toEqual([]);
  });
});
