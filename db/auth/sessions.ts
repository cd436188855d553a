import { randomBytes } from 'node:crypto';
import type { Role } from '../store/schema.js';

/**
 * Signed-in sessions live in memory: a restart signs everyone out, which is what a desk
 * PC wants. A session is bound to one caller (an Electron window, or a browser cookie).
 */
export interface Session {
  token: string;
  staffId: string;
  siteId: string;
  username: string;
  displayName: string;
  role: Role;
  lastActiveMs: number;
  /** set once the idle time ran out; only unlock and sign-out work until then */
  locked: boolean;
  /** wrong approver passwords typed at this desk since the last good one (auth/approver.ts) */
  approvalFailures?: number;
  /** this desk may not ask for approvals again until then */
  approvalPausedUntilMs?: number;
}

export interface SessionStore {
  create(s: Omit<Session, 'token' | 'locked'>): Session;
  get(token: string | null | undefined): Session | null;
  remove(token: string | null | undefined): void;
  /**
   * Lock the session if idle longer than idleMs; otherwise mark it active as of the
   * person's last input, `sinceInputMs` before now (0: this call is that input). Calls a
   * screen makes by itself (polling) say how long ago the person last did something, so
   * they never keep an empty desk signed in.
   */
  touch(session: Session, nowMs: number, idleMs: number, sinceInputMs?: number): Session;
  /** Drop every session of a staff member (disabled, demoted, password reset, locked), except `keep`. */
  removeStaff(staffId: string, keep?: string): void;
  /** End every session (a restored store: its staff are the backup's). */
  removeAll(): void;
}

export function createSessionStore(): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(s) {
      const session: Session = { ...s, token: randomBytes(32).toString('base64url'), locked: false };
      sessions.set(session.token, session);
      return session;
    },
    get: (token) => (token ? sessions.get(token) ?? null : null),
    remove: (token) => {
      if (token) sessions.delete(token);
    },
    touch(session, nowMs, idleMs, sinceInputMs = 0) {
      if (session.locked) return session;
      const inputAt = nowMs - Math.max(0, sinceInputMs);
      // the longest stretch with no input: up to this input if it is new, else up to now
      const idleFor = inputAt > session.lastActiveMs ? Math.max(inputAt - session.lastActiveMs, nowMs - inputAt) : nowMs - session.lastActiveMs;
      if (idleMs > 0 && idleFor > idleMs) session.locked = true;
      else session.lastActiveMs = Math.max(session.lastActiveMs, inputAt);
      return session;
    },
    removeStaff(staffId, keep) {
      for (const [t, s] of sessions) if (s.staffId === staffId && t !== keep) sessions.delete(t);
    },
    removeAll: () => sessions.clear(),
  };
}
