// Draws the app icon and writes it in every format electron-builder wants: icon.png (512 px, Linux and
// the fallback), icons/<n>x<n>.png (Linux icon set), icon.ico (Windows, 16–256 px) and icon.icns (macOS).
// Deterministic and dependency-free (zlib for PNG), so the committed files can be regenerated offline:
//   node build/make-icons.mjs
// The design: a navy rounded square (the app's primary colour) holding a white page whose lower lines
// are struck through in black, as a redacted disclosure is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('.', import.meta.url));
const NAVY = [0x1d, 0x3a, 0x6e];
const WHITE = [0xff, 0xff, 0xff];
const INK = [0x5b, 0x67, 0x7a];
const BLACK = [0x11, 0x14, 0x18];

/** Shapes in a unit square, later shapes on top; each returns true where it covers (x, y). */
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const SHAPES = [
  [NAVY, roundedRect(0.04, 0.04, 0.96, 0.96, 0.18)],
  [WHITE, roundedRect(0.25, 0.16, 0.75, 0.84, 0.04)],
  [INK, roundedRect(0.33, 0.27, 0.67, 0.32, 0.02)],
  [INK, roundedRect(0.33, 0.38, 0.6, 0.43, 0.02)],
  [BLACK, roundedRect(0.33, 0.5, 0.67, 0.57, 0.01)],
  [INK, roundedRect(0.33, 0.62, 0.5, 0.67, 0.02)],
  [BLACK, roundedRect(0.52, 0.61, 0.67, 0.68, 0.01)],
];

/** RGBA pixels, 4×4 supersampled so edges are smooth at every size. */
function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          const hit = SHAPES.findLast(([, covers]) => covers(x, y));
          if (!hit) continue;
          for (let c = 0; c < 3; c++) sum[c] += hit[0][c];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = covered ? Math.round(sum[c] / covered) : 0;
      pixels[offset + 3] = Math.round(sum[3] / (n * n));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size) {
  const pixels = draw(size);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A classic 32-bit DIB entry (BGRA, bottom-up, with its AND mask): what every ICO reader accepts. */
function dib(size) {
  const pixels = draw(size);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const colour = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = ((size - 1 - y) * size + x) * 4;
      const to = (y * size + x) * 4;
      colour.set([pixels[from + 2], pixels[from + 1], pixels[from], pixels[from + 3]], to);
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size); // all zero: the alpha channel decides
  return Buffer.concat([header, colour, mask]);
}

function ico(sizes) {
  // 256 px as PNG (as Windows Vista and later store it), smaller sizes as DIBs.
  const images = sizes.map((size) => (size >= 256 ? png(size) : dib(size)));
  const directory = Buffer.alloc(6 + 16 * sizes.length);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(sizes.length, 4);
  let offset = directory.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    directory[entry] = size >= 256 ? 0 : size;
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(images[i].length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += images[i].length;
  });
  return Buffer.concat([directory, ...images]);
}

function icns(entries) {
  const blocks = entries.map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + blocks.reduce((sum, b) => sum + b.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
}

mkdirSync(`${out}icons`, { recursive: true });
writeFileSync(`${out}icon.png`, png(512));
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(`${out}icons/${size}x${size}.png`, png(size));
writeFileSync(`${out}icon.ico`, ico([16, 24, 32, 48, 64, 128, 256]));
writeFileSync(
  `${out}icon.icns`,
  icns([
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
  ]),
);
process.stdout.write(`Icons written to ${out}\n`);
