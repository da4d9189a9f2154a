/**
 * A progress bar on stderr: label, count, rate, ETA and free-form fields (loss, chars/s…).
 * On a terminal it redraws one line; elsewhere (CI, logs) it prints a line every few seconds.
 */
export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private lastDraw = 0;
  private readonly tty = Boolean(process.stderr.isTTY);
  private fields: Record<string, string> = {};

  constructor(
    private readonly label: string,
    private total: number,
    private readonly unit = '',
    private readonly quiet = process.env.TRANSLIT_QUIET === '1',
  ) {}

  setTotal(total: number): void {
    this.total = total;
  }

  set(done: number, fields?: Record<string, string | number>): void {
    this.done = done;
    if (fields) for (const [k, v] of Object.entries(fields)) this.fields[k] = typeof v === 'number' ? fmt(v) : v;
    const now = Date.now();
    if (now - this.lastDraw >= (this.tty ? 100 : 5000)) {
      this.lastDraw = now;
      this.draw(false);
    }
  }

  tick(n = 1, fields?: Record<string, string | number>): void {
    this.set(this.done + n, fields);
  }

  finish(fields?: Record<string, string | number>): void {
    if (fields) for (const [k, v] of Object.entries(fields)) this.fields[k] = typeof v === 'number' ? fmt(v) : v;
    this.draw(true);
  }

  private draw(final: boolean): void {
    if (this.quiet) return;
    const elapsed = (Date.now() - this.start) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const frac = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const width = 24;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const eta = rate > 0 && this.total > this.done ? (this.total - this.done) / rate : 0;
    const extra = Object.entries(this.fields)
      .map(([k, v]) => `${k} ${v}`)
      .join('  ');
    const line =
      `${this.label} ${bar} ${fmt(this.done)}/${fmt(this.total)}${this.unit ? ' ' + this.unit : ''}` +
      `  ${fmt(rate)}/s  ${clock(elapsed)}${final ? '' : ` eta ${clock(eta)}`}${extra ? '  ' + extra : ''}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else process.stderr.write(line + '\n');
  }
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** One log line for a stage, on stderr so stdout stays clean for data. */
export function log(stage: string, message: string): void {
  if (process.env.TRANSLIT_QUIET === '1') return;
  process.stderr.write(`[${stage}] ${message}\n`);
}
