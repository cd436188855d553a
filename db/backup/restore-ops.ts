import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { DeskControl } from '../api/desk.js';
import { defineOp, type OpContext } from '../api/op.js';
import { verifyPassword } from '../auth/password.js';
import { AppError } from '../errors.js';
import { listBackups, type Listed } from './catalogue.js';
import { judgeCandidate, prepareCandidate, swapIn, type Candidate, type LiveFacts } from './restore.js';
import { isBackupName } from './rules.js';
import { installKey, sealedKeyOf, unseal } from './key-seal.js';
import { KEY_FILE, loadSigningKey } from '../sync/keys.js';
import { readBackupSettings } from './settings.js';

/** A backup of the list (by name) or a file or folder the administrator chose (a full path). */
const sourceFields = { name: z.string().min(1).max(80).optional(), path: z.string().trim().min(1).max(1000).optional() };
const source = z.object(sourceFields);
/** the backup key password, when the backup's sealed signing key should come back (blank: not typed) */
const keyPasswordField = z.string().max(200).optional();

async function sourcePath(desk: DeskControl, s: z.output<typeof source>): Promise<{ path: string; listed: Listed | null }> {
  if (s.name) {
    const { folder } = readBackupSettings(desk.dataDir);
    const listed = isBackupName(s.name) ? (await listBackups(folder)).find((b) => b.name === s.name) ?? null : null;
    if (!listed) throw new AppError('backup.unknown', { name: s.name });
    return { path: listed.dir, listed };
  }
  if (!s.path || !isAbsolute(s.path)) throw new AppError('backup.not_found', { path: s.path ?? '' });
  return { path: s.path, listed: null };
}

/** What the live store holds now (for "what will be lost"); nothing when it cannot be read. */
function liveFacts(ctx: OpContext): LiveFacts & { changeSeq: number; receiptCount: number } {
  const none = { siteId: ctx.siteId, exportedSeq: 0, changeSeq: 0, receiptCount: 0 };
  if (!ctx.siteId || ctx.desk.damage()) return none;
  try {
    const one = (sql: string) => Number((ctx.store.raw.prepare(sql).get(ctx.siteId) as { n: number | null }).n ?? 0);
    return {
      siteId: ctx.siteId,
      exportedSeq: one("SELECT max(seq_to) AS n FROM sync_batch WHERE direction = 'out' AND writer_id = ?"),
      changeSeq: one('SELECT max(seq) AS n FROM change_log WHERE site_id = ?'),
      receiptCount: one('SELECT count(*) AS n FROM receipt WHERE site_id = ?'),
    };
  } catch {
    return none;
  }
}

/** Copy, check and judge the chosen backup; the copy is removed again when refused. */
async function candidateFor(ctx: OpContext, s: z.output<typeof source>, live: LiveFacts): Promise<Candidate & { listed: Listed | null }> {
  const { path, listed } = await sourcePath(ctx.desk, s);
  const c = await prepareCandidate(ctx.desk.dataDir, path, ctx.desk.nativeBinding);
  try {
    judgeCandidate(c.facts, live, ctx.desk.latestVersion);
  } catch (e) {
    await rm(c.incoming, { force: true });
    throw e;
  }
  return { ...c, listed };
}

/**
 * The sync signing key a backup brings: kept when this PC already has the same key; put back
 * (unsealed with the backup key password) when it has none or another; otherwise not restored
 * (the site then joins head office again). A wrong password refuses the restore, changing nothing.
 */
async function keyToRestore(ctx: OpContext, c: Candidate, password: string | undefined) {
  const sealed = sealedKeyOf(c.filesDir);
  const have = loadSigningKey(ctx.desk.dataDir);
  if (!sealed || have?.fingerprint === sealed.fingerprint) return { syncKey: have ? 'kept' as const : 'none' as const, pem: null };
  if (!password) return { syncKey: 'not-restored' as const, pem: null };
  const pem = await unseal(sealed, password);
  if (!pem) {
    await rm(c.incoming, { force: true });
    throw new AppError('backup.key_password');
  }
  return { syncKey: 'restored' as const, pem };
}

async function restoreFrom(ctx: OpContext, c: Candidate, keyPassword?: string) {
  const key = await keyToRestore(ctx, c, keyPassword);
  let aside = '';
  await ctx.desk.replaceStore(async () => {
    const swapped = await swapIn(ctx.desk.dataDir, ctx.desk.storeFile, c, new Date());
    aside = swapped.aside;
    if (key.pem) {
      // the key it replaces goes aside with the store it belonged to
      if (existsSync(join(ctx.desk.dataDir, KEY_FILE))) await copyFile(join(ctx.desk.dataDir, KEY_FILE), join(aside, KEY_FILE));
      installKey(ctx.desk.dataDir, key.pem);
    }
    return swapped;
  });
  return { aside, syncKey: key.syncKey };
}

/** An active administrator of the backup, by the password that backup holds. */
async function backupAdmin(file: string, username: string, password: string): Promise<boolean> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let row: { password_hash: string } | undefined;
  try {
    row = db.prepare("SELECT password_hash FROM staff WHERE username = ? COLLATE NOCASE AND role = 'admin' AND active = 1").get(username.trim()) as typeof row;
  } finally {
    db.close();
  }
  // the same cost either way: an unknown name tells a guesser nothing
  const ok = await verifyPassword(password, row?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  return ok && row !== undefined;
}

export const restoreOps = {
  /** Before the confirmation: is this backup usable here, and what would restoring it lose? */
  'backup.preview': defineOp({
    input: source,
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx, input) => {
      const live = liveFacts(ctx);
      const c = await candidateFor(ctx, input, live);
      await rm(c.incoming, { force: true });
      const sealed = sealedKeyOf(c.filesDir);
      return {
        at: c.listed?.at ?? null,
        /** the backup holds the signing key and this PC lacks it: the backup key password brings it back */
        keyPasswordWanted: !!sealed && loadSigningKey(ctx.desk.dataDir)?.fingerprint !== sealed.fingerprint,
        backupChangeSeq: c.facts.changeSeq,
        liveChangeSeq: live.changeSeq,
        changesLost: Math.max(0, live.changeSeq - c.facts.changeSeq),
        receiptsInBackup: c.facts.receiptCount,
        receiptsLost: Math.max(0, live.receiptCount - c.facts.receiptCount),
      };
    },
  }),
  /** Restore, after the confirmation: every session ends, everyone signs in again. */
  'backup.restore': defineOp({
    input: z.object({ ...sourceFields, keyPassword: keyPasswordField, confirm: z.literal(true) }),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx, input) => restoreFrom(ctx, await candidateFor(ctx, input, liveFacts(ctx)), input.keyPassword),
  }),
  /** The recovery screen: what happened, and the backups to choose from. */
  'backup.recoveryStatus': defineOp({
    input: z.object({}).optional(),
    access: 'public',
    inRecovery: true,
    run: async (ctx) => {
      const damage = ctx.desk.damage();
      const { folder } = readBackupSettings(ctx.desk.dataDir);
      const backups = damage ? (await listBackups(folder)).filter((b) => b.state === 'verified') : [];
      return {
        damaged: damage ? damage.toApiError() : null,
        folder,
        dataDir: ctx.desk.dataDir,
        storeExists: existsSync(ctx.desk.storeFile),
        backups: backups.map((b) => ({ name: b.name, at: b.at, bytes: b.storeBytes + b.filesBytes, receiptCount: b.receiptCount, siteCode: b.siteCode })),
      };
    },
  }),
  /** Restore a damaged store: an administrator of the chosen backup signs for it with that backup's password. */
  'backup.recoveryRestore': defineOp({
    input: z.object({
      ...sourceFields, username: z.string().min(1).max(60), password: z.string().min(1).max(200), keyPassword: keyPasswordField, confirm: z.literal(true),
    }),
    access: 'public',
    inRecovery: true,
    run: async (ctx, input) => {
      if (!ctx.desk.damage()) throw new AppError('backup.not_damaged');
      const c = await candidateFor(ctx, input, { siteId: null, exportedSeq: 0 });
      if (!(await backupAdmin(c.incoming, input.username, input.password))) {
        await rm(c.incoming, { force: true });
        throw new AppError('backup.not_admin');
      }
      return restoreFrom(ctx, c, input.keyPassword);
    },
  }),
};
