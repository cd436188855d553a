import type { App } from '../api/app.js';
import { newRow } from '../api/rows.js';
import { keepDrawnSignature } from '../handovers/signatures.js';
import { transfersDue } from '../handovers/transfer.js';
import { ARCHIVE_ROOM, takeIntoCustody, type TransferBody, type TransferLine } from '../handovers/transfer-ops.js';
import { handoverNumber, stableJson } from '../handovers/rules.js';
import { shiftPrefill } from '../handovers/shift.js';
import { readSettings } from '../settings/queries.js';
import { beginWrite, endWrite } from '../store/open.js';
import { siteDay, siteYear } from '../time/site-time.js';
import { demoMoveOuts, demoSignature, nextSeq, writeSigned, type DemoPaperContext } from './handovers.js';
import { int, pick, seededRandom } from './random.js';
import { signaturePng } from './signature-png.js';

/**
 * The desk's registers on the demo site, as a week at the desk leaves them: the key register
 * (public-area keys and a few owners' spares, lent and brought back, two still out), two shift
 * handovers between the receptionists (one acknowledged, one still waiting on the incoming
 * person's home page), and one archive transfer list signed by its four people, whose catalogue
 * items then lie in the company archive room. The people named are the demo's own staff; the
 * change log credits every row to the system account, like the rest of the demo.
 */
const HOUR = 3600_000;
const PUBLIC_KEYS = [['会所活动室', 2, ''], ['天台门（1栋）', 1, ''], ['配电房', 1, '工程部另存一把'], ['泳池机房', 1, ''], ['地下车库消防通道', 2, '']] as const;
const BORROWERS = [['工程部 张师傅', '配电柜检修'], ['保洁 王阿姨', '天台清扫'], ['秩序维护部 陈队长', '消防通道巡查'], ['业主委员会 黄先生', '活动室开会'], ['绿化 林师傅', '泳池机房换滤芯']] as const;

type Staff = { id: string; display_name: string };

async function demoStaff(ctx: DemoPaperContext, username: string): Promise<Staff> {
  return ctx.trx.selectFrom('staff').select(['id', 'display_name']).where('site_id', '=', ctx.site.id).where('username', '=', username)
    .executeTakeFirstOrThrow();
}

/** Keys the desk holds, lendings brought back over the past week, and two still out. Returns [keys, loans]. */
export async function demoKeys(ctx: DemoPaperContext, desk: readonly Staff[]): Promise<[number, number]> {
  const { trx, site, rand, now } = ctx;
  const rooms = await trx.selectFrom('room as r').select(['r.id', 'r.code']).where('r.site_id', '=', site.id).where('r.usage', '=', 'residential')
    .where((eb) => eb.exists(eb.selectFrom('occupant as o').select('o.id').whereRef('o.room_id', '=', 'r.id').where('o.move_out', 'is', null)))
    .orderBy('r.code').limit(40).execute();
  const keys: string[] = [];
  for (const [label, count, note] of PUBLIC_KEYS) {
    const row = { ...newRow(site.id, now), label, kind: 'public' as const, room_id: null, count, note, active: 1 };
    await trx.insertInto('desk_key').values(row).execute();
    keys.push(row.id);
  }
  for (const room of [pick(rand, rooms.slice(0, 20)), pick(rand, rooms.slice(20))].filter(Boolean)) {
    const row = { ...newRow(site.id, now), label: `${room!.code} 业主寄存`, kind: 'spare' as const, room_id: room!.id, count: 1,
      note: '业主出差期间寄存，凭业主电话确认开门', active: 1 };
    await trx.insertInto('desk_key').values(row).execute();
    keys.push(row.id);
  }
  let loans = 0;
  const lend = async (keyId: string, back: boolean, hoursAgo: number) => {
    const [borrower, purpose] = pick(rand, BORROWERS);
    const lentAt = new Date(now.getTime() - hoursAgo * HOUR);
    const returnedAt = back ? new Date(lentAt.getTime() + int(rand, 1, 4) * HOUR) : null;
    await trx.insertInto('desk_key_loan').values({
      ...newRow(site.id, now), key_id: keyId, borrower, purpose, lent_at: lentAt.toISOString(), lent_by: pick(rand, desk).id,
      returned_at: returnedAt?.toISOString() ?? null, returned_by: returnedAt ? pick(rand, desk).id : null,
    }).execute();
    loans++;
  };
  // a week of lendings, oldest first, each brought back the same morning or afternoon
  for (let d = 7; d >= 1; d--) await lend(pick(rand, keys), true, d * 24 + int(rand, 0, 6));
  await lend(keys[2]!, false, 3); // the plant room's key out this morning
  await lend(keys.at(-1)!, false, 1); // an owner's spare, lent on the owner's word
  return [keys.length, loans];
}

/** Two shift handovers between the receptionists: the morning one acknowledged, the evening one still waiting. */
export async function demoShifts(ctx: DemoPaperContext, a: Staff, b: Staff): Promise<number> {
  const { trx, site, off, now } = ctx;
  const shift = async (outgoing: Staff, incoming: Staff, at: Date, notes: string, acknowledgedAt: Date | null) => {
    const year = siteYear(at, off);
    const seq = await nextSeq(trx, site.id, 'shift', year);
    const body = { role: 'receptionist', incomingId: incoming.id, notes, prefill: await shiftPrefill(trx, site.id, outgoing.id, at, off) };
    const sigs = [
      { role: 'outgoing' as const, signer_name: outgoing.display_name, staff_id: outgoing.id, method: 'attest' as const, image_sha256: null },
      { role: 'incoming' as const, signer_name: incoming.display_name, staff_id: incoming.id, method: 'attest' as const, image_sha256: null },
    ];
    const signedAt = acknowledgedAt?.toISOString();
    const canonical = acknowledgedAt ? stableJson({
      kind: 'shift', number: handoverNumber('shift', year, seq), version: 1, body, signedAt,
      signatures: sigs.map((s) => ({ role: s.role, name: s.signer_name, staffId: s.staff_id, at: signedAt })),
    }) : null;
    await writeSigned(trx, site.id, { kind: 'shift', year, seq, body, at, signedAt: acknowledgedAt ?? undefined, createdBy: outgoing.id, sigs, canonical });
  };
  await shift(a, b, new Date(now.getTime() - 8 * HOUR), '会所活动室钥匙已还；3 栋电梯维保单位下午到场，已通知工程部。', new Date(now.getTime() - 8 * HOUR + 10 * 60_000));
  await shift(b, a, new Date(now.getTime() - 20 * 60_000), '配电房钥匙工程部借出未还，请跟进；业主寄存钥匙已借出，凭业主电话确认。', null);
  return 2;
}

/** One transfer list from the service centre to the company archive room, counted and signed by four people. */
export async function demoTransfer(
  ctx: DemoPaperContext, people: { handing: Staff; receiving: Staff; headHanding: Staff }, hands: readonly string[],
): Promise<number> {
  const { trx, site, off, now } = ctx;
  const due = await transfersDue(trx, site.id, siteDay(now, off), 60);
  const shelved = await trx.selectFrom('archive_item').select('id').where('site_id', '=', site.id).where('status', '=', 'in').execute();
  const inHand = new Set(shelved.map((r) => r.id));
  const picked = due.filter((d) => inHand.has(d.id) && d.title).slice(0, 3);
  const items: TransferLine[] = [
    ...picked.map((d) => ({ itemId: d.id, refCode: d.refCode, title: d.title, count: 1, counted: 1 })),
    { itemId: null, name: '装修申请表及审批单（未编目）', classCode: '3.6', count: 24, counted: 24 },
  ];
  const body: TransferBody = { fromDept: '客户服务中心', toDept: ARCHIVE_ROOM, items, total: items.reduce((s, x) => s + x.count, 0), notes: '逐件清点无误。' };
  const year = siteYear(now, off);
  const seq = await nextSeq(trx, site.id, 'transfer', year);
  const at = new Date(now.getTime() - 2 * HOUR);
  const sigs = [
    { role: 'handing' as const, signer_name: people.handing.display_name, staff_id: people.handing.id },
    { role: 'receiving' as const, signer_name: people.receiving.display_name, staff_id: people.receiving.id },
    { role: 'head_handing' as const, signer_name: people.headHanding.display_name, staff_id: people.headHanding.id },
    { role: 'head_receiving' as const, signer_name: '孙立平', staff_id: null }, // the company archive room's head, no account here
  ].map((s, n) => ({ ...s, method: 'drawn' as const, image_sha256: hands[n]! }));
  const canonical = stableJson({
    kind: 'transfer', number: handoverNumber('transfer', year, seq), version: 1, body, signedAt: at.toISOString(),
    signatures: sigs.map((s) => ({ role: s.role, name: s.signer_name, staffId: s.staff_id, method: s.method, image: s.image_sha256, at: at.toISOString() })),
  });
  await writeSigned(trx, site.id, { kind: 'transfer', year, seq, body, at, createdBy: people.receiving.id, sigs, canonical });
  await takeIntoCustody(trx, site.id, now, body);
  return 1;
}

/**
 * Besides the move-ins: a few move-outs, the key register, two shift handovers and a transfer
 * list, written in one transaction credited to the system account (the change log's writer set,
 * as for the move-ins). Written once: a store whose desk already holds keys is left as it is.
 */
export async function demoHandoverRegisters(app: App, systemUsername: string, seed = 20261201) {
  const db = app.store.db;
  const site = await db.selectFrom('site').select(['id', 'code']).executeTakeFirstOrThrow();
  if (await db.selectFrom('desk_key').select('id').where('site_id', '=', site.id).limit(1).executeTakeFirst()) return null;
  const staff = await db.selectFrom('staff').select(['id', 'display_name']).where('username', '=', systemUsername).executeTakeFirstOrThrow();
  const image = await keepDrawnSignature(app, demoSignature(seed));
  // each of the transfer list's four signs in their own hand
  const pen = seededRandom(seed + 19);
  const hands: string[] = [];
  for (let n = 0; n < 4; n++) hands.push(await keepDrawnSignature(app, signaturePng(pen)));
  const now = app.store.clock.now();
  const off = (await readSettings(db, site.id)).utcOffsetMinutes;
  beginWrite(app.store, staff.id, 'demo.handovers');
  try {
    return await db.transaction().execute(async (trx) => {
      const ctx: DemoPaperContext = { trx, raw: app.store.raw, site, staff, image, rand: seededRandom(seed + 17), off, now };
      const moveOuts = await demoMoveOuts(ctx);
      const people: Staff[] = [];
      for (const u of ['li.xiaomei', 'zhou.ting', 'chen.jing', 'liu.jianhua']) people.push(await demoStaff(ctx, u));
      const [li, zhou, chen, liu] = people;
      const [keys, loans] = await demoKeys(ctx, [li!, zhou!]);
      const shifts = await demoShifts(ctx, li!, zhou!);
      const transfers = await demoTransfer(ctx, { handing: li!, receiving: chen!, headHanding: liu! }, hands);
      return { moveOuts, keys, loans, shifts, transfers };
    });
  } finally {
    endWrite(app.store);
  }
}
