/** Deterministic randomness and day arithmetic for the demo site: the same seed gives the same site. */
export type Rand = () => number;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export function seededRandom(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
export const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
/** Favours the head of the list (surnames are far from uniform). */
export const pickSkewed = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() ** 1.8 * list.length)]!;
export const chance = (rand: Rand, p: number) => rand() < p;
export const digits = (rand: Rand, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
export function pickWeighted<T>(rand: Rand, list: readonly (readonly [T, number])[]): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of list) if ((r -= w) < 0) return v;
  return list.at(-1)![0];
}

// ---------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, UTC arithmetic)

export const DAY = 86_400_000;
export const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: string, n: number) => toDay(ms(d) + n * DAY);
export const minDay = (a: string, b: string) => (a < b ? a : b);
