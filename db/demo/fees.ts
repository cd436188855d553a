/**
 * The demo's fee collection: the site's fee items with their prices (one raised mid-year), a
 * bill run on the first of every month, and a year of payments taken at the till with
 * numbered receipts, by each household's habit: monthly, quarterly, half-yearly, yearly, or
 * late (the arrears the dunning list shows). Everything through the fee operations.
 */
import type { App } from '../api/app.js';
import type { DemoScale } from './generate.js';
import type { DemoCall, SystemActor, Timeline } from './actor.js';
import { chance, int, pick, pickWeighted, type Rand } from './random.js';
import { at, dayIn, deskTime, monthsFrom } from './when.js';

export const DEMO_FEE_ITEMS = [
  { code: 'WYF', name: '物业服务费', kind: 'area', unit: '元/㎡·月', appliesTo: 'residential', price: '2.80' },
  { code: 'SYWYF', name: '商铺物业服务费', kind: 'area', unit: '元/㎡·月', appliesTo: 'shop', price: '6.50' },
  { code: 'BGWYF', name: '写字楼物业服务费', kind: 'area', unit: '元/㎡·月', appliesTo: 'office', price: '4.20' },
  { code: 'CWGLF', name: '车位管理费', kind: 'fixed', unit: '元/月', appliesTo: 'parking', price: '80' },
  { code: 'LJF', name: '生活垃圾处理费', kind: 'fixed', unit: '元/户·月', appliesTo: 'residential', price: '12' },
  { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '元/吨', appliesTo: 'all', price: '4.30' },
  { code: 'ZXYJ', name: '装修押金', kind: 'deposit', unit: '元', appliesTo: 'residential', price: '2000' },
  { code: 'GBF', name: '门禁卡工本费', kind: 'oneoff', unit: '元/张', appliesTo: 'all', price: '20' },
] as const;

/** The garbage fee goes up from the seventh month of the year shown. */
const RAISE = { code: 'LJF', price: '15' };

type Habit = 'monthly' | 'quarterly' | 'half' | 'yearly' | 'late';
const EVERY: Record<Habit, number> = { monthly: 1, quarterly: 3, half: 6, yearly: 12, late: 5 };
const METHODS = [['wechat', 45], ['alipay', 25], ['cash', 14], ['card', 10], ['bank', 6]] as const;

export interface FeeCounts { feeItems: number; billRuns: number; receipts: number }

export async function planFees(
  app: App, call: DemoCall, actor: SystemActor, timeline: Timeline, rand: Rand,
  o: { scale: DemoScale; siteId: string; start: string; end: number; endDay: string; counts: FeeCounts },
): Promise<void> {
  const admin = actor.as('admin');
  const cashier = actor.as('cashier');
  const months = monthsFrom(o.start, o.endDay);
  const ids = new Map<string, string>();
  for (const item of DEMO_FEE_ITEMS) {
    const { id } = await call(admin, 'fees.saveItem', {
      code: item.code, name: item.name, kind: item.kind, meter: 'meter' in item ? item.meter : null, unit: item.unit, appliesTo: item.appliesTo, active: true,
    });
    ids.set(item.code, id);
    await call(admin, 'fees.addRate', { itemId: id, validFrom: months[0]!, price: item.price });
    o.counts.feeItems++;
  }
  const raiseFrom = months[Math.min(6, months.length - 1)]!;
  timeline.add(at(dayIn(months[Math.max(0, months.indexOf(raiseFrom) - 1)]!, 20), 10 * 60), async () => {
    await call(admin, 'fees.addRate', { itemId: ids.get(RAISE.code)!, validFrom: raiseFrom, price: RAISE.price });
  });

  // the bill run: the first working morning of each month
  for (const period of months) {
    timeline.add(at(dayIn(period, 1), 8 * 60 + 40), async () => {
      await call(cashier, 'fees.generate', { period, commit: true });
      o.counts.billRuns++;
    });
  }

  // who pays, and how often: rooms with an owner; an unsold room's bills stay open
  const raw = app.store.raw;
  const rooms = raw.prepare(`SELECT r.id, r.usage, (SELECT o.name FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL ORDER BY o.kind, o.move_in LIMIT 1) AS payer
    FROM room r WHERE r.site_id = ? ORDER BY r.code`).all(o.siteId) as { id: string; usage: string; payer: string | null }[];
  const weights: readonly (readonly [Habit, number])[] = o.scale === 'small'
    ? [['monthly', 25], ['quarterly', 35], ['half', 18], ['yearly', 10], ['late', 12]]
    : [['monthly', 8], ['quarterly', 37], ['half', 30], ['yearly', 13], ['late', 12]];
  const open = raw.prepare('SELECT bill_id, owed FROM bill_open WHERE room_id = ? ORDER BY period, bill_id LIMIT 400');
  for (const room of rooms) {
    if (!room.payer) continue;
    const habit = pickWeighted(rand, weights);
    const every = EVERY[habit];
    const method = pickWeighted(rand, METHODS);
    for (let m = int(rand, 0, every - 1); m < months.length; m += every) {
      if (habit === 'late' && chance(rand, 0.5)) continue;
      const when = deskTime(rand, dayIn(months[m]!, int(rand, 2, 27)));
      if (when > o.end) continue;
      timeline.add(when, async () => {
        const lines = (open.all(room.id) as { bill_id: string; owed: number }[]).map((b) => ({ billId: b.bill_id, amount: b.owed }));
        const total = lines.reduce((s, l) => s + l.amount, 0);
        if (!total) return;
        const cash = method === 'cash';
        const tendered = cash ? Math.ceil(total / 10_000) * 10_000 : undefined;
        const paid = await call(cashier, 'fees.pay', {
          roomId: room.id, lines, methods: [{ method: chance(rand, 0.03) && !cash ? pick(rand, ['wechat', 'alipay'] as const) : method, amount: total }],
          tendered, payer: room.payer!,
        });
        o.counts.receipts++;
        if (chance(rand, o.scale === 'small' ? 0.9 : 0.2)) await call(cashier, 'fees.print', { id: paid.id, paper: 'A5' });
      });
    }
  }
}
