/**
 * Big heatmaps' cells as one PNG (a pixel per cell, scaled up crisply) instead of SVG squares: a layer's pairs ×
 * neurons heatmap (57 × 456 cells) was ~190 KB of path data per page and is a few KB as an indexed PNG. Same colour
 * steps as the vector cells (lib/svg.ts heatLevel, blue). Server-only (node:zlib); the frame, labels and links stay SVG.
 */
import { crc32, deflateSync } from 'node:zlib';
import { blue, heatLevel, HEAT_LEVELS, type CellBox } from './svg.ts';

/** Above this many cells a heatmap is drawn as a raster (below it, squares cost less than a PNG's fixed bytes). */
export const RASTER_MIN_CELLS = 1500;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit indexed PNG of `levels` (rows of palette indices) with the heatmap's colour steps as its palette. */
export function heatmapPng(levels: number[][]): Buffer {
  const h = levels.length, w = levels[0]?.length ?? 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // bit depth 8, palette colour, deflate, no filter method, no interlace
  const palette = Buffer.from(Array.from({ length: HEAT_LEVELS }, (_, l) => blue(l / (HEAT_LEVELS - 1))).flatMap((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))));
  const raw = Buffer.alloc(h * (w + 1));
  levels.forEach((row, y) => raw.set(row, y * (w + 1) + 1)); // each scanline: filter byte 0, then its indices
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('PLTE', palette), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** `drawCells` for lib/svg.ts heatmapSvg: the cells as one image, scaled without smoothing (site.css `image.cells`). */
export function cellImage(values: number[][], max: number, { left, top, cell }: CellBox): string {
  const png = heatmapPng(values.map((row) => row.map((v) => heatLevel(v, max))));
  const w = (values[0]?.length ?? 0) * cell, h = values.length * cell;
  return `<image class="cells" x="${left}" y="${top}" width="${w}" height="${h}" preserveAspectRatio="none" href="data:image/png;base64,${png.toString('base64')}"/>`;
}
