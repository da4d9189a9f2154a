/**
 * Canonical JSON: sorted keys, 2-space indent, floats rounded to a fixed number of decimals, so that the same
 * result always serialises to the same bytes and a git diff of two runs shows only what changed.
 * Short arrays of numbers/strings are packed on wrapped lines (a 1000-bin histogram stays ~15 lines, not 1000), and
 * small flat records sit on one line each, which keeps artifacts small and diffs readable.
 */

export const FLOAT_DECIMALS = 6;
const PACK_WIDTH = 100;

export function roundFloat(x: number, decimals = FLOAT_DECIMALS): number {
  if (!Number.isFinite(x)) throw new Error(`canonical JSON cannot hold a non-finite number (${x})`);
  if (Number.isInteger(x)) return x;
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

function scalar(v: unknown, decimals: number): string {
  if (typeof v === 'number') return JSON.stringify(roundFloat(v, decimals));
  return JSON.stringify(v);
}

function write(v: unknown, indent: string, decimals: number): string {
  if (v === undefined) throw new Error('canonical JSON cannot hold undefined');
  if (isPrimitive(v)) return scalar(v, decimals);
  const inner = indent + '  ';
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isPrimitive)) {
      // Pack primitives onto wrapped lines.
      const parts = v.map((x) => scalar(x, decimals));
      const lines: string[] = [];
      let line = '';
      for (const p of parts) {
        if (line && line.length + p.length + 2 > PACK_WIDTH) {
          lines.push(line + ',');
          line = '';
        }
        line = line ? `${line}, ${p}` : p;
      }
      lines.push(line);
      if (lines.length === 1 && lines[0].length <= PACK_WIDTH - indent.length) return `[${lines[0]}]`;
      return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
    }
    return `[\n${v.map((x) => inner + write(x, inner, decimals)).join(',\n')}\n${indent}]`;
  }
  if (v instanceof Map) v = Object.fromEntries(v);
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    if (keys.length === 0) return '{}';
    // A small flat record ({ "hellinger": 0.93, "neuron": 70 }) stays on one line: a list of thousands of them
    // reads as a table, and a diff shows one line per changed record.
    if (keys.every((k) => isPrimitive(obj[k]))) {
      const line = `{${keys.map((k) => `${JSON.stringify(k)}: ${scalar(obj[k], decimals)}`).join(', ')}}`;
      if (line.length <= PACK_WIDTH - inner.length) return line;
    }
    const body = keys.map((k) => `${inner}${JSON.stringify(k)}: ${write((v as Record<string, unknown>)[k], inner, decimals)}`);
    return `{\n${body.join(',\n')}\n${indent}}`;
  }
  throw new Error(`canonical JSON cannot hold a ${typeof v}`);
}

/** Serialise to canonical JSON text (with a trailing newline). */
export function canonicalJson(value: unknown, decimals = FLOAT_DECIMALS): string {
  return write(value, '', decimals) + '\n';
}

/**
 * Compact canonical JSON for hashing: sorted keys, no whitespace, numbers as JavaScript prints them (exact, not
 * rounded: two configs that differ anywhere hash differently). Independent of the pretty layout above, so a change
 * of artifact formatting never changes a cache key.
 */
export function compactCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`canonical JSON cannot hold a non-finite number (${v})`);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (v instanceof Map) v = Object.fromEntries(v);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
  });
}
