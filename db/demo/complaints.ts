/**
 * The demo's complaints and repairs: a year of cases received at the desk, each worked
 * through the workflow (dispatch, on site, reply, follow-up, close; now and then reopened or
 * found invalid) at believable moments. Steps still in the future when the year ends have
 * not happened, so the latest cases stand in every state, and those whose handler stalled
 * are past their deadline: escalated to the supervisor or the deputy GM.
 */
import type { DemoScale } from './generate.js';
import type { DemoCall, SystemActor, Timeline } from './actor.js';
import { chance, int, pick, pickWeighted, type Rand } from './random.js';
import { addDays, deskTime, HOUR, MINUTE, dayOf } from './when.js';

type Kind = 'complaint' | 'repair' | 'suggestion' | 'enquiry';
type Department = 'customer_service' | 'engineering' | 'security' | 'cleaning' | 'landscaping';

const MATTERS: Record<string, { kind: Kind; department: Department; texts: string[] }> = {
  noise: { kind: 'complaint', department: 'security', texts: ['楼上装修周末早上七点就开始电钻施工', '隔壁装修中午午休时间仍在敲墙', '楼下商铺晚上十点后仍在搬运货物，噪音大'] },
  facility: { kind: 'repair', department: 'engineering', texts: ['电梯按钮失灵，按了不亮', '楼道声控灯不亮', '单元门禁刷卡无反应', '地下车库排水沟堵塞积水'] },
  inunit: { kind: 'repair', department: 'engineering', texts: ['厨房下水管漏水，滴到楼下', '卫生间地漏返臭', '入户门锁芯损坏打不开', '阳台排水管堵塞'] },
  mail: { kind: 'enquiry', department: 'customer_service', texts: ['快递显示已签收但未收到', '报刊投递到错误的信箱', '询问挂号信代收流程'] },
  cleaning: { kind: 'complaint', department: 'cleaning', texts: ['楼道垃圾两天没有清运', '小区绿化带杂草很久未修剪', '电梯轿厢有异味'] },
  pests: { kind: 'complaint', department: 'cleaning', texts: ['地下室老鼠较多', '绿化带蚊虫多，希望消杀', '楼道发现蟑螂'] },
  other: { kind: 'suggestion', department: 'customer_service', texts: ['建议增加儿童游乐设施', '建议延长会所开放时间', '建议在北门增设快递柜'] },
};
const CATEGORIES = [['facility', 26], ['inunit', 24], ['noise', 14], ['cleaning', 12], ['pests', 6], ['mail', 8], ['other', 10]] as const;
const ASSIGNEES: Record<Department, string[]> = {
  engineering: ['王师傅', '李志强', '陈建国'], security: ['赵队长', '孙海'], cleaning: ['刘阿姨', '黄丽'],
  customer_service: ['李晓梅', '周婷'], landscaping: ['张园丁'],
};
const REPLIES = ['已安排人员处理完毕，业主确认', '已上门沟通，业主表示理解', '已维修完成并回访', '已联系相关住户整改'];

export interface CaseCounts { cases: number }

export function planComplaints(
  call: DemoCall, actor: SystemActor, timeline: Timeline, rand: Rand,
  o: { scale: DemoScale; start: string; endDay: string; rooms: { id: string; occupant: string; phone: string }[]; counts: CaseCounts },
): void {
  const desk = actor.as('receptionist');
  const perDay = o.scale === 'small' ? 0.6 : 9;
  const lately = addDays(o.endDay, -10);
  for (let day = o.start; day <= o.endDay; day = addDays(day, 1)) {
    // the last days are busier and still open: every stage stands in the queues
    const recent = day >= lately;
    const rate = recent ? Math.max(3, perDay * 1.5) : perDay;
    const n = Math.floor(rate) + (chance(rand, rate % 1) ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const category = pickWeighted(rand, CATEGORIES);
      const m = MATTERS[category]!;
      const room = category === 'other' && chance(rand, 0.4) ? null : pick(rand, o.rooms);
      const t0 = deskTime(rand, day);
      const urgent = chance(rand, 0.12);
      const stalls = chance(rand, recent ? 0.35 : 0.08); // the handler lets it slip past its deadline
      const waits = recent && chance(rand, 0.15); // nobody dispatched it yet
      const department = m.department;
      const assignee = pick(rand, ASSIGNEES[department]);
      const invalid = m.kind === 'complaint' && chance(rand, 0.03);
      const reopens = chance(rand, 0.04);
      const satisfaction = pickWeighted(rand, [[5, 55], [4, 28], [3, 10], [2, 5], [1, 2]] as const);
      const reply = pick(rand, REPLIES);
      const matter = pick(rand, m.texts);
      const c = { id: '' };

      const tDispatch = t0 + (waits ? int(rand, 30, 60) * HOUR : int(rand, 5, 40) * MINUTE);
      const tOnsite = tDispatch + int(rand, 15, 90) * MINUTE;
      // never before the case reached a handler (a case nobody dispatched waits for that)
      const tReply = Math.max(stalls ? t0 + int(rand, 26, 120) * HOUR : tOnsite + int(rand, 30, 180) * MINUTE, tOnsite + 10 * MINUTE);
      const tFollow = deskTime(rand, addDays(dayOf(tReply), int(rand, 1, 5)));
      const tClose = Math.max(tFollow + 10 * MINUTE, deskTime(rand, addDays(dayOf(tFollow), int(rand, 0, 3))));
      const tReopen = deskTime(rand, addDays(dayOf(tClose), int(rand, 2, 6)));

      timeline.add(t0, async () => {
        c.id = (await call(desk, 'complaints.create', {
          kind: m.kind, channel: pickWeighted(rand, [['phone', 55], ['visit', 38], ['letter', 4], ['other', 3]] as const),
          roomId: room?.id ?? null, complainant: room?.occupant ?? '路过访客', phone: room?.phone,
          category, severity: urgent ? 'urgent' : 'ordinary', matter,
        })).id;
        o.counts.cases++;
      });
      if (invalid) {
        timeline.add(tDispatch, async () => {
          await call(desk, 'complaints.setValidity', { id: c.id, valid: false, reason: '经核实，系住户之间误会，非物业服务问题' });
        });
      }
      timeline.add(tDispatch + 1, async () => {
        await call(desk, 'complaints.dispatch', { id: c.id, department, assignee });
      });
      if (m.kind === 'repair') timeline.add(tOnsite, async () => { await call(desk, 'complaints.onsite', { id: c.id }); });
      timeline.add(tReply, async () => { await call(desk, 'complaints.reply', { id: c.id, method: 'phone', text: reply }); });
      timeline.add(tFollow, async () => { await call(desk, 'complaints.followUp', { id: c.id, satisfaction }); });
      timeline.add(tClose, async () => { await call(desk, 'complaints.close', { id: c.id }); });
      if (reopens) {
        timeline.add(tReopen, async () => { await call(desk, 'complaints.reopen', { id: c.id, reason: '业主来电反映问题再次出现' }); });
        timeline.add(tReopen + 3 * HOUR, async () => { await call(desk, 'complaints.reply', { id: c.id, method: 'visit', text: '已彻底更换配件，问题解决' }); });
        const f = deskTime(rand, addDays(dayOf(tReopen), 2));
        timeline.add(f, async () => { await call(desk, 'complaints.followUp', { id: c.id, satisfaction: 4 }); });
        timeline.add(f + 30 * MINUTE, async () => { await call(desk, 'complaints.close', { id: c.id }); });
      }
    }
  }
}
