import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { backupFinished, startBackup } from '../backup/runner.js';
import { checkReceiptSequence, ISSUES_RECEIPT_NUMBERS, receiptGap } from '../backup/receipt-guard.js';
import { createDeskWatch } from '../backup/watch.js';
import { createAutoExport } from '../sync/auto-export.js';
import { exportFinished } from '../sync/export.js';
import { migrations as allMigrations } from '../store/migrations/index.js';
import { AppError, storeFailure } from '../errors.js';
import { can } from '../auth/permissions.js';
import { createSessionStore, type Session, type SessionStore } from '../auth/sessions.js';
import { recordEvent } from '../audit/record.js';
import { closeFiles, sweepFiles } from '../files/files.js';
import { stopJobs } from '../jobs/jobs.js';
import { ROLE_NAMES } from '../i18n/roles.js';
import { storeIdentity } from '../sync/identity.js';
import { pgUrlOf } from '../headoffice-pg/config.js';
import { DEFAULT_SETTINGS, readSettings, type SiteSettings } from '../settings/queries.js';
import { beginWrite, endWrite, openStore, type OpenStoreOptions, type Store } from '../store/open.js';
import type { DeskControl } from './desk.js';
import type { OpContext, OpDef } from './op.js';
import { operations } from './operations.js';
import type { Envelope } from './types.js';
import { controlCharacterPath, controlCharacters, invalidInput } from './validation.js';

/** The result of one call, and the caller's session token after it (sign-in and sign-out change it). */
export interface CallResult {
  envelope: Envelope<unknown>;
  token: string | null;
}

export interface App {
  /** the open store (throws while the desk is in recovery: damaged, or being restored) */
  readonly store: Store;
  readonly desk: DeskControl;
  sessions: SessionStore;
  /**
   * Run a named operation for the caller holding `token`. Never throws. `idleMs`: how long
   * ago the person at the screen last typed or clicked (a screen's own polling says so);
   * absent, the call itself counts as their input.
   */
  call(token: string | null, name: unknown, input: unknown, meta?: CallMeta): Promise<CallResult>;
  /** the idle check of the live store, now (it also runs by itself every few hours when idle): false when damaged */
  checkStore(): Promise<boolean>;
  close(): Promise<void>;
}

export interface CallMeta {
  idleMs?: unknown;
}

/** Milliseconds since the person's last input, from whatever a host passed along (junk counts as none: 0). */
function sinceInput(meta: CallMeta | undefined): number {
  const v = meta?.idleMs;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(v, 365 * 86_400_000) : 0;
}

interface SiteState {
  siteId: string | null;
  settings: SiteSettings;
}

async function loadState(store: Store): Promise<SiteState> {
  // the site this store is, as recorded at set-up: a head-office store holds many sites' rows
  const siteId = (await storeIdentity(store.db))?.siteId ?? null;
  return { siteId, settings: await readSettings(store.db, siteId) };
}

/** What a withoutStore operation gets for ctx.trx: touching it is a programming error. */
const NO_STORE = new Proxy({}, {
  get: (_t, key) => {
    throw new Error(`an operation declared withoutStore, readsApart or readsAtOnce used ctx.trx.${String(key)}`);
  },
}) as OpContext['trx'];
/** What a recovery operation gets for ctx.store: there may be none. */
const NO_OPEN_STORE = new Proxy({}, {
  get: (_t, key) => {
    throw new Error(`an operation declared inRecovery used ctx.store.${String(key)}`);
  },
}) as Store;

/** A file that exists with content but that openStore refused as damaged: the desk starts in recovery. */
function damagedAtStart(file: string, e: unknown): e is AppError {
  return e instanceof AppError && e.code === 'store.corrupt' && existsSync(file) && statSync(file).size > 0;
}

function refuse(error: AppError, token: string | null): CallResult {
  return { envelope: { ok: false, error: error.toApiError() }, token };
}

/**
 * Open the store and serve the operation registry. The order of checks is the contract
 * both hosts inherit: known operation → signed in (and not idle-locked) → input valid →
 * permission → run in one transaction, with the actor and operation stamped on every change.
 */
export async function createApp(file: string, options: OpenStoreOptions = {}): Promise<App> {
  let store: Store | null = null;
  /** the damage that put the desk in recovery (found at start, at runtime or by the idle check) */
  let damage: AppError | null = null;
  let restoring = false;
  try {
    store = await openStore(file, options);
  } catch (e) {
    if (!damagedAtStart(file, e)) throw e;
    console.error('[front-desk] the store is damaged; starting in recovery:', e.message);
    damage = new AppError('backup.needs_restore');
  }
  const sessions = createSessionStore();
  let state: SiteState = store ? await loadState(store) : { siteId: null, settings: DEFAULT_SETTINGS };
  if (store) await checkReceiptSequence(store, dirname(file), state.siteId);

  const desk: DeskControl = {
    dataDir: dirname(file),
    storeFile: file,
    nativeBinding: options.nativeBinding,
    latestVersion: Object.keys(options.migrations ?? allMigrations).length,
    damage: () => damage,
    async replaceStore(swap) {
      restoring = true;
      try {
        if (store) {
          await backupFinished(desk.dataDir);
          await closeStore(store);
          store = null;
        }
        sessions.removeAll();
        const { undo } = await swap();
        try {
          store = await openStore(file, options);
        } catch (e) {
          await undo();
          store = await openStore(file, options).catch(() => null);
          const detail = e instanceof AppError ? e.code : String((e as Error)?.message ?? e).slice(0, 160);
          throw new AppError('backup.restore_failed', { detail });
        }
        damage = null;
        state = await loadState(store);
        await checkReceiptSequence(store, desk.dataDir, state.siteId);
      } finally {
        restoring = false;
      }
    },
  };
  const watch = createDeskWatch({
    desk,
    store: () => (damage || restoring ? null : store),
    site: () => state,
    onDamage: (e) => { damage = e; },
  });
  const autoExport = createAutoExport({ store: () => (damage || restoring ? null : store), site: () => state });

  /** Uploads and downloads of ended sign-ins, or idle an hour, go: after a sign-out, and at most once a minute. */
  let sweptMs = 0;
  async function sweep(force: boolean): Promise<void> {
    if (!store || damage) return;
    const nowMs = store.clock.now().getTime();
    if (!force && nowMs - sweptMs < 60_000) return;
    sweptMs = nowMs;
    await sweepFiles(store, sessions).catch((e: unknown) => console.error('[front-desk] file sweep failed:', e));
  }

  async function call(token: string | null, name: unknown, input: unknown, meta?: CallMeta): Promise<CallResult> {
    watch.touched();
    const result = await answer(token, name, input, meta);
    await sweep(result.token !== token);
    // the cashier's day close is a moment worth a backup (when a folder is chosen)
    if (name === 'fees.closeDay' && result.envelope.ok && store && !damage) {
      try {
        startBackup(store, desk, 'day-close', state.settings.utcOffsetMinutes);
      } catch {
        // no folder chosen, or one already running: the home page's warning says so
      }
      // and the day's takings go to head office now, not at the timer's next turn
      void autoExport.dayClosed();
    }
    return result;
  }

  /** The recovery screen's operations: no store, no session (the person proves to be an administrator of the backup). */
  async function recover(op: OpDef<z.ZodType, unknown>, name: string, input: unknown, token: string | null): Promise<CallResult> {
    if (!op.inRecovery) {
      return refuse(restoring ? new AppError('backup.restoring') : damage ?? new AppError('backup.needs_restore'), token);
    }
    const control = controlCharacterPath(input);
    if (control) return refuse(controlCharacters(control), token);
    const parsed = op.input.safeParse(input);
    if (!parsed.success) return refuse(invalidInput(parsed.error), token);
    try {
      const value = await op.run({
        trx: NO_STORE, store: NO_OPEN_STORE, now: new Date(), session: null, sessions, siteId: state.siteId, settings: state.settings,
        setSession: () => { throw new Error('recovery operations cannot sign in'); }, invalidate: () => undefined, desk,
      }, parsed.data);
      return { envelope: { ok: true, value: value ?? null }, token: null };
    } catch (e) {
      if (e instanceof AppError) return refuse(e, token);
      console.error(`[front-desk] ${name} failed:`, e);
      return refuse(new AppError('api.internal'), token);
    }
  }

  async function answer(token: string | null, name: unknown, input: unknown, meta?: CallMeta): Promise<CallResult> {
    if (typeof name !== 'string' || !Object.hasOwn(operations, name)) {
      // String() throws on objects without a prototype: this function must never throw
      const shown = typeof name === 'string' ? name.slice(0, 60) : `(${name === null ? 'null' : typeof name})`;
      return refuse(new AppError('api.unknown_op', { op: shown }), token);
    }
    const op = operations[name as keyof typeof operations] as unknown as OpDef<z.ZodType, unknown>;
    if (!store || damage || restoring || op.inRecovery) return recover(op, name, input, token);
    const store_ = store;
    const now = store.clock.now();
    let session: Session | null = sessions.get(token);
    if (session && session.siteId !== state.siteId) session = null;
    if (session) sessions.touch(session, now.getTime(), state.settings.idleLockMinutes * 60_000, sinceInput(meta));
    if (op.access !== 'public') {
      if (!session) return refuse(new AppError('auth.no_session'), null);
      if (session.locked && !op.whenLocked) return refuse(new AppError('auth.session_locked'), token);
    }
    const gap = ISSUES_RECEIPT_NUMBERS.has(name) ? receiptGap(desk.dataDir) : null;
    if (gap) {
      return refuse(new AppError('backup.receipts_behind', { year: gap.year, have: gap.have, known: gap.known }), token);
    }
    const control = controlCharacterPath(input);
    if (control) return refuse(controlCharacters(control), token);
    const parsed = op.input.safeParse(input);
    if (!parsed.success) return refuse(invalidInput(parsed.error), token);
    if (session && op.access !== 'public' && op.access !== 'signed-in' && !can(session.role, op.access)) {
      const who = session;
      await store_.db.transaction().execute(async (trx) => {
        beginWrite(store_, who.staffId, name);
        try {
          await recordEvent(trx, who.siteId, now, 'permission.denied', who.staffId, { operation: name });
        } finally {
          endWrite(store_);
        }
      });
      const r = ROLE_NAMES[session.role];
      return refuse(new AppError('auth.forbidden', { role: session.role, roleZh: r['zh-CN'], roleEn: r['en-US'] }), token);
    }

    const contextFor = (trx: OpContext['trx'], hooks: Pick<OpContext, 'setSession' | 'invalidate'>): OpContext => ({
      trx, store: store_, now, session, sessions, siteId: state.siteId, settings: state.settings, desk, ...hooks,
    });
    /** A refusal passes through; anything else is a bug: logged, and the user told nothing was changed. */
    const failure = (e: unknown): CallResult => {
      if (e instanceof AppError) return refuse(e, token);
      const failed = storeFailure(e);
      if (failed?.code === 'store.damaged') {
        // damage found while working: nothing more is written into the file until it is restored
        damage = new AppError('backup.needs_restore');
      }
      if (failed) return refuse(failed, token);
      console.error(`[front-desk] ${name} failed:`, e);
      return refuse(new AppError('api.internal'), token);
    };

    // Job progress and file chunks, and long reads on the report reader: no transaction, so
    // they answer while a job writes, and a payment is not kept waiting behind a report. A
    // short synchronous read, when no transaction is open: no transaction to open either. Head
    // office's reads of its server: statement by statement on the desk's store (the builder
    // takes the one connection for each, waiting for any transaction to end).
    const atOnce = op.readsAtOnce === true && !store_.raw.inTransaction;
    const apart = op.withoutStore || op.readsApart || atOnce ? NO_STORE : op.readsServer && pgUrlOf(store_) ? (store_.db as unknown as OpContext['trx']) : null;
    if (apart) {
      try {
        const ctx = contextFor(apart, {
          setSession: () => { throw new Error('operations outside the desk\'s transaction cannot sign in or out'); },
          invalidate: () => undefined,
        });
        const value = await op.run(ctx, parsed.data);
        return { envelope: { ok: true, value: value ?? null }, token: session?.token ?? null };
      } catch (e) {
        return failure(e);
      }
    }

    let nextToken = session?.token ?? null;
    let invalidated = false;
    const outcome: { kept: AppError | null } = { kept: null };
    try {
      const value = await store_.db.transaction().execute(async (trx) => {
        beginWrite(store_, session?.staffId ?? null, name);
        const ctx = contextFor(trx, {
          setSession: (s) => { nextToken = s?.token ?? null; },
          invalidate: () => { invalidated = true; },
        });
        try {
          return await op.run(ctx, parsed.data);
        } catch (e) {
          if (e instanceof AppError && e.keepChanges) {
            outcome.kept = e; // commit the bookkeeping (e.g. a failed sign-in), then refuse
            return undefined;
          }
          throw e;
        } finally {
          endWrite(store_);
        }
      });
      if (invalidated) state = await loadState(store_);
      if (outcome.kept) return refuse(outcome.kept, nextToken);
      return { envelope: { ok: true, value: value ?? null }, token: nextToken };
    } catch (e) {
      return failure(e);
    }
  }

  const close = async () => {
    watch.stop();
    autoExport.stop();
    if (!store) return;
    await backupFinished(desk.dataDir);
    await exportFinished(store);
    await closeStore(store);
    store = null;
  };
  return {
    get store() {
      if (!store) throw damage ?? new AppError('backup.restoring');
      return store;
    },
    desk, sessions, call, close,
    checkStore: () => watch.checkNow(),
  };
}

/** Running jobs are cancelled (an import in progress rolls back) before the store closes. */
async function closeStore(store: Store): Promise<void> {
  await stopJobs(store);
  await closeFiles(store);
  await store.close();
}
