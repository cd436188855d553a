/**
 * The demo's archive: items filed in every category and class of the scheme over the years,
 * in boxes on the archive room's shelves, and through the past year the requests people
 * made — to read, to copy, to borrow — approved or refused, files lent and brought back,
 * some still out at the year's end and a few of those overdue. Through the archive's
 * operations, so codes, counters and the register are the archive's own.
 */
import type { DemoScale } from './generate.js';
import type { DemoCall, SystemActor, Timeline } from './actor.js';
import { DEFAULT_CATEGORIES } from '../archives/scheme.js';
import { chance, int, pick, pickWeighted, type Rand } from './random.js';
import { addDays, deskTime, dayOf } from './when.js';

type Form = 'paper' | 'photo' | 'audio' | 'video' | 'disc' | 'object';
const FORM_OF_CATEGORY: Record<number, Form[]> = { 1: ['paper'], 2: ['paper'], 3: ['paper'], 4: ['photo', 'audio', 'video', 'disc'], 5: ['paper'], 6: ['object'] };
const SUBJECTS = ['年度', '第一季度', '第二季度', '第三季度', '第四季度', '上半年', '下半年'];
const REQUESTERS = [
  { name: '赵国强', unit: '服务中心' }, { name: '孙立华', unit: '工程管理部' }, { name: '钱晓燕', unit: '计划财务部' },
  { name: '吴海涛', unit: '品质管理部' }, { name: '郑雅琴', unit: '业主委员会' }, { name: '冯志远', unit: '街道办事处' },
];
const PURPOSES = { read: ['核对合同条款', '查阅设备维保记录', '了解历史处理情况'], copy: ['审计需要复印', '业主委员会换届备案'], borrow: ['年度检查带至总部', '设备大修参考图纸', '办理产权登记'] };

export interface ArchiveCounts { archiveItems: number; loans: number; requests: number }

export async function planArchives(
  call: DemoCall, actor: SystemActor, timeline: Timeline, rand: Rand,
  o: { scale: DemoScale; start: string; endDay: string; end: number; counts: ArchiveCounts },
): Promise<void> {
  const archivist = actor.as('archivist');
  const leader = actor.as('supervisor');
  const perClass = o.scale === 'small' ? 4 : 60;
  const thisYear = Number(o.endDay.slice(0, 4));
  const items: string[] = [];
  let box = 0;
  // filed before the year shown starts: the back catalogue, class by class, box by box
  for (const cat of DEFAULT_CATEGORIES) {
    for (const cls of cat.classes) {
      const department = pick(rand, ['01', '02', '03', '05', '07', '08']);
      let inBox = 99;
      for (let k = 0; k < perClass; k++) {
        if (inBox >= int(rand, 3, 12)) {
          box++;
          inBox = 0;
        }
        inBox++;
        const year = thisYear - 1 - Math.floor((k * 10) / perClass);
        const form = pick(rand, FORM_OF_CATEGORY[cat.code]!);
        const r = await call(archivist, 'archives.index', {
          category: cat.code, cls: cls.code, department, title: `${year}年${pick(rand, SUBJECTS)}${cls.name}`, year,
          producedOn: `${year}-${String(int(rand, 1, 12)).padStart(2, '0')}-${String(int(rand, 1, 28)).padStart(2, '0')}`,
          form, pieceCount: int(rand, 1, 40), locationRoom: '档案室', cabinet: `${String.fromCharCode(65 + (box % 6))}${1 + Math.floor(box / 30)}`,
          shelf: String(1 + (box % 5)), box: String(box),
          confidentiality: pickWeighted(rand, [['internal', 80], ['public', 15], ['restricted', 5]] as const),
        });
        items.push(r.id);
        o.counts.archiveItems++;
      }
    }
  }

  // the year's requests: a few a week
  const perWeek = o.scale === 'small' ? 2 : 12;
  for (let day = o.start; day <= o.endDay; day = addDays(day, 7)) {
    for (let k = 0; k < perWeek; k++) {
      const kind = pickWeighted(rand, [['borrow', 50], ['read', 35], ['copy', 15]] as const);
      const who = pick(rand, REQUESTERS);
      const picked = [...new Set(Array.from({ length: int(rand, 1, 3) }, () => pick(rand, items)))];
      const t0 = deskTime(rand, addDays(day, int(rand, 0, 4)));
      const tDecide = t0 + int(rand, 20, 240) * 60_000;
      const approve = chance(rand, 0.92);
      const loanDays = int(rand, 7, 30);
      const tLend = tDecide + int(rand, 10, 60) * 60_000;
      // some come back late; of the last weeks' loans more are still out, a few past due
      const late = chance(rand, day >= addDays(o.endDay, -60) ? 0.45 : 0.15);
      const tBack = deskTime(rand, addDays(dayOf(tLend), late ? loanDays + int(rand, 3, 40) : int(rand, 2, loanDays)));
      const condition = pickWeighted(rand, [['good', 95], ['damaged', 3], ['incomplete', 2]] as const);
      const dueOn = addDays(dayOf(t0), loanDays);
      const req = { id: '' };
      if (t0 > o.end) continue;
      timeline.add(t0, async () => {
        req.id = (await call(archivist, 'archives.request', {
          kind, requester: who.name, requesterUnit: who.unit, purpose: pick(rand, PURPOSES[kind]), dueOn: kind === 'borrow' ? dueOn : null, itemIds: picked,
        })).id;
        o.counts.requests++;
      });
      timeline.add(tDecide, async () => {
        await call(leader, 'archives.decide', { requestId: req.id, approve, note: approve ? '同意' : '涉及业主隐私，不予借阅' });
      });
      if (!approve) continue;
      timeline.add(tLend, async () => {
        if (kind !== 'borrow') {
          await call(archivist, 'archives.recordUse', { itemIds: picked, event: kind === 'read' ? 'read' : 'copied', requestId: req.id });
          return;
        }
        for (const itemId of picked) {
          // a file still out on an earlier loan waits for the next request
          const lent = await call(archivist, 'archives.item', { id: itemId });
          if (lent.status !== 'in') continue;
          await call(archivist, 'archives.lend', { requestId: req.id, itemIds: [itemId] });
          o.counts.loans++;
          timeline.add(tBack, async () => {
            await call(archivist, 'archives.return', { itemIds: [itemId], condition, note: condition === 'good' ? undefined : '归还时发现部分页面受潮' });
          });
        }
      });
    }
  }
}
