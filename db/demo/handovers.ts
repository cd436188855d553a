import type Database from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { App } from '../api/app.js';
import { newRow } from '../api/rows.js';
import { checklistChanges, DEFAULT_LISTS, handoverNumber, METER_KINDS, missingKeys, moveInBody, moveOutBody, sha256, stableJson } from '../handovers/rules.js';
import { keepDrawnSignature } from '../handovers/signatures.js';
import { readSettings } from '../settings/queries.js';
import type { HandoverKind, HandoverSignature } from '../handovers/tables.js';
import { beginWrite, endWrite } from '../store/open.js';
import { roomAccount } from '../fees/account.js';
import type { Schema } from '../store/schema.js';
import { dayStartsAt, siteYear } from '../time/site-time.js';
import { seededRandom, type Rand } from './random.js';
import { signaturePng } from './signature-png.js';

/**
 * The demo site's handovers: a signed move-in (入伙交接单) for every room with a current
 * occupant, as the desk would have left it — keys, base readings, the facilities checklist
 * all in order, the occupant's drawn signature and the receptionist's.
 *
 * Written straight into the store in batches (each captured in the change log as
 * 'demo.handovers'), not through handovers.sign: signing checks the staff member's password
 * on the spot (scrypt), which for the large site's 20,000 rooms would take a quarter of an
 * hour. The rows are the ones signing writes: numbered gaplessly, the stable body and its
 * SHA-256, both signatures. Readings in the bodies are not written as meter readings (the
 * demo's fees keep their own).
 */
/** The drawn signature standing for every demo occupant's (one image, kept once). */
export const demoSignature = (seed: number) => signaturePng(seededRandom(seed + 11));

type Trx = Transaction<Schema>;
type Sig = Pick<HandoverSignature, 'role' | 'signer_name' | 'staff_id' | 'method' | 'image_sha256'>;

/** The rows signing writes: the document (a draft first, as the store's finality rule wants), its signatures, then signed with its canonical body and hash. */
export async function writeSigned(trx: Trx, siteId: string, d: {
  kind: HandoverKind; year: number; seq: number; roomId?: string | null; occupantId?: string | null; body: unknown;
  at: Date; signedAt?: Date; createdBy: string; sigs: readonly Sig[]; canonical: string | null;
}): Promise<string> {
  const at = (d.signedAt ?? d.at).toISOString();
  const row = {
    ...newRow(siteId, d.at), kind: d.kind, year: d.year, seq: d.seq, number: handoverNumber(d.kind, d.year, d.seq), version: 1, replaces_id: null, reason: '',
    room_id: d.roomId ?? null, occupant_id: d.occupantId ?? null, status: 'draft' as const, body: JSON.stringify(d.body),
    canonical: null, body_sha256: null, signed_at: null, created_by: d.createdBy,
  };
  await trx.insertInto('handover').values(row).execute();
  if (d.canonical === null) return row.id; // still waiting for its signature
  for (const s of d.sigs) {
    await trx.insertInto('handover_signature').values({ ...newRow(siteId, d.signedAt ?? d.at), handover_id: row.id, ...s, signed_at: at }).execute();
  }
  await trx.updateTable('handover').set({ status: 'signed', canonical: d.canonical, body_sha256: sha256(d.canonical), signed_at: at, updated_at: at })
    .where('id', '=', row.id).execute();
  return row.id;
}

/** The next number of a kind in a year (gapless after what is there). */
export async function nextSeq(trx: Trx, siteId: string, kind: HandoverKind, year: number): Promise<number> {
  const last = await trx.selectFrom('handover').select((eb) => eb.fn.max('seq').as('m'))
    .where('site_id', '=', siteId).where('kind', '=', kind).where('year', '=', year).where('version', '=', 1).executeTakeFirst();
  return Number(last?.m ?? 0) + 1;
}

export async function demoHandovers(app: App, receptionist: string, seed = 20261201): Promise<number> {
  const db = app.store.db;
  const site = await db.selectFrom('site').select(['id', 'code']).executeTakeFirstOrThrow();
  const staff = await db.selectFrom('staff').select(['id', 'display_name']).where('username', '=', receptionist).executeTakeFirstOrThrow();
  const done = new Set((await db.selectFrom('handover').select('room_id').where('kind', '=', 'move_in').where('status', '=', 'signed').execute()).map((r) => r.room_id));
  const occupants = (await db.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id')
    .select(['o.id', 'o.room_id', 'o.kind', 'o.name', 'o.phone', 'o.id_type', 'o.move_in', 'r.code', 'r.state'])
    .where('o.site_id', '=', site.id).where('o.move_out', 'is', null).orderBy('o.move_in').orderBy('o.id').execute())
    .filter((o) => !done.has(o.room_id) && done.add(o.room_id)); // each room's first current occupant
  if (!occupants.length) return 0;
  const image = await keepDrawnSignature(app, demoSignature(seed));
  const rand = seededRandom(seed + 13);
  const now = app.store.clock.now();
  const year = siteYear(now, (await readSettings(db, site.id)).utcOffsetMinutes);
  const last = await db.selectFrom('handover').select((eb) => eb.fn.max('seq').as('m')).where('site_id', '=', site.id).where('kind', '=', 'move_in').where('year', '=', year).where('version', '=', 1).executeTakeFirst();
  let seq = Number(last?.m ?? 0);
  const at = now.toISOString();
  for (let from = 0; from < occupants.length; from += 500) {
    beginWrite(app.store, staff.id, 'demo.handovers');
    try {
      await db.transaction().execute(async (trx) => {
        for (const o of occupants.slice(from, from + 500)) {
          const number = handoverNumber('move_in', year, ++seq);
          const body = moveInBody.parse({
            occupant: { id: o.id, kind: o.kind, name: o.name, phone: o.phone, idType: o.id_type, idNumber: '', idChecked: true },
            keys: [{ kind: '入户门', count: 2, numbers: '' }, { kind: '单元门', count: 1, numbers: '' }, { kind: '信报箱', count: 1, numbers: '' }],
            meters: METER_KINDS.map((meter) => ({ meter, meterNo: '', reading: String(Math.floor(rand() * 900) + 10) })),
            checklist: DEFAULT_LISTS.facility.map((item) => ({ item, condition: 'ok' })),
            documents: [...DEFAULT_LISTS.document],
            moveInDate: o.move_in,
          });
          const sigs = [
            { role: 'occupant' as const, signer_name: o.name.slice(0, 40), staff_id: null, method: 'drawn' as const, image_sha256: image },
            { role: 'staff' as const, signer_name: staff.display_name, staff_id: staff.id, method: 'attest' as const, image_sha256: null },
          ];
          const canonical = stableJson({
            site: site.code, kind: 'move_in', number, version: 1, replaces: null, reason: '', room: o.code, body, effects: { baseReadings: [], roomState: o.state }, signedAt: at,
            signatures: sigs.map((s) => ({ role: s.role, name: s.signer_name, staffId: s.staff_id, method: s.method, image: s.image_sha256, at })),
          });
          await writeSigned(trx, site.id, { kind: 'move_in', year, seq, roomId: o.room_id, occupantId: o.id, body, at: now, createdBy: staff.id, sigs,
            canonical });
        }
      });
    } finally {
      endWrite(app.store);
    }
  }
  return occupants.length;
}

/**
 * A few rooms an occupant moved out of in the registry (someone else may live there now) get
 * the pair of forms the desk would have signed: the move-in on the day they came, the move-out
 * on the day they left, both before today's occupant's own move-in form —
 * keys returned against those handed over (one short on the first), final readings above the
 * base, the checklist again with a wall marked, and what the room owed. Each is numbered in the
 * year it was signed. Readings are not written as meter readings, as for the move-ins.
 */
export interface DemoPaperContext {
  trx: Trx; raw: Database.Database; site: { id: string; code: string }; staff: { id: string; display_name: string };
  image: string; rand: Rand; off: number; now: Date;
}

export async function demoMoveOuts({ trx, raw, site, staff, image, rand, off }: DemoPaperContext, count = 3) {
  const gone = await trx.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id')
    .select(['o.id', 'o.room_id', 'o.kind', 'o.name', 'o.phone', 'o.id_type', 'o.move_in', 'o.move_out', 'r.code'])
    .where('o.site_id', '=', site.id).where('o.move_out', 'is not', null).where('o.move_in', 'is not', null).where('r.usage', '=', 'residential')
    // nobody who lives there now came before they left; the room has no move-out form yet
    .where((eb) => eb.not(eb.exists(eb.selectFrom('occupant as c').select('c.id').whereRef('c.room_id', '=', 'o.room_id').where('c.move_out', 'is', null)
      .whereRef('c.move_in', '<', 'o.move_out'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('handover as h').select('h.id').whereRef('h.room_id', '=', 'o.room_id').where('h.kind', '=', 'move_out'))))
    .orderBy('r.code').orderBy('o.move_out', 'desc').execute();
  const last = gone.filter((o, n) => gone.findIndex((x) => x.room_id === o.room_id) === n && o.move_in! <= o.move_out!); // each room's last to leave
  const chosen = last.filter(() => rand() < 0.5).slice(0, count);
  const signedOn = (day: string) => new Date(dayStartsAt(day, off).getTime() + (9 * 60 + Math.floor(rand() * 480)) * 60_000);
  const sig = (role: 'occupant' | 'staff', name: string) => (role === 'occupant'
    ? { role, signer_name: name.slice(0, 40), staff_id: null, method: 'drawn' as const, image_sha256: image }
    : { role, signer_name: staff.display_name, staff_id: staff.id, method: 'attest' as const, image_sha256: null });
  const canon = (kind: HandoverKind, number: string, room: string, body: unknown, effects: unknown, at: Date, sigs: readonly Sig[]) => stableJson({
    site: site.code, kind, number, version: 1, replaces: null, reason: '', room, body, effects, signedAt: at.toISOString(),
    signatures: sigs.map((s) => ({ role: s.role, name: s.signer_name, staffId: s.staff_id, method: s.method, image: s.image_sha256, at: at.toISOString() })),
  });
  const written: string[] = [];
  for (const [n, o] of chosen.entries()) {
    const keys = [{ kind: '入户门', count: 2, numbers: '' }, { kind: '单元门', count: 1, numbers: '' }, { kind: '信报箱', count: 1, numbers: '' }];
    const base = METER_KINDS.map((meter) => ({ meter, meterNo: '', reading: String(Math.floor(rand() * 900) + 10) }));
    const inBody = moveInBody.parse({
      occupant: { id: o.id, kind: o.kind, name: o.name, phone: o.phone, idType: o.id_type, idNumber: '', idChecked: true },
      keys, meters: base, checklist: DEFAULT_LISTS.facility.map((item) => ({ item, condition: 'ok' })), documents: [...DEFAULT_LISTS.document],
      moveInDate: o.move_in,
    });
    const inAt = signedOn(o.move_in!);
    const inYear = siteYear(inAt, off);
    const inSeq = await nextSeq(trx, site.id, 'move_in', inYear);
    const inNumber = handoverNumber('move_in', inYear, inSeq);
    const inSigs = [sig('occupant', o.name), sig('staff', '')];
    const state = o.kind === 'tenant' ? 'rented' : 'occupied';
    await writeSigned(trx, site.id, {
      kind: 'move_in', year: inYear, seq: inSeq, roomId: o.room_id, occupantId: o.id, body: inBody, at: inAt, createdBy: staff.id, sigs: inSigs,
      canonical: canon('move_in', inNumber, o.code, inBody, { baseReadings: [], roomState: state }, inAt, inSigs),
    });

    const outBody = moveOutBody.parse({
      occupantId: o.id, occupantName: o.name,
      keys: keys.map((k) => ({ ...k, handed: k.count, count: n === 0 && k.kind === '入户门' ? k.count - 1 : k.count })),
      meters: base.map((m) => ({ ...m, reading: String(Number(m.reading) + Math.floor(rand() * 300) + 20) })),
      checklist: DEFAULT_LISTS.facility.map((item) => (item === '墙面' ? { item, condition: 'defect', remark: '客厅墙面有钉孔，押金中扣除修补费' } : { item, condition: 'ok' })),
      moveOutDate: o.move_out, remarks: n === 0 ? '入户门钥匙少交 1 把，已告知需换锁芯。' : '',
    });
    const outAt = signedOn(o.move_out!);
    const outYear = siteYear(outAt, off);
    const outSeq = await nextSeq(trx, site.id, 'move_out', outYear);
    const outSigs = [sig('occupant', o.name), sig('staff', '')];
    const owed = roomAccount(raw, site.id, o.room_id).totalOwed;
    const effects = {
      finalReadings: [], owed, missingKeys: missingKeys(outBody.keys), checklistChanges: checklistChanges(inBody.checklist, outBody.checklist),
      moveInNumber: inNumber, roomState: 'vacant',
    };
    written.push(await writeSigned(trx, site.id, {
      kind: 'move_out', year: outYear, seq: outSeq, roomId: o.room_id, occupantId: o.id, body: outBody, at: outAt, createdBy: staff.id, sigs: outSigs,
      canonical: canon('move_out', handoverNumber('move_out', outYear, outSeq), o.code, outBody, effects, outAt, outSigs),
    }));
  }
  return written.length;
}
