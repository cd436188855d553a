/**
 * Who the demo's history is credited to, and when it happened.
 *
 * The system actor: one account (系统（演示数据）) that every generated write is stamped
 * with, so no real person's home page or audit trail claims a thousand rooms keyed in. It
 * acts through the API like anyone, with a session of whichever role the step needs (the
 * receptionist's for the registry, the cashier's for payments…), and is disabled at the end
 * so nobody can sign in as it.
 *
 * The timeline: steps at moments of the past year, played in time order with the store's
 * clock set to each moment, so receipts, cases and loans carry the day they happened on.
 */
import type { App } from '../api/app.js';
import type { OpInput, OpName, OpOutput } from '../api/types.js';
import type { Session } from '../auth/sessions.js';
import type { Role } from '../store/schema.js';

export const SYSTEM_ACTOR = { username: 'system.demo', displayName: '系统（演示数据）' } as const;

export type DemoCall = <N extends OpName>(token: string, name: N, input: OpInput<N>) => Promise<OpOutput<N>>;

export interface SystemActor {
  staffId: string;
  /** A token acting as the system account with this role's rights. */
  as(role: Role): string;
  /** Keep the sessions awake after the clock moved. */
  awake(nowMs: number): void;
  /** Sign out every session of it. */
  end(): void;
}

export function systemActor(app: App, staff: { id: string; siteId: string }): SystemActor {
  const sessions = new Map<Role, Session>();
  return {
    staffId: staff.id,
    as(role) {
      let s = sessions.get(role);
      if (!s) {
        s = app.sessions.create({
          staffId: staff.id, siteId: staff.siteId, username: SYSTEM_ACTOR.username, displayName: SYSTEM_ACTOR.displayName,
          role, lastActiveMs: app.store.clock.now().getTime(),
        });
        sessions.set(role, s);
      }
      return s.token;
    },
    awake(nowMs) {
      for (const s of sessions.values()) {
        s.lastActiveMs = nowMs;
        s.locked = false;
      }
    },
    end() {
      for (const s of sessions.values()) app.sessions.remove(s.token);
      sessions.clear();
    },
  };
}

/** A clock the demo can move (tests' fakeClock, and the CLI's). */
export interface SettableClock {
  now(): Date;
  set(d: Date | string): void;
}

export function isSettable(clock: { now(): Date }): clock is SettableClock {
  return typeof (clock as Partial<SettableClock>).set === 'function';
}

interface Step { at: number; order: number; run: () => Promise<void> }

/** Steps in time order (a binary heap: steps add later steps as they run). */
export class Timeline {
  private heap: Step[] = [];
  private order = 0;
  played = 0;

  add(at: number, run: () => Promise<void>): void {
    const h = this.heap;
    h.push({ at, order: this.order++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Step | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Run every step up to `until`, the clock set to each step's moment; later steps stay. */
  async play(clock: SettableClock, actor: SystemActor, until: number, each: () => void = () => undefined): Promise<void> {
    while (this.heap.length && this.heap[0]!.at <= until) {
      const step = this.pop()!;
      if (step.at > clock.now().getTime()) {
        clock.set(new Date(step.at));
        actor.awake(step.at);
      }
      await step.run();
      this.played++;
      each();
    }
  }
}

function before(a: Step, b: Step): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
