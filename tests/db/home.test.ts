import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, ok, rows, setupSite, staffIdOf } from '../helpers/app.js';

afterEach(cleanup);

describe('home.today', () => {
  it('counts my changes and today\'s sign-ins from dayStart, whatever precision dayStart is written in', async () => {
    const app = await createTestApp(); // clock at 2026-12-01T01:00:00.000Z
    const admin = await setupSite(app);
    const adminId = staffIdOf(app, admin);
    app.clock.advance(500); // within the first second of the day as dayStart writes it below
    await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' });
    await ok(app, admin, 'settings.update', { settings: { idleLockMinutes: 30 } });

    const mine = rows<{ n: number }>(app, "SELECT count(*) AS n FROM change_log WHERE actor_id = ? AND at >= '2026-12-01T01:00:00.000Z'", adminId)[0]!.n;
    expect(mine).toBe(3); // the set-up sign-in event, the new account, the setting
    const expected = {
      myChangesToday: 3,
      signInsToday: 2, // the admin at set-up, the cashier
    };
    for (const dayStart of ['2026-12-01T01:00:00Z', '2026-12-01T01:00:00.000Z', '2026-12-01T01:00:00.0Z']) {
      const today = await ok(app, admin, 'home.today', { dayStart });
      expect(today, dayStart).toMatchObject(expected);
      expect(today.onDuty.map((p) => [p.display_name, p.role]).sort()).toEqual([['李娜', 'cashier'], ['王管理', 'admin']]);
    }
    // a later start leaves the earlier work out
    expect(await ok(app, admin, 'home.today', { dayStart: '2026-12-01T02:00:00Z' })).toMatchObject({ myChangesToday: 0, signInsToday: 0, onDuty: [] });
  });
});
