/**
 * A fee site (tests/db/fees-fixture.ts) with metered water and electricity priced, for the
 * handover tests (not itself a test file), and the pieces a move-in form is made of.
 */
import { createHash } from 'node:crypto';
import { addStaff, createTestApp, ok, setupSite, type TestApp } from '../helpers/app.js';
import { feeSite, type FeeSite } from './fees-fixture.js';

/** The smallest real PNG (1×1): what a signature pad hands over, in miniature. */
export const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A file sent up as the desk sends it (one chunk), e.g. the scan of a sheet signed on paper; returns its upload id. */
export async function upload(app: TestApp, token: string, name: string, bytes: Buffer): Promise<string> {
  const { uploadId } = await ok(app, token, 'files.beginUpload', { name, size: bytes.length, type: '' });
  await ok(app, token, 'files.uploadChunk', { uploadId, index: 0, data: bytes.toString('base64') });
  await ok(app, token, 'files.finishUpload', { uploadId, sha256: createHash('sha256').update(bytes).digest('hex') });
  return uploadId;
}

/** A site with the people who sign a transfer list and have accounts here: the desk hands over, the archivist receives, two heads. */
export async function transferSite() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const handing = await addStaff(app, admin, { username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' });
  const archivist = await addStaff(app, admin, { username: 'wu.fang', role: 'archivist', displayName: '吴芳' });
  const head1 = await addStaff(app, admin, { username: 'zhou.hong', role: 'supervisor', displayName: '周红' });
  const head2 = await addStaff(app, admin, { username: 'chen.gang', role: 'manager', displayName: '陈刚' });
  return { app, admin, handing, archivist, head1, head2 };
}

export interface HandoverSite extends FeeSite {
  water: string;
}

export async function handoverSite(): Promise<HandoverSite> {
  const s = await feeSite();
  const water = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '吨' })).id;
  await ok(s.app, s.admin, 'fees.addRate', { itemId: water, validFrom: '2026-01', price: '3.45' });
  const power = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'DF', name: '电费', kind: 'metered', meter: 'electricity', unit: '度' })).id;
  await ok(s.app, s.admin, 'fees.addRate', { itemId: power, validFrom: '2026-01', price: '0.538' });
  return { ...s, water };
}

export function moveInForm(over: { water?: string; keyCount?: number; idChecked?: boolean; name?: string } = {}) {
  return {
    occupant: { id: null, kind: 'owner', name: over.name ?? '刘洋', phone: '13912345678', idType: 'resident_id', idNumber: '11010519491231002X', idChecked: over.idChecked ?? true },
    cards: 'MJ-0081, MJ-0082',
    keys: [{ kind: '入户门', count: over.keyCount ?? 2, numbers: 'A1 A2' }, { kind: '信报箱', count: 1, numbers: '' }],
    meters: [
      { meter: 'water', meterNo: 'W-2019-331', reading: over.water ?? '120.00' },
      { meter: 'electricity', meterNo: 'E-88120', reading: '500' },
      { meter: 'gas', meterNo: 'G-0071', reading: '30.5' },
    ],
    checklist: [
      { item: '入户门', condition: 'ok', remark: '' },
      { item: '窗户', condition: 'defect', remark: '主卧窗框渗水' },
      { item: '墙面', condition: 'ok', remark: '' },
    ],
    documents: ['住户手册', '临时管理规约'],
    moveInDate: '2026-12-06',
    remarks: '',
  };
}

export async function signAs(app: TestApp, token: string, id: string, staff: { username: string; password: string }, name = '刘洋') {
  return ok(app, token, 'handovers.sign', { id, occupantMethod: 'drawn', occupantName: name, occupantPng: PNG_1PX, staffUsername: staff.username, staffPassword: staff.password });
}
