import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFinished } from '../../db/backup/runner.js';
import { KEY_FILE, loadSigningKey, newSigningKey, saveSigningKey } from '../../db/sync/keys.js';
import { ADMIN, cleanup, login, ok, refused, rows, tempDir } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('the sync signing key in backups', () => {
  it('travels sealed with the backup key password, and a restore onto a PC without it brings it back only with that password', async () => {
    const s = await feeSite();
    const dataDir = s.app.desk.dataDir;
    const key = newSigningKey();
    saveSigningKey(dataDir, key);
    const folder = tempDir('fd-backups-');
    await ok(s.app, s.admin, 'backup.saveSettings', { folder, hour: 12, keepDays: 7 });
    expect((await refused(s.app, s.admin, 'backup.setKeyPassword', { password: 'short' })).code).toBe('api.invalid_input');
    expect((await refused(s.app, s.cashier.token, 'backup.setKeyPassword', { password: 'Backup-key-2026' })).code).toBe('auth.forbidden');
    await ok(s.app, s.admin, 'backup.setKeyPassword', { password: 'Backup-key-2026' });
    expect((await ok(s.app, s.admin, 'backup.list', {})).keyPasswordSet).toBe(true);
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 1000, methods: [{ method: 'cash', amount: 1000 }] });
    await ok(s.app, s.admin, 'backup.start', {});
    await backupFinished(dataDir);
    const [made] = (await ok(s.app, s.admin, 'backup.list', {})).backups;
    const dir = join(folder, made!.name);
    // sealed: the key's PEM is nowhere in the backup in clear, nor the password
    const sealed = readFileSync(join(dir, 'sync-key.sealed.json'), 'utf8');
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(sealed).not.toContain('Backup-key-2026');
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).syncKey).toBe('sealed');

    // the PC is replaced: the data folder has no key any more
    rmSync(join(dataDir, KEY_FILE));
    expect((await ok(s.app, s.admin, 'backup.preview', { name: made!.name })).keyPasswordWanted).toBe(true);
    const wrong = await refused(s.app, s.admin, 'backup.restore', { name: made!.name, keyPassword: 'not-the-password', confirm: true });
    expect(wrong.code).toBe('backup.key_password');
    expect(wrong.message['zh-CN']).toContain('备份密钥密码不对');
    expect(wrong.message['en-US']).toContain('backup key password is wrong');
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
    expect(rows(s.app, 'SELECT count(*) AS n FROM receipt')[0]!.n).toBe(1);

    // without the password the store comes back, the key does not
    expect(await ok(s.app, s.admin, 'backup.restore', { name: made!.name, confirm: true })).toMatchObject({ syncKey: 'not-restored' });
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);

    const admin = await login(s.app, ADMIN.username, ADMIN.password);
    expect(await ok(s.app, admin, 'backup.restore', { name: made!.name, keyPassword: 'Backup-key-2026', confirm: true })).toMatchObject({ syncKey: 'restored' });
    expect(loadSigningKey(dataDir)?.fingerprint).toBe(key.fingerprint);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, KEY_FILE)).mode & 0o077).toBe(0);
    // the same key here already: kept, no password asked
    const again = await login(s.app, ADMIN.username, ADMIN.password);
    expect((await ok(s.app, again, 'backup.preview', { name: made!.name })).keyPasswordWanted).toBe(false);
  });
});
