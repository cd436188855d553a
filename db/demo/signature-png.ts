import { deflateSync } from 'node:zlib';
import type { Rand } from './random.js';

/**
 * A handwritten-looking signature for the demo's signed forms: a few pen strokes across a
 * transparent canvas, as the signature pad hands them over (a PNG data URL), drawn from the
 * demo's random source so the same seed gives the same strokes. Encoded here (RGBA, one IDAT)
 * so the demo needs no image library.
 */
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function signaturePng(rand: Rand, width = 240, height = 80): string {
  const px = Buffer.alloc(width * height * 4);
  const dot = (x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const [ix, iy] = [Math.round(x) + dx, Math.round(y) + dy];
        if (ix < 0 || iy < 0 || ix >= width || iy >= height || Math.abs(dx) + Math.abs(dy) > 1) continue;
        px.set([26, 35, 126, 255], (iy * width + ix) * 4); // the pad's dark blue ink
      }
    }
  };
  // one flowing stroke left to right, then a flourish under it
  let [x, y] = [12, height * (0.4 + rand() * 0.3)];
  while (x < width - 30) {
    // a cubic whose handles cross over now and then: the loops of a hand that does not lift
    const [ax, ay] = [x + 6 + rand() * 30, 4 + rand() * (height - 8)];
    const [bx, by] = [x - 6 + rand() * 20, 4 + rand() * (height - 8)];
    const [nx, ny] = [x + 12 + rand() * 22, height * (0.3 + rand() * 0.45)];
    for (let t = 0; t <= 1; t += 0.005) {
      const u = 1 - t;
      dot(u ** 3 * x + 3 * u * u * t * ax + 3 * u * t * t * bx + t ** 3 * nx, u ** 3 * y + 3 * u * u * t * ay + 3 * u * t * t * by + t ** 3 * ny);
    }
    [x, y] = [nx, ny];
  }
  const [fy, fx] = [height * 0.82, width * (0.55 + rand() * 0.3)];
  for (let t = 0; t <= 1; t += 0.004) dot(18 + t * fx, fy - Math.sin(t * Math.PI) * 6);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let r = 0; r < height; r++) px.copy(rows, r * (width * 4 + 1) + 1, r * width * 4, (r + 1) * width * 4); // filter 0 per row
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const png = Buffer.concat([magic, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
