/**
 * A site sends by itself: at the cashier's day close and every few minutes while the shared
 * folder is reachable; an unreachable folder fails into the status line and the desk goes on;
 * the button and the timer together never send a range twice.
 */
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, rows } from '../helpers/app.js';
import { createAutoExport } from '../../db/sync/auto-export.js';
import { exportChanges } from '../../db/sync/export.js';
import { loadSigningKey } from '../../db/sync/keys.js';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../db/settings/queries.js';
import { company, enrol, job, payMonth } from './sync-fixture.js';

afterEach(cleanup);

async function enrolledSite() {
  const c = await company();
  await enrol(c.hq, c.hqAdmin, c.site, 'HZ-01', '杭州滨江服务中心');
  return c;
}

const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.fdb') || f.includes('-')) : []);

/** The sending turns of one site's store, on the desk's clock, with the interval given. */
function autoFor(c: Awaited<ReturnType<typeof enrolledSite>>, minutes: number) {
  const settings: SiteSettings = { ...DEFAULT_SETTINGS, syncExportMinutes: minutes };
  const auto = createAutoExport({ store: () => c.site.app.store, site: () => ({ settings }), everyMs: 3_600_000 });
  return auto;
}

const outRanges = (c: Awaited<ReturnType<typeof enrolledSite>>) =>
  rows<{ seq_from: number; seq_to: number }>(c.site.app, "SELECT seq_from, seq_to FROM sync_batch WHERE direction = 'out' AND kind = 'changes' ORDER BY seq_from");

// two stores, enrolment and an import each: seconds on a quiet machine, more on a busy one
describe('a site sending to head office by itself', { timeout: 90_000 }, () => {
  it('sends the day\'s changes when the cashier closes the day, without anyone pressing Export', async () => {
    const c = await enrolledSite();
    await payMonth(c.site, '2026-11', c.site.rooms.r101);
    expect((await ok(c.site.app, c.site.admin, 'sync.status', {})).waiting).toBeGreaterThan(0);
    await ok(c.site.app, c.site.cashier.token, 'fees.closeDay', {});
    await expect.poll(async () => (await ok(c.site.app, c.site.admin, 'sync.status', {})).waiting, { timeout: 20_000 }).toBe(0);
    const status = await ok(c.site.app, c.site.admin, 'sync.status', {});
    expect(status.lastAutoAt).not.toBeNull();
    expect(status.lastError).toBeNull();
    // head office receives the close and the receipt before it
    const got = await job(c.hq, c.hqAdmin, 'sync.import', {});
    expect((got as { applied: unknown[] }).applied.length).toBeGreaterThan(0);
    expect(rows(c.hq, 'SELECT count(*) AS n FROM day_close')).toEqual([{ n: 1 }]);
  });

  it('sends nothing by itself when the site sets 0 minutes, however long it waits', async () => {
    const c = await enrolledSite();
    const off = autoFor(c, 0);
    await payMonth(c.site, '2026-11', c.site.rooms.r101);
    await off.tick();
    c.site.app.clock.advance(2 * 60 * 60_000);
    await off.tick();
    expect(outRanges(c)).toEqual([]);
    off.stop();
  });

  it('sends every so many minutes by the desk\'s clock, counting from its last turn', async () => {
    const c = await enrolledSite();
    const every10 = autoFor(c, 10);
    await payMonth(c.site, '2026-11', c.site.rooms.r101);
    await every10.tick(); // the first turn sends what waits
    expect(outRanges(c)).toHaveLength(1);
    await payMonth(c.site, '2026-12', c.site.rooms.r101);
    c.site.app.clock.advance(9 * 60_000);
    await every10.tick(); // nine minutes on: not yet
    expect(outRanges(c)).toHaveLength(1);
    c.site.app.clock.advance(60_000);
    await every10.tick(); // ten: the second payment goes
    expect(outRanges(c)).toHaveLength(2);
    expect((await ok(c.site.app, c.site.admin, 'sync.status', {})).waiting).toBe(0);
    every10.stop();
  });

  it('says why when the folder is unreachable, keeps the desk working, and sends once the folder is back', async () => {
    const c = await enrolledSite();
    const auto = autoFor(c, 5);
    const away = `${c.folder}-unplugged`;
    renameSync(c.folder, away); // the USB drive pulled
    await payMonth(c.site, '2026-11', c.site.rooms.r101);
    await auto.tick();
    let status = await ok(c.site.app, c.site.admin, 'sync.status', {});
    expect(status.lastError?.code).toBe('sync.folder_unreachable');
    expect(status.lastError?.message['zh-CN']).toBeTruthy();
    expect(status.lastError?.message['en-US']).toBeTruthy();
    expect(status.waiting).toBeGreaterThan(0);
    // the desk goes on taking money meanwhile
    await payMonth(c.site, '2026-12', c.site.rooms.r101);
    renameSync(away, c.folder);
    c.site.app.clock.advance(5 * 60_000);
    await auto.tick();
    status = await ok(c.site.app, c.site.admin, 'sync.status', {});
    expect(status.lastError).toBeNull();
    expect(status.waiting).toBe(0);
    auto.stop();
  });

  it('never sends a range twice when Export is pressed while the timer is sending', async () => {
    const c = await enrolledSite();
    const auto = autoFor(c, 1);
    await payMonth(c.site, '2026-11', c.site.rooms.r101);
    await payMonth(c.site, '2026-12', c.site.rooms.r101);
    const key = loadSigningKey(c.site.app.dir)!;
    const timed = auto.tick();
    const pressed = exportChanges(c.site.app.store, { folder: c.folder, key });
    await Promise.all([timed, pressed]);
    const ranges = outRanges(c);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.seq_from).toBe(ranges[i - 1]!.seq_to + 1);
    expect(filesIn(join(c.folder, 'HZ-01')).length).toBeGreaterThan(0);
    const got = (await job(c.hq, c.hqAdmin, 'sync.import', {})) as { applied: unknown[]; refused: unknown[] };
    expect(got.refused).toEqual([]);
    expect(rows(c.hq, 'SELECT count(*) AS n FROM receipt')).toEqual([{ n: 2 }]);
    auto.stop();
  });
});
