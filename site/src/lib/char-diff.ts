/**
 * Which characters of a model's output differ from the truth: a longest-common-subsequence alignment over code
 * points (sentences are short, so the quadratic table is cheap), returned as runs of equal / differing text.
 */
export interface DiffRun {
  text: string;
  same: boolean;
}

/** `predicted` split into runs that match `truth` (same) and runs that do not (inserted or substituted). */
export function diffChars(truth: string, predicted: string): DiffRun[] {
  const a = [...truth];
  const b = [...predicted];
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffRun[] = [];
  const push = (ch: string, same: boolean) => {
    const last = out[out.length - 1];
    if (last && last.same === same) last.text += ch;
    else out.push({ text: ch, same });
  };
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && a[i] === b[j]) {
      push(b[j], true);
      i++;
      j++;
    } else if (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else push(b[j++], false);
  }
  return out;
}
