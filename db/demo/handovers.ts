import type { App } from '../api/app.js';
import { newRow } from '../api/rows.js';
import { DEFAULT_LISTS, handoverNumber, METER_KINDS, moveInBody, sha256, stableJson } from '../handovers/rules.js';
import { keepDrawnSignature } from '../handovers/signatures.js';
import { readSettings } from '../settings/queries.js';
import { beginWrite, endWrite } from '../store/open.js';
import { siteYear } from '../time/site-time.js';
import { seededRandom } from './random.js';

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
/** A real (tiny) PNG standing for every demo occupant's drawn signature. */
const SIGNATURE_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

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
  const image = await keepDrawnSignature(app, SIGNATURE_PNG);
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
          const row = { ...newRow(site.id, now), kind: 'move_in' as const, year, seq, number, version: 1, replaces_id: null, reason: '', room_id: o.room_id, occupant_id: o.id,
            status: 'draft' as const, body: JSON.stringify(body), canonical: null, body_sha256: null, signed_at: null, created_by: staff.id };
          await trx.insertInto('handover').values(row).execute();
          for (const s of sigs) await trx.insertInto('handover_signature').values({ ...newRow(site.id, now), handover_id: row.id, ...s, signed_at: at }).execute();
          await trx.updateTable('handover').set({ status: 'signed', canonical, body_sha256: sha256(canonical), signed_at: at }).where('id', '=', row.id).execute();
        }
      });
    } finally {
      endWrite(app.store);
    }
  }
  return occupants.length;
}
