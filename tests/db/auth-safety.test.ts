import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, login, ok, refused, rows, setupSite } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

/**
 * Sign-in that tells a guesser nothing: an unknown name costs a password check and gets
 * the same answer as a wrong password; whether an account is locked or disabled is said
 * only to whoever typed its right password. Approvals typed at someone else's desk slow
 * that desk down, never lock the approver out. Sessions end when the account's password
 * changes or it locks, and only a person's input keeps a session from idling.
 */
afterEach(cleanup);

const MIN = 60_000;

async function site() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const u = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
  return { app, admin, u };
}

describe('sign-in tells a guesser nothing', () => {
  it('answers an unknown name, a wrong password, a disabled and a locked account alike until the right password is typed', async () => {
    const { app, admin, u } = await site();
    const off = await addStaff(app, admin, { username: 'off.duty', role: 'cashier' });
    await ok(app, admin, 'staff.update', { id: off.id, active: false });
    const held = await addStaff(app, admin, { username: 'held', role: 'cashier' });
    for (let i = 1; i <= 5; i++) {
      // the fifth wrong password locks the account, and still says only "wrong"
      expect((await refused(app, null, 'auth.login', { username: 'held', password: `wrong-${i}` })).code).toBe('auth.bad_credentials');
    }
    const answers = [];
    for (const username of ['nobody', 'li.na', 'off.duty', 'held']) answers.push(await refused(app, null, 'auth.login', { username, password: 'Guess2026x' }));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.code).toBe('auth.bad_credentials');
    // the right password is told why
    expect((await refused(app, null, 'auth.login', { username: 'off.duty', password: off.password })).code).toBe('auth.account_disabled');
    const locked = await refused(app, null, 'auth.login', { username: 'held', password: held.password });
    expect(locked.code).toBe('auth.account_locked');
    expect(locked.message['zh-CN']).toContain('锁定');
    await login(app, 'li.na', u.password);
  });

  it('spends as long on an unknown name as on a known one (a password check runs either way)', async () => {
    const { app } = await site();
    const time = async (username: string) => {
      const t = performance.now();
      await refused(app, null, 'auth.login', { username, password: 'Guess2026x' });
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await time('li.na'));
      unknown.push(await time(`nobody${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    // a ratio, not a time: without the check an unknown name answered in 5% of the time
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
  });
});

describe('approvals typed at the desk', () => {
  it('counts wrong approver passwords against the asking session, never the approver\'s own sign-in', async () => {
    const s = await feeSite();
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    const line = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 })).lines[0]!;
    const r = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: line.id, amount: line.owed }], methods: [{ method: 'cash', amount: line.owed }], tendered: line.owed });
    const wrong = { receiptId: r.id, reason: '收错房号', approverUsername: 'zhou.hong', approverPassword: 'not-his-1' };
    for (let i = 1; i <= 4; i++) expect((await refused(s.app, s.cashier.token, 'fees.void', wrong)).code).toBe('auth.bad_credentials');
    const paused = await refused(s.app, s.cashier.token, 'fees.void', wrong);
    expect(paused.code).toBe('auth.approval_paused');
    expect(paused.message['en-US']).toMatch(/approv/i);
    // the asking desk waits, even with the right password…
    expect((await refused(s.app, s.cashier.token, 'fees.void', { ...wrong, approverPassword: s.supervisor.password })).code).toBe('auth.approval_paused');
    // …but the supervisor's own account was never touched: they sign in and approve elsewhere
    expect(rows(s.app, "SELECT failed_attempts, locked_until FROM staff WHERE username = 'zhou.hong'")).toEqual([{ failed_attempts: 0, locked_until: null }]);
    await login(s.app, 'zhou.hong', s.supervisor.password);
    const other = await login(s.app, 'qian.min', s.cashier.password);
    // the pause holds the asking session only: another desk's void goes through
    await ok(s.app, other, 'fees.void', { ...wrong, approverPassword: s.supervisor.password });
    const events = rows<{ event: string }>(s.app, "SELECT event FROM audit_event WHERE event = 'approval.failed'");
    expect(events).toHaveLength(5);
  });
});

describe('sessions follow the account', () => {
  it('counts wrong current passwords in a password change toward the lockout, which ends every session of the account', async () => {
    const { app, u } = await site();
    const second = await login(app, 'li.na', u.password);
    for (let i = 1; i <= 4; i++) expect((await refused(app, u.token, 'auth.changePassword', { current: `wrong-${i}`, next: 'Better2026x' })).code).toBe('auth.bad_password');
    expect(rows(app, "SELECT failed_attempts FROM staff WHERE username = 'li.na'")).toEqual([{ failed_attempts: 4 }]);
    expect((await refused(app, u.token, 'auth.changePassword', { current: 'wrong-5', next: 'Better2026x' })).code).toBe('auth.account_locked');
    for (const t of [u.token, second]) expect((await ok(app, t, 'auth.me', {})).user).toBeNull();
  });

  it('ends the account\'s other sessions when its password changes, keeping the one that changed it', async () => {
    const { app, u } = await site();
    const elsewhere = await login(app, 'li.na', u.password);
    await ok(app, u.token, 'auth.changePassword', { current: u.password, next: 'Better2026x' });
    expect((await ok(app, elsewhere, 'auth.me', {})).user).toBeNull();
    expect((await ok(app, u.token, 'auth.me', {})).user?.username).toBe('li.na');
  });

  it('ends every session of an account that locks after wrong sign-ins', async () => {
    const { app, u } = await site();
    for (let i = 1; i <= 5; i++) await refused(app, null, 'auth.login', { username: 'li.na', password: `wrong-${i}` });
    expect((await ok(app, u.token, 'auth.me', {})).user).toBeNull();
  });

  it('lets only a person\'s input keep a session from idling: background calls do not', async () => {
    const { app, u } = await site();
    // a screen polling every minute, with nobody at the desk for 16 minutes
    for (let m = 1; m <= 16; m++) {
      app.clock.advance(MIN);
      await app.call(u.token, 'auth.me', {}, { idleMs: m * MIN });
    }
    expect((await app.call(u.token, 'complaints.queue', {}, { idleMs: 16 * MIN })).envelope).toMatchObject({ ok: false, error: { code: 'auth.session_locked' } });
    // a person typing keeps it alive
    const v = await addStaff(app, (await login(app, 'admin', 'Admin2026')), { username: 'wang', role: 'cashier' });
    for (let m = 1; m <= 16; m++) {
      app.clock.advance(MIN);
      expect((await app.call(v.token, 'auth.me', {}, { idleMs: 1000 })).envelope.ok).toBe(true);
    }
    expect((await ok(app, v.token, 'auth.me', {})).user).toMatchObject({ username: 'wang', locked: false });
  });
});
