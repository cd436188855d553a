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
}

export interface SessionStore {
  create(s: Omit<Session, 'token' | 'locked'>): Session;
  get(token: string | null | undefined): Session | null;
  remove(token: string | null | undefined): void;
  /** Lock the session if idle longer than idleMs; otherwise mark it active now. */
  touch(session: Session, nowMs: number, idleMs: number): Session;
  /** Drop every session of a staff member (disabled, demoted, password reset). */
  removeStaff(staffId: string): void;
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
    touch(session, nowMs, idleMs) {
      if (!session.locked && idleMs > 0 && nowMs - session.lastActiveMs > idleMs) session.locked = true;
      if (!session.locked) session.lastActiveMs = nowMs;
      return session;
    },
    removeStaff(staffId) {
      for (const [t, s] of sessions) if (s.staffId === staffId) sessions.delete(t);
    },
  };
}
