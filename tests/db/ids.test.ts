import { describe, expect, it } from 'vitest';
import { UUID_RE, uuidv7 } from '../../db/ids.js';

describe('UUIDv7 ids', () => {
  it('are well-formed version-7 UUIDs carrying the creation time', () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0);
    const id = uuidv7(at);
    expect(id).toMatch(UUID_RE);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at);
  });

  it('never repeat and sort in creation order, even thousands within one millisecond and across the random pool', () => {
    const at = Date.now() + 60_000; // a millisecond no earlier call has used
    const ids = Array.from({ length: 5000 }, () => uuidv7(at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_RE);
  });
});
