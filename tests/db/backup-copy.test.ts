import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBackup } from '../../db/backup/make.js';
import { cleanup, ok, tempDir } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('the backup copy', () => {
  it('is read in a worker from a snapshot taken as it starts: the desk takes a payment while it runs, and the copy is the store before it', async () => {
    const s = await feeSite();
    const pay = (amount: number) => ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: amount, methods: [{ method: 'cash', amount }] });
    await pay(1000);
    let during: Promise<{ number: string }> | null = null;
    const made = await makeBackup(s.app.store, {
      folder: tempDir('fd-backups-'), reason: 'manual', now: s.app.clock.now(),
      onProgress: (p) => {
        // the copy has started in the worker: the desk takes a payment meanwhile
        if (p.phase === 'store' && !during) during = pay(2000);
      },
    });
    const second = await during!;
    expect(made.state).toBe('verified');
    expect(made.receiptCount).toBe(1);
    const copy = new Database(join(made.dir, 'frontdesk.sqlite'), { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM receipt').get() as { n: number }).n).toBe(1);
    copy.close();
    // the live store has both, the second under the next number
    expect((s.app.store.raw.prepare('SELECT number FROM receipt ORDER BY seq').all() as { number: string }[]).map((r) => r.number).at(-1)).toBe(second.number);
    expect(s.app.store.raw.prepare('SELECT count(*) AS n FROM receipt').get()).toEqual({ n: 2 });
  });
});
