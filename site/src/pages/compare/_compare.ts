/**
 * What the compare pages need, on top of the pipeline's own comparison (pipeline/diff: `loadRunArtifacts` reads a run
 * through the artifact schemas, `compareRuns` is the pure diff `npm run diff` prints). Nothing is compared here: this
 * file only picks the runs, memoises their artifacts for the build, and maps pair labels to the site's pair pages.
 * (A leading underscore keeps Astro from treating it as a page.)
 */
import { compareRuns, type RunArtifacts, type RunDiff } from '../../../../pipeline/diff/compare.ts';
import { loadRunArtifacts } from '../../../../pipeline/diff/load.ts';
import { invertMatch, matchSignatures, type UnitMatch } from '../../../../pipeline/diff/match.ts';
import { artifactExists, artifactPath, listRuns } from '../../lib/artifacts.ts';
import { pairSlug, showChar } from '../../lib/slug.ts';

const loaded = new Map<string, RunArtifacts>();
const diffs = new Map<string, RunDiff>();
const matches = new Map<string, UnitMatch | null>();

/** Runs with a manifest (a run folder at all), in listRuns' order (LEAD_RUNS first): the rows of the side-by-side table. */
export function runsWithManifest(): string[] {
  return listRuns().filter((r) => artifactExists(r, 'manifest.json'));
}

/** Runs that can be compared: trained and evaluated (eval.json present). */
export function comparableRuns(): string[] {
  return runsWithManifest().filter((r) => artifactExists(r, 'eval.json'));
}

/** Every ordered pair of comparable runs (A, B): a diff reads "from A to B", so both directions get a page. */
export function orderedPairs(): [string, string][] {
  const runs = comparableRuns();
  return runs.flatMap((a) => runs.filter((b) => b !== a).map((b) => [a, b] as [string, string]));
}

/** URL segment of a comparison; run names come from folder names, so `--` is only a separator by convention. */
export function compareSlug(a: string, b: string): string {
  return `${a}--${b}`;
}

/** One run's artifacts as the pipeline's comparison reads them (loaded once per build). */
export function runArtifacts(run: string): RunArtifacts {
  let art = loaded.get(run);
  if (!art) loaded.set(run, (art = { ...loadRunArtifacts(artifactPath(run, '.')), name: run }));
  return art;
}

/** A's units matched to B's, computed once per unordered pair of runs (B → A is A → B read backwards). */
function matchOf(a: string, b: string): UnitMatch | null {
  const back = matches.get(compareSlug(b, a));
  if (back !== undefined) return back && invertMatch(back, runArtifacts(a).signature?.units ?? 0);
  let m = matches.get(compareSlug(a, b));
  if (m === undefined) matches.set(compareSlug(a, b), (m = matchSignatures(runArtifacts(a).signature ?? null, runArtifacts(b).signature ?? null)));
  return m;
}

export function diffOf(a: string, b: string): RunDiff {
  const key = compareSlug(a, b);
  let d = diffs.get(key);
  if (!d) diffs.set(key, (d = compareRuns(runArtifacts(a), runArtifacts(b), undefined, matchOf(a, b))));
  return d;
}

/** The site's slug of a pair of `run`, found by its label (`t→ծ`), or null when the run has no such pair. */
export function pairSlugOf(run: string, label: string): string | null {
  const file = runArtifacts(run).pairs.get(label);
  return file ? pairSlug(file.input, file.output) : null;
}

/** A pair label for display: the placeholder and the space made visible, as on the pair pages. */
export function showLabel(run: string, label: string): { input: string; output: string } {
  const file = runArtifacts(run).pairs.get(label);
  const [input, output] = file ? [file.input, file.output] : label.split('→');
  return { input: showChar(input ?? ''), output: showChar(output ?? '') };
}

/** `+1.23` / `−0.50` / `—`: deltas always carry their sign. */
export function signed(x: number | null, digits = 2): string {
  if (x === null) return '—';
  const s = Math.abs(x).toFixed(digits);
  return Number(s) === 0 ? `±${s}` : x > 0 ? `+${s}` : `−${s}`;
}

export function fixed(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? '—' : x.toFixed(digits);
}

/** Training wall time as `1 h 02 min`, `3 min 05 s` or `12 s`. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
