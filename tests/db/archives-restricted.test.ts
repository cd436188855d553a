import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpInput, OpName } from '../../db/api/types.js';
import type { Role } from '../../db/store/schema.js';
import { addStaff, cleanup, createTestApp, ok, refused, setupSite, type TestApp } from '../helpers/app.js';
import { download, readBack, runJob, upload } from '../helpers/ledger.js';

/**
 * A restricted item (限制级) opens only for the archive's staff and its approvers. The
 * lists must hold the same line as archives.item: to every other role each read path
 * shows at most the item's code, year and state — never its title, remarks, location
 * or the names of its scans — and a text or location search never finds it by them.
 */
const SECRET = {
  title: '人事档案张三薪资',
  remarks: '备注机密内容',
  locationRoom: '机要室甲',
  cabinet: '柜ZX9',
  shelf: '架QW7',
  box: '盒KP5',
};
const SCAN_NAME = '张三劳动合同扫描.pdf';
const PDF = Buffer.from('%PDF-1.4\n% a signed contract\n%%EOF\n');
const SECRETS = [...Object.values(SECRET), SCAN_NAME];

const ROLES: Role[] = ['receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin'];
const SEES: Record<Role, boolean> = { receptionist: false, cashier: false, archivist: true, supervisor: true, manager: true, admin: false };

let app: TestApp;
const tokens = {} as Record<Role, string>;
let secretId = '';
let secretCode = '';

beforeAll(async () => {
  app = await createTestApp();
  tokens.admin = await setupSite(app);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    tokens[role] = (await addStaff(app, tokens.admin, { username: `u.${role}`, role, displayName: `员工${role}` })).token;
  }
  const { archivist, manager } = tokens;
  // an old restricted item: due for appraisal, proposed for destruction, scanned, requested and out on loan
  const secret = await ok(app, archivist, 'archives.index', { category: 3, cls: 4, department: '07', year: 2015, retention: '5', form: 'paper', confidentiality: 'restricted', ...SECRET });
  secretId = secret.id;
  secretCode = secret.refCode;
  await ok(app, archivist, 'archives.index', { category: 3, cls: 4, department: '07', title: '公开的消防通知', year: 2015, retention: '5', form: 'paper' });
  await ok(app, archivist, 'archives.attachScan', { itemId: secretId, uploadId: await upload(app, archivist, SCAN_NAME, PDF) });
  await ok(app, archivist, 'archives.appraise', { itemId: secretId, decision: 'destroy', reason: '到期' });
  const req = await ok(app, archivist, 'archives.request', { kind: 'borrow', requester: '王工', purpose: '核对', dueOn: '2026-12-08', itemIds: [secretId] });
  await ok(app, manager, 'archives.decide', { requestId: req.id, approve: true });
  await ok(app, archivist, 'archives.lend', { requestId: req.id, itemIds: [secretId] });
});

afterAll(cleanup);

/** Every read path that lists archive items, as the screens call it. */
const READS: { name: string; read: (token: string) => Promise<unknown> }[] = [
  { name: 'archives.search (browse by code)', read: (t) => call(t, 'archives.search', { codePrefix: '3.4' }) },
  { name: 'archives.search (out on loan)', read: (t) => call(t, 'archives.search', { status: 'out' }) },
  { name: 'archives.catalogue', read: (t) => call(t, 'archives.catalogue', { codePrefix: '3.4' }) },
  { name: 'archives.register', read: (t) => call(t, 'archives.register', { limit: 200 }) },
  { name: 'archives.register (of the item)', read: (t) => call(t, 'archives.register', { itemId: secretId, limit: 200 }) },
  { name: 'archives.requests', read: (t) => call(t, 'archives.requests', {}) },
  { name: 'archives.loans', read: (t) => call(t, 'archives.loans', {}) },
  { name: 'archives.appraisalDue', read: (t) => call(t, 'archives.appraisalDue', {}) },
  { name: 'archives.pendingDestructions', read: (t) => call(t, 'archives.pendingDestructions', {}) },
  {
    name: 'archives.export',
    read: async (t) => {
      const status = await runJob(app, t, 'archives.export', { locale: 'zh-CN', codePrefix: '3.4' });
      expect(status.state).toBe('done');
      const file = await download(app, t, (status.result as { fileId: string }).fileId);
      return readBack(file.bytes);
    },
  },
];

function call<N extends OpName>(token: string, name: N, input: OpInput<N>) {
  return ok(app, token, name, input);
}

describe('restricted archive items in every list', () => {
  for (const { name, read } of READS) {
    for (const role of ROLES) {
      const sees = SEES[role];
      it(`${name} as ${role} ${sees ? 'shows' : 'veils'} the restricted item's title, remarks, location and scans`, async () => {
        const text = JSON.stringify(await read(tokens[role]));
        // the item is still listed by its code, so it can be asked for
        expect(text).toContain(secretCode);
        if (sees) expect(text).toContain(SECRET.title);
        else for (const s of SECRETS) expect(text).not.toContain(s);
      });
    }
  }

  for (const role of ROLES) {
    it(`a text or location search as ${role} ${SEES[role] ? 'finds' : 'never finds'} the restricted item by what it hides`, async () => {
      for (const input of [{ text: '张三薪资' }, { text: '机密' }, { location: '机要室' }, { location: 'ZX9' }]) {
        const found = (await call(tokens[role], 'archives.search', input)).map((r) => r.id);
        expect(found.includes(secretId)).toBe(SEES[role]);
      }
    });
  }

  it('still refuses archives.item to the roles the lists veil it from', async () => {
    for (const role of ROLES.filter((r) => !SEES[r])) {
      expect((await refused(app, tokens[role], 'archives.item', { id: secretId })).code).toBe('archives.restricted');
    }
  });
});
