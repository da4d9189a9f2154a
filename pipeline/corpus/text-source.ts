import { createReadStream, existsSync, statSync } from 'node:fs';
import { UserError } from '../lib/errors.ts';

/**
 * Longest piece of a line handed on at once. A longer line (a 10 MB paragraph, a file without newlines) is cut at
 * its last sentence end or space before this many characters, so memory stays bounded and no regex ever runs over
 * megabytes; sentence splitting downstream makes the cut invisible.
 */
export const MAX_PIECE_CHARS = 1 << 16;

/** Where to cut an over-long buffer: after the last sentence end, else the last space, else hard at the limit. */
function cutPoint(buf: string, limit: number): number {
  const window = buf.slice(0, limit);
  const end = Math.max(window.lastIndexOf('։ '), window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
  if (end > limit / 2) return end + 1;
  const sp = window.lastIndexOf(' ');
  if (sp > limit / 2) return sp;
  // No space at all: cut between code units that do not split a surrogate pair.
  const code = buf.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Offset of the first byte that cannot start or continue a valid UTF-8 sequence (−1 when none is found). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return -1; // a sequence cut by the chunk end: decided by the next chunk
      if ((buf[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Stream a UTF-8 text file as lines (pieces of at most MAX_PIECE_CHARS). Invalid UTF-8 is a UserError naming the
 * file and the byte offset near the fault.
 */
export async function* readTextLines(path: string, maxPiece = MAX_PIECE_CHARS): AsyncGenerator<string> {
  if (!existsSync(path)) throw new UserError(path, 'text source not found');
  if (!statSync(path).isFile()) throw new UserError(path, 'text source is not a regular file');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let buf = '';
  let bytes = 0;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      const at = chunk ? firstInvalidUtf8(chunk) : -1;
      const where = at >= 0 ? `at byte ${bytes + at}` : `near byte ${bytes}`;
      throw new UserError(path, `not valid UTF-8 (${where}); convert it to UTF-8 first (e.g. iconv -t UTF-8)`);
    }
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf += decode(chunk);
      bytes += chunk.length;
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        yield buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        nl = buf.indexOf('\n');
      }
      while (buf.length > maxPiece) {
        const cut = cutPoint(buf, maxPiece);
        yield buf.slice(0, cut);
        buf = buf.slice(cut);
      }
    }
    buf += decode();
  } finally {
    stream.destroy();
  }
  if (buf) yield buf;
}
