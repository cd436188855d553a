import type { z } from 'zod';
import { AppError, storeFailure } from '../errors.js';
import { can } from '../auth/permissions.js';
import { createSessionStore, type Session, type SessionStore } from '../auth/sessions.js';
import { recordEvent } from '../audit/record.js';
import { closeFiles, sweepFiles } from '../files/files.js';
import { stopJobs } from '../jobs/jobs.js';
import { ROLE_NAMES } from '../i18n/roles.js';
import { storeIdentity } from '../sync/identity.js';
import { readSettings, type SiteSettings } from '../settings/queries.js';
import { beginWrite, endWrite, openStore, type OpenStoreOptions, type Store } from '../store/open.js';
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
  store: Store;
  sessions: SessionStore;
  /**
   * Run a named operation for the caller holding `token`. Never throws. `idleMs`: how long
   * ago the person at the screen last typed or clicked (a screen's own polling says so);
   * absent, the call itself counts as their input.
   */
  call(token: string | null, name: unknown, input: unknown, meta?: CallMeta): Promise<CallResult>;
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
    throw new Error(`an operation declared withoutStore used ctx.trx.${String(key)}`);
  },
}) as OpContext['trx'];

function refuse(error: AppError, token: string | null): CallResult {
  return { envelope: { ok: false, error: error.toApiError() }, token };
}

/**
 * Open the store and serve the operation registry. The order of checks is the contract
 * both hosts inherit: known operation → signed in (and not idle-locked) → input valid →
 * permission → run in one transaction, with the actor and operation stamped on every change.
 */
export async function createApp(file: string, options: OpenStoreOptions = {}): Promise<App> {
  const store = await openStore(file, options);
  const sessions = createSessionStore();
  let state = await loadState(store);

  /** Uploads and downloads of ended sign-ins, or idle an hour, go: after a sign-out, and at most once a minute. */
  let sweptMs = 0;
  async function sweep(force: boolean): Promise<void> {
    const nowMs = store.clock.now().getTime();
    if (!force && nowMs - sweptMs < 60_000) return;
    sweptMs = nowMs;
    await sweepFiles(store, sessions).catch((e: unknown) => console.error('[front-desk] file sweep failed:', e));
  }

  async function call(token: string | null, name: unknown, input: unknown, meta?: CallMeta): Promise<CallResult> {
    const result = await answer(token, name, input, meta);
    await sweep(result.token !== token);
    return result;
  }

  async function answer(token: string | null, name: unknown, input: unknown, meta?: CallMeta): Promise<CallResult> {
    if (typeof name !== 'string' || !Object.hasOwn(operations, name)) {
      // String() throws on objects without a prototype: this function must never throw
      const shown = typeof name === 'string' ? name.slice(0, 60) : `(${name === null ? 'null' : typeof name})`;
      return refuse(new AppError('api.unknown_op', { op: shown }), token);
    }
    const op = operations[name as keyof typeof operations] as unknown as OpDef<z.ZodType, unknown>;
    const now = store.clock.now();
    let session: Session | null = sessions.get(token);
    if (session && session.siteId !== state.siteId) session = null;
    if (session) sessions.touch(session, now.getTime(), state.settings.idleLockMinutes * 60_000, sinceInput(meta));
    if (op.access !== 'public') {
      if (!session) return refuse(new AppError('auth.no_session'), null);
      if (session.locked && !op.whenLocked) return refuse(new AppError('auth.session_locked'), token);
    }
    const control = controlCharacterPath(input);
    if (control) return refuse(controlCharacters(control), token);
    const parsed = op.input.safeParse(input);
    if (!parsed.success) return refuse(invalidInput(parsed.error), token);
    if (session && op.access !== 'public' && op.access !== 'signed-in' && !can(session.role, op.access)) {
      const who = session;
      await store.db.transaction().execute(async (trx) => {
        beginWrite(store, who.staffId, name);
        try {
          await recordEvent(trx, who.siteId, now, 'permission.denied', who.staffId, { operation: name });
        } finally {
          endWrite(store);
        }
      });
      const r = ROLE_NAMES[session.role];
      return refuse(new AppError('auth.forbidden', { role: session.role, roleZh: r['zh-CN'], roleEn: r['en-US'] }), token);
    }

    const contextFor = (trx: OpContext['trx'], hooks: Pick<OpContext, 'setSession' | 'invalidate'>): OpContext => ({
      trx, store, now, session, sessions, siteId: state.siteId, settings: state.settings, ...hooks,
    });
    /** A refusal passes through; anything else is a bug: logged, and the user told nothing was changed. */
    const failure = (e: unknown): CallResult => {
      if (e instanceof AppError) return refuse(e, token);
      const store = storeFailure(e);
      if (store) return refuse(store, token);
      console.error(`[front-desk] ${name} failed:`, e);
      return refuse(new AppError('api.internal'), token);
    };

    if (op.withoutStore) {
      // Job progress and file chunks: no transaction, so they answer while a job writes.
      try {
        const ctx = contextFor(NO_STORE, {
          setSession: () => { throw new Error('withoutStore operations cannot sign in or out'); },
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
      const value = await store.db.transaction().execute(async (trx) => {
        beginWrite(store, session?.staffId ?? null, name);
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
          endWrite(store);
        }
      });
      if (invalidated) state = await loadState(store);
      if (outcome.kept) return refuse(outcome.kept, nextToken);
      return { envelope: { ok: true, value: value ?? null }, token: nextToken };
    } catch (e) {
      return failure(e);
    }
  }

  const close = async () => {
    // Running jobs are cancelled (an import in progress rolls back) before the store closes.
    await stopJobs(store);
    await closeFiles(store);
    await store.close();
  };
  return { store, sessions, call, close };
}
