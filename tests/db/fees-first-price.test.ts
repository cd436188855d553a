/** A new fee item takes its first price in the same step (the fee-item dialog), refused whole when the price is bad. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, createTestApp, ok, rows, setupSite } from '../helpers/app.js';

afterAll(cleanup);

describe('a new fee item with its first price', () => {
  it('is saved with its rate in one step; a bad price saves neither', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const { id } = await ok(app, admin, 'fees.saveItem', { code: 'wyf', name: '物业服务费', kind: 'area', appliesTo: 'residential', firstRate: { validFrom: '2026-12', price: '2.80' } });
    const items = await ok(app, admin, 'fees.items', {});
    expect(items.find((i) => i.id === id)!.rates).toEqual([expect.objectContaining({ valid_from: '2026-12', price_e4: 28000 })]);
    const bad = await app.call(admin, 'fees.saveItem', { code: 'LJF', name: '垃圾费', kind: 'fixed', firstRate: { validFrom: '2026-12', price: '1.23456' } });
    expect(bad.envelope.ok).toBe(false);
    expect(rows(app, "SELECT count(*) AS n FROM fee_item WHERE code = 'LJF'")).toEqual([{ n: 0 }]);
  });
});
