import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, login, ok, refused, rows, setupSite, STAFF_PASSWORD } from '../helpers/app.js';
import { upload } from '../helpers/ledger.js';

/**
 * What one person (or one script) can pile up: finished uploads per sign-in and in total
 * are bounded, and they go when the sign-in ends or after an hour. Sign-in attempts with
 * names that name nobody neither store what was typed nor grow the audit trail without bound.
 */
afterEach(cleanup);

const MIN = 60_000;
const uploadsIn = (dir: string) => readdirSync(join(dir, 'uploads')).filter((f) => f.endsWith('.upload'));

async function site() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const u = await addStaff(app, admin, { username: 'rec', role: 'receptionist' });
  return { app, admin, u };
}

describe('uploads', () => {
  it('keeps at most a few finished uploads per sign-in, and says so in both languages', async () => {
    const { app, u } = await site();
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await upload(app, u.token, `f${i}.csv`, Buffer.from(`a,b\n${i},2\n`)));
    const e = await refused(app, u.token, 'files.beginUpload', { name: 'f9.csv', size: 10, type: '' });
    expect(e.code).toBe('files.too_many_kept');
    expect(e.message['zh-CN']).toContain('8');
    expect(e.message['en-US']).toContain('8');
    expect(uploadsIn(app.dir)).toHaveLength(8);
    // done with one: room for the next
    await ok(app, u.token, 'files.discard', { id: ids[0]! });
    await upload(app, u.token, 'f9.csv', Buffer.from('a,b\n9,2\n'));
  });

  it('bounds what all sign-ins together hold', async () => {
    const { app, admin } = await site();
    const tokens = [];
    for (let k = 0; k < 4; k++) tokens.push((await addStaff(app, admin, { username: `rec${k}`, role: 'receptionist' })).token);
    const MB20 = 20 * 1024 * 1024;
    let refusal = null;
    for (const t of tokens) {
      for (let i = 0; i < 4 && !refusal; i++) {
        const { envelope } = await app.call(t, 'files.beginUpload', { name: `big${i}.xlsx`, size: MB20, type: '' });
        if (!envelope.ok) refusal = envelope.error;
      }
    }
    expect(refusal?.code).toBe('files.space_full');
    expect(refusal?.message['zh-CN']).toContain('稍后');
  });

  it('removes a sign-in\'s uploads when it signs out, and anyone\'s after an hour', async () => {
    const { app, admin, u } = await site();
    await upload(app, u.token, 'a.csv', Buffer.from('a,b\n1,2\n'));
    expect(uploadsIn(app.dir)).toHaveLength(1);
    await ok(app, u.token, 'auth.logout', {});
    expect(uploadsIn(app.dir)).toHaveLength(0);

    const again = await login(app, 'rec', STAFF_PASSWORD);
    await upload(app, again, 'b.csv', Buffer.from('a,b\n1,2\n'));
    app.clock.advance(61 * MIN);
    // any call after the hour clears it, not only the next upload
    await ok(app, admin, 'auth.me', {});
    expect(uploadsIn(app.dir)).toHaveLength(0);
  });
});

describe('sign-in attempts with unknown names', () => {
  it('never store what was typed as the name (it may be a password typed in the wrong field)', async () => {
    const { app } = await site();
    await refused(app, null, 'auth.login', { username: 'secret-pass-2026', password: 'x' });
    const details = rows<{ detail: string }>(app, "SELECT detail FROM audit_event WHERE event = 'login.failed'").map((r) => r.detail).join(' ');
    expect(details).not.toContain('secret-pass-2026');
    expect(details).not.toContain('pass-2026');
  });

  it('do not grow the audit trail without bound: past a few in ten minutes they are counted, then recorded once', async () => {
    const { app } = await site();
    const count = () => rows<{ n: number }>(app, "SELECT count(*) AS n FROM audit_event WHERE event = 'login.failed' AND actor_id IS NULL")[0]!.n;
    for (let i = 0; i < 30; i++) await refused(app, null, 'auth.login', { username: `bot${i}`, password: 'x' });
    expect(count()).toBeLessThanOrEqual(10);
    app.clock.advance(11 * MIN);
    await refused(app, null, 'auth.login', { username: 'bot-late', password: 'x' });
    const last = rows<{ detail: string }>(app, "SELECT detail FROM audit_event WHERE event = 'login.failed' AND actor_id IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 2");
    expect(last.map((r) => JSON.parse(r.detail))).toContainEqual(expect.objectContaining({ reason: 'unknown users', more: 20 }));
    expect(count()).toBeLessThanOrEqual(12);
  });
});
