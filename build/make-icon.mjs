// Draws the app icon — a white service bell on a rounded blue square — and writes
// build/icon.png (512×512, Linux and electron-builder's source) and build/icon.ico
// (256/48/32/16, Windows and the NSIS installer). Plain Node, no image libraries:
// shapes are signed-distance functions, so edges are anti-aliased at every size.
// Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

// ---- shapes, in a 512-unit design space; negative distance = inside --------------------
const roundRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const ellipse = (x, y, cx, cy, rx, ry) => {
  const dx = x - cx, dy = y - cy;
  const f = (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) - 1;
  const g = Math.hypot((2 * dx) / (rx * rx), (2 * dy) / (ry * ry)) || 1e-6;
  return f / g; // first-order distance: exact enough for a 1-pixel edge
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

const tile = (x, y) => roundRect(x, y, 256, 256, 232, 232, 104);
const bell = (x, y) => Math.min(
  Math.max(circle(x, y, 256, 322, 136), y - 322),            // the dome, a hemisphere
  roundRect(x, y, 256, 352, 164, 20, 20),                    // the plate it stands on
  circle(x, y, 256, 150, 22),                                // the push button
  roundRect(x, y, 256, 174, 9, 16, 3),                       // its plunger
);
const shine = (x, y) => Math.max(circle(x, y, 236, 300, 96), -circle(x, y, 248, 312, 96), y - 290, 170 - x);

const cover = (d, scale) => Math.min(1, Math.max(0, 0.5 - d * scale));
const mix = (a, b, t) => a + (b - a) * t;

/** RGBA pixels of the icon at `size`×`size`. */
function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 512; // design units → pixels
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / s, y = (j + 0.5) / s;
      const a = cover(tile(x, y), s);
      if (a === 0) continue;
      const t = y / 512; // vertical gradient, #3b8cff at the top to #1456c8 at the bottom
      let r = mix(0x3b, 0x14, t), g = mix(0x8c, 0x56, t), b = mix(0xff, 0xc8, t);
      const w = cover(bell(x, y), s);
      r = mix(r, 255, w); g = mix(g, 255, w); b = mix(b, 255, w);
      const h = cover(shine(x, y), s) * 0.35; // a hint of reflection on the dome
      r = mix(r, 0xc9, h); g = mix(g, 0xdc, h); b = mix(b, 0xff, h);
      const o = (j * size + i) * 4;
      px[o] = Math.round(r); px[o + 1] = Math.round(g); px[o + 2] = Math.round(b); px[o + 3] = Math.round(a * 255);
    }
  }
  return px;
}

// ---- PNG and ICO encoding ---------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) rgba.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** An ICO whose entries are PNGs (supported since Windows Vista; required for 256×256). */
function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, k) => {
    const e = 6 + 16 * k;
    header[e] = size >= 256 ? 0 : size; // 0 means 256
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}

writeFileSync(join(here, 'icon.png'), encodePng(512, render(512)));
const icoSizes = [256, 48, 32, 16].map((size) => ({ size, png: encodePng(size, render(size)) }));
writeFileSync(join(here, 'icon.ico'), encodeIco(icoSizes));
console.log('wrote build/icon.png (512×512) and build/icon.ico (256, 48, 32, 16)');
