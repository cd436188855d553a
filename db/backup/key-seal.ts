import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../sync/files.js';
import { KEY_FILE, loadSigningKey } from '../sync/keys.js';

/**
 * The sync signing key in backups. A site restored on a replaced PC must keep signing its
 * change files with the key head office knows, so every backup carries the key — sealed:
 * encrypted (AES-256-GCM) with a key derived (scrypt) from the backup key password the
 * administrator sets under 设置 → 备份. A backup drive that goes missing gives nobody the
 * key without that password. The derived key is kept in the data folder beside the signing
 * key itself (owner-only), so daily backups seal it without anyone typing the password;
 * restoring a backup onto a PC without the key asks for the password.
 */
export const SEAL_SETTINGS_FILE = 'backup-key.json';
export const SEALED_KEY_FILE = 'sync-key.sealed.json';

const sealSettings = z.object({ salt: z.string(), key: z.string() });
const sealedSchema = z.object({ format: z.literal(1), salt: z.string(), iv: z.string(), tag: z.string(), data: z.string(), fingerprint: z.string() });
export type SealedKey = z.infer<typeof sealedSchema>;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Set (or change) the backup key password: later backups seal the signing key with it. */
export async function setKeyPassword(dataDir: string, password: string): Promise<void> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  writeFileAtomic(join(dataDir, SEAL_SETTINGS_FILE), Buffer.from(JSON.stringify({ salt: salt.toString('base64'), key: key.toString('base64') })), 0o600);
}

export function keyPasswordSet(dataDir: string): boolean {
  return existsSync(join(dataDir, SEAL_SETTINGS_FILE));
}

/** Write the sealed signing key into a backup folder; false when there is no key or no password set. */
export async function sealKeyInto(dataDir: string, backupDir: string): Promise<boolean> {
  const signing = loadSigningKey(dataDir);
  const file = join(dataDir, SEAL_SETTINGS_FILE);
  if (!signing || !existsSync(file)) return false;
  const s = sealSettings.parse(JSON.parse(readFileSync(file, 'utf8')));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(s.key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(readFileSync(join(dataDir, KEY_FILE))), cipher.final()]);
  const sealed: SealedKey = {
    format: 1, salt: s.salt, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64'), fingerprint: signing.fingerprint,
  };
  await writeFile(join(backupDir, SEALED_KEY_FILE), JSON.stringify(sealed, null, 2), { mode: 0o600 });
  return true;
}

/** The sealed key a backup folder holds, if any. */
export function sealedKeyOf(backupDir: string | null): SealedKey | null {
  if (!backupDir || !existsSync(join(backupDir, SEALED_KEY_FILE))) return null;
  try {
    return sealedSchema.parse(JSON.parse(readFileSync(join(backupDir, SEALED_KEY_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** The key's PEM, or null when the password is wrong. */
export async function unseal(sealed: SealedKey, password: string): Promise<Buffer | null> {
  try {
    const key = await derive(password, Buffer.from(sealed.salt, 'base64'));
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    d.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(sealed.data, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

/** Put an unsealed key in the data folder (owner-only), as the site's signing key. */
export function installKey(dataDir: string, pem: Buffer): void {
  writeFileAtomic(join(dataDir, KEY_FILE), pem, 0o600);
}
