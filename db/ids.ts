import { randomFillSync } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): 48-bit Unix-ms timestamp, then random bits. Ids sort by creation
 * time, so they index well and a head-office merge of many sites stays roughly ordered.
 * Within one millisecond a 12-bit counter keeps ids from one process strictly increasing.
 */
let lastMs = -1;
let counter = 0;

// Random bytes come from a pool: one getRandomValues call per 256 ids instead of one each
// (a 20,000-row import makes ~50,000 ids).
const POOL = Buffer.alloc(16 * 256);
let poolAt = POOL.length;
function random16(): Buffer {
  if (poolAt >= POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const b = Buffer.from(POOL.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return b;
}

export function uuidv7(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = nowMs;
    counter = random16().readUInt16BE(0) & 0x3ff; // leave headroom for bursts
  }
  const b = random16();
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (counter >> 8); // version 7 + high bits of counter
  b[7] = counter & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
