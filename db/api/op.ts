import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Permission } from '../auth/permissions.js';
import type { Session, SessionStore } from '../auth/sessions.js';
import type { Store } from '../store/open.js';
import type { Schema } from '../store/schema.js';
import type { SiteSettings } from '../settings/queries.js';
import type { DeskControl } from './desk.js';

/**
 * Who may call an operation: anyone (sign-in, first-run set-up), anyone signed in, or
 * holders of a permission.
 */
export type Access = 'public' | 'signed-in' | Permission;

/** What a handler gets: the open transaction, the caller, the clock, and the app's state. */
export interface OpContext {
  trx: Transaction<Schema>;
  store: Store;
  now: Date;
  session: Session | null;
  /** this desk's site (null only before first-run set-up) */
  siteId: string | null;
  sessions: SessionStore;
  settings: SiteSettings;
  /** bind the caller to a new session (sign-in) or none (sign-out) */
  setSession(session: Session | null): void;
  /** the app re-reads site and settings after an operation that changed them */
  invalidate(): void;
  /** the program around the store: data folder, recovery, putting a restored store in place */
  desk: DeskControl;
}

export interface OpDef<S extends z.ZodType, R> {
  input: S;
  access: Access;
  /** may run on a session that locked after idle time (unlock, sign-out, who-am-I) */
  whenLocked?: boolean;
  /**
   * answers from memory or the data folder, never the store (job progress, file chunks):
   * it runs outside any transaction, so it still answers while a long job holds the one
   * connection. Its ctx.trx refuses to be used.
   */
  withoutStore?: boolean;
  /**
   * a long read (a whole-site report, a big export): it runs outside any transaction and
   * reads through ctx.store.reader, on its own connection in a worker, so the desk's one
   * connection stays free for payments while it runs. Its ctx.trx refuses to be used.
   */
  readsApart?: boolean;
  /**
   * a consolidated read of head office (sync area): when head office has a PostgreSQL server,
   * it runs outside the desk's transaction, so a slow or stalled server never holds the desk's
   * one connection; each of its few reads of the desk's store then takes the connection for
   * one statement. It must not write. Without a server it runs like any other operation.
   */
  readsServer?: boolean;
  /**
   * a short read of the desk's own store, made synchronously (prepared statements on
   * ctx.store.raw, all before any await): when no transaction is open on the desk's connection
   * it runs at once, outside any, since nothing can come between the statements of a
   * synchronous read and no half-done change can be seen; while one is open (a job between its
   * steps) it waits its turn in a transaction like any other. It must not write. When it runs
   * at once its ctx.trx refuses to be used.
   */
  readsAtOnce?: boolean;
  /**
   * answers also while the store is damaged or being replaced (the recovery screen): implies
   * withoutStore, and ctx.store refuses to be used too
   */
  inRecovery?: boolean;
  run(ctx: OpContext, input: z.output<S>): Promise<R>;
}

/** Declare an operation; the identity function exists so TypeScript infers S and R. */
export function defineOp<S extends z.ZodType, R>(def: OpDef<S, R>): OpDef<S, R> {
  return def;
}

/** The caller must be signed in: narrows ctx.session for handlers behind a permission. */
export function requireSession(ctx: OpContext): Session {
  if (!ctx.session) throw new Error('operation reached without a session');
  return ctx.session;
}

export function requireSite(ctx: OpContext): string {
  if (!ctx.siteId) throw new Error('operation reached before set-up');
  return ctx.siteId;
}
