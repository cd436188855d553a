import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { AppError } from '../errors.js';
import { listBackups } from './catalogue.js';
import { BACKUP_STALE_MS } from './rules.js';
import { backupRun, cancelBackup, lastGoodBackupAt, startBackup } from './runner.js';
import { backupSettingsSchema, readBackupSettings, writeBackupSettings } from './settings.js';
import { requireSession, requireSite } from '../api/op.js';
import { recordEvent } from '../audit/record.js';
import { checkReceiptSequence, receiptGap } from './receipt-guard.js';
import { keyPasswordSet, setKeyPassword } from './key-seal.js';
import { newRow } from '../api/rows.js';
import { lastReceiptSeq } from '../fees/receipt-numbers.js';
import { receiptNumber } from '../fees/rules.js';

/** A folder outside the data folder, that exists (or can be made) and takes files. */
function usableFolder(dataDir: string, typed: string): string {
  const folder = resolve(typed.trim());
  const bad = (reasonZh: string, reasonEn: string) => new AppError('backup.bad_folder', { folder: typed, reasonZh, reasonEn });
  if (!isAbsolute(typed.trim())) throw bad('必须是完整路径（如 D:\\备份 或 /media/u盘/备份）', 'it must be a full path (e.g. D:\\Backups or /media/usb/backups)');
  const rel = relative(dataDir, folder);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) throw bad('它在数据文件夹之内，磁盘损坏时会一起丢失', 'it lies inside the data folder and would be lost with it');
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
    if (!statSync(folder).isDirectory()) throw bad('这不是文件夹', 'it is not a folder');
    accessSync(folder, constants.W_OK);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad('无法写入（磁盘未连接或没有权限）', 'it cannot be written (the drive is not connected, or no permission)');
  }
  return folder;
}

export const backupOps = {
  /** The backup tab: where, when, how many, every backup found there and the one running. */
  'backup.list': defineOp({
    input: z.object({}).optional(),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx) => {
      const settings = readBackupSettings(ctx.desk.dataDir);
      const all = await listBackups(settings.folder);
      return {
        settings,
        keyPasswordSet: keyPasswordSet(ctx.desk.dataDir),
        running: backupRun(ctx.desk.dataDir),
        backups: all.map((b) => ({
          name: b.name, at: b.at, reason: b.reason, state: b.state, integrity: b.integrity, bytes: b.storeBytes + b.filesBytes,
          fileCount: b.fileCount, receiptCount: b.receiptCount, changeSeq: b.changeSeq, ours: !ctx.siteId || b.siteId === ctx.siteId,
        })),
      };
    },
  }),
  'backup.saveSettings': defineOp({
    input: backupSettingsSchema.extend({ folder: z.string().trim().min(1).max(500) }),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx, input) => {
      const folder = usableFolder(ctx.desk.dataDir, input.folder);
      writeBackupSettings(ctx.desk.dataDir, { ...input, folder });
      return readBackupSettings(ctx.desk.dataDir);
    },
  }),
  /**
   * The backup key password: later backups carry the sync signing key sealed with it, so a
   * site restored on another PC keeps sending to head office. Not kept anywhere in clear.
   */
  'backup.setKeyPassword': defineOp({
    input: z.object({ password: z.string().min(8).max(200) }),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx, input) => {
      await setKeyPassword(ctx.desk.dataDir, input.password);
      return { keyPasswordSet: true };
    },
  }),
  /** Back up now (the button): answers at once; the tab follows backup.status. */
  'backup.start': defineOp({
    input: z.object({}).optional(),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx) => startBackup(ctx.store, ctx.desk, 'manual', ctx.settings.utcOffsetMinutes),
  }),
  'backup.status': defineOp({
    input: z.object({}).optional(),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx) => backupRun(ctx.desk.dataDir),
  }),
  /** Stop the running backup: what it wrote so far is removed. */
  'backup.cancel': defineOp({
    input: z.object({}).optional(),
    access: 'settings.manage',
    withoutStore: true,
    run: async (ctx) => cancelBackup(ctx.desk.dataDir),
  }),
  /** For the home page: is there a good backup from the last day? */
  'backup.health': defineOp({
    input: z.object({}).optional(),
    access: 'signed-in',
    withoutStore: true,
    run: async (ctx) => {
      const { folder, at } = await lastGoodBackupAt(ctx.desk.dataDir, ctx.siteId);
      const stale = !at || ctx.now.getTime() - new Date(at).getTime() > BACKUP_STALE_MS;
      return { configured: folder !== null, lastGoodAt: at, stale, receiptGap: receiptGap(ctx.desk.dataDir) };
    },
  }),
  /**
   * A supervisor accounts for the receipt gap after looking into it (the newer backup is
   * gone, the paper receipts are found or known): each missing number is recorded as lost,
   * with who and why, so it is never issued again and the sequence has no hole; numbers
   * are issued again from the next one. The audit trail keeps the confirmation too.
   */
  'backup.releaseReceipts': defineOp({
    input: z.object({ reason: z.string().trim().min(4).max(500) }),
    access: 'fees.approve_void',
    run: async (ctx, input) => {
      const gap = receiptGap(ctx.desk.dataDir);
      if (!gap) return { released: false, numbers: [] as string[] };
      const siteId = requireSite(ctx);
      const me = requireSession(ctx).staffId;
      const numbers: string[] = [];
      for (let seq = lastReceiptSeq(ctx.store.raw, siteId, gap.kind, gap.year) + 1; seq <= gap.known; seq++) {
        const number = receiptNumber(ctx.settings.receiptPrefix, gap.year, seq, gap.kind, ctx.settings.receiptSite);
        await ctx.trx.insertInto('receipt_number_skip').values({
          ...newRow(siteId, ctx.now), kind: gap.kind, year: gap.year, seq, number, cause: 'lost', reason: input.reason, done_by: me,
        }).execute();
        numbers.push(number);
      }
      await recordEvent(ctx.trx, siteId, ctx.now, 'receipts.gap_released', me, { ...gap, numbers, reason: input.reason });
      // another kind or year may be behind too: it is held in turn
      await checkReceiptSequence(ctx.store, ctx.desk.dataDir, siteId);
      return { released: true, numbers };
    },
  }),
  /** The receipt numbers taken out of use (lost after a crash), newest first, for the backup tab. */
  'backup.skippedNumbers': defineOp({
    input: z.object({}).optional(),
    access: 'settings.manage',
    run: async (ctx) => ctx.trx.selectFrom('receipt_number_skip as k').innerJoin('staff as s', 's.id', 'k.done_by')
      .select(['k.id', 'k.number', 'k.cause', 'k.reason', 'k.created_at as at', 's.display_name as doneBy'])
      .where('k.site_id', '=', requireSite(ctx)).orderBy('k.created_at', 'desc').orderBy('k.seq', 'desc').limit(500).execute(),
  }),
};
