import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, refused } from '../helpers/app.js';
import { damageTablePage } from '../helpers/damage.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('damage while the desk runs', () => {
  it('the idle check reads the file from disk, finds a page damaged while the desk was open, and the desk stops writing with the bilingual restore message', async () => {
    const s = await feeSite();
    const pay = () => ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 1000, methods: [{ method: 'cash', amount: 1000 }] });
    await pay();
    expect(await s.app.checkStore()).toBe(true);

    // the rows reach the file itself, then a torn write damages one of its pages while the desk is open
    s.app.store.raw.pragma('wal_checkpoint(TRUNCATE)');
    const file = s.app.file;
    damageTablePage(file);
    // the desk's own page cache still holds the page: a read through it sees nothing wrong
    expect(s.app.store.raw.prepare('SELECT count(*) AS n FROM receipt').get()).toEqual({ n: 1 });

    expect(await s.app.checkStore()).toBe(false);
    const bytes = readFileSync(file);
    const wal = statSync(`${file}-wal`).size;
    const e = await refused(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 1000, methods: [{ method: 'cash', amount: 1000 }] });
    expect(e.code).toBe('backup.needs_restore');
    expect(e.message['zh-CN']).toContain('数据文件已损坏');
    expect(e.message['en-US']).toContain('The data file is damaged');
    // nothing more was written into the damaged file
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(`${file}-wal`).size).toBe(wal);
  });
});
