/**
 * npx tsx tests/bench/handovers-run.ts — the handover figures alone, without the million-row
 * change-log store run.ts builds first.
 *
 * BENCH_SCALE=large measures on the large demo (20,000 rooms; built once into the bench cache).
 * Otherwise (the default) on a store built here in well under a minute: the small demo's
 * registry plus BENCH_ROOMS (default 3,000) more occupied flats entered through the registry's
 * own operations, each then given its signed move-in like the demo's, and 120 vacant flats.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { BENCH_PASSWORD, DEMO_RECEPTIONIST, demoStore, workingCopy } from './fixtures.js';
import { handoverMeasurements } from './handovers.js';
import { printResults, runBench } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'front-desk-bench-handovers-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const large = process.env.BENCH_SCALE === 'large';
const desk = await createApp(workingCopy(await demoStore(large ? 'large' : 'small', large), dir, 'handovers.db'));

async function value<T>(app: App, token: string, name: string, input: unknown): Promise<T> {
  const { envelope } = await app.call(token, name as never, input as never);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code}`);
  return envelope.value as T;
}

/**
 * BENCH_ROOMS more occupied flats: towers of 2 units, 30 floors, 4 flats a floor (240 a tower),
 * and a tower of 120 vacant flats for the drafts that are saved and signed.
 */
async function addOccupiedRooms(app: App, count: number) {
  const admin = (await app.call(null, 'auth.login', { username: 'admin', password: BENCH_PASSWORD })).token!;
  const t0 = performance.now();
  for (let made = 0, tower = 0; made < count; tower++) {
    const b = await value<{ id: string }>(app, admin, 'registry.saveBuilding', { code: `B${tower + 1}`, name: `测速${tower + 1}栋` });
    for (let unit = 1; unit <= 2 && made < count; unit++) {
      const u = await value<{ id: string }>(app, admin, 'registry.saveUnit', { buildingId: b.id, code: String(unit), name: `${unit}单元` });
      for (let floor = 1; floor <= 30 && made < count; floor++) {
        for (let flat = 1; flat <= 4 && made < count; flat++, made++) {
          const room = await value<{ id: string }>(app, admin, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: `${floor}0${flat}`, area: '89.50', usage: 'residential', state: 'vacant' });
          await value(app, admin, 'registry.saveOccupant', { roomId: room.id, kind: 'owner', name: `业主${made}`, phone: `139${String(made).padStart(8, '0')}`, moveIn: '2026-06-01' });
        }
      }
    }
  }
  const b = await value<{ id: string }>(app, admin, 'registry.saveBuilding', { code: 'V1', name: '测速空置楼' });
  const u = await value<{ id: string }>(app, admin, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
  for (let n = 0; n < 120; n++) {
    await value(app, admin, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: `${Math.floor(n / 4) + 1}0${(n % 4) + 1}`, area: '89.50', usage: 'residential', state: 'vacant' });
  }
  console.error(`[bench] ${count} occupied flats added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (!large) await addOccupiedRooms(desk, Number(process.env.BENCH_ROOMS ?? 3000));
const r = await desk.call(null, 'auth.login', { username: DEMO_RECEPTIONIST, password: BENCH_PASSWORD });
if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in failed: ${JSON.stringify(r.envelope)}`);
const rooms = desk.store.raw.prepare("SELECT count(DISTINCT room_id) AS n FROM occupant WHERE move_out IS NULL").get() as { n: number };
console.error(`[bench] store: ${rooms.n} occupied rooms`);
printResults(await runBench(await handoverMeasurements(desk, r.token), process.argv[2] ?? ''));
const moveIns = desk.store.raw.prepare("SELECT count(*) AS n FROM handover WHERE kind = 'move_in' AND status = 'signed'").get() as { n: number };
console.error(`[bench] signed move-ins in the store: ${moveIns.n}`);
await desk.close();
