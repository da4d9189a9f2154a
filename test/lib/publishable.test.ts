import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArtifact } from '../../pipeline/lib/artifact.ts';
import { unpublishableReason } from '../../pipeline/lib/publishable.ts';
import { STAGE_NAMES } from '../../pipeline/stages.ts';

const record = { key: 'k', configHash: 'c', codeVersion: 'v', inputs: {}, outputs: {} };
function runDir(stages: readonly string[] | null, text?: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'publish-')), 'r');
  mkdirSync(dir, { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, 'manifest.json'), text);
  else if (stages) writeArtifact(join(dir, 'manifest.json'), { run: 'r', configHash: 'c', config: {}, stages: Object.fromEntries(stages.map((s) => [s, record])) });
  return dir;
}

describe('a failed run is never published', () => {
  it('publishes a run whose manifest records every stage', () => {
    expect(unpublishableReason(runDir(STAGE_NAMES))).toBeNull();
  });
  it('skips a run without a manifest, with an unreadable one, or with stages that never finished', () => {
    expect(unpublishableReason(runDir(null))).toMatch(/^no manifest\.json/);
    expect(unpublishableReason(runDir(null, '{"schemaVersion": 1, "run"'))).toMatch(/^manifest\.json unusable \(not valid JSON/);
    expect(unpublishableReason(runDir(STAGE_NAMES.slice(0, 3)))).toBe(
      `incomplete run: ${STAGE_NAMES.slice(3).join(', ')} never finished (run make report)`,
    );
  });
});
