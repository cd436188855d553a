import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { DemoRefused, generateDemo, type DemoProgress, type DemoScale } from '../../db/demo/generate.js';
import { AppError } from '../../db/errors.js';
import { fakeClock } from '../../db/clock.js';
import { ROLE_NAMES } from '../../db/i18n/roles.js';
import { argValue, resolveDataDir, STORE_FILE } from '../shared/data-dir.js';

/**
 * `npm run demo [-- --data-dir D] [--scale small|large] [--seed N] [--user U --password P]`
 *
 * Builds a demo site (buildings, rooms, owners, tenants, vehicles, parking) through the
 * application API, in a new store or one whose site has no rooms yet. A new site gets an
 * administrator and one account per role, whose passwords are printed at the end. On a
 * site that already exists, --user/--password name an administrator to act as.
 */
const argv = process.argv.slice(2);

function fail(zh: string, en: string, code = 2): never {
  console.error(`${zh}\n${en}`);
  process.exit(code);
}

if (argv.includes('--help') || argv.includes('-h')) {
  console.log('用法 / usage: npm run demo -- [--data-dir 文件夹] [--scale small|large] [--seed N] [--user 管理员 --password 密码]');
  process.exit(0);
}

const scale = (argValue(argv, '--scale') ?? 'small') as DemoScale;
if (scale !== 'small' && scale !== 'large') fail(`--scale 只能是 small 或 large（收到“${scale}”）。`, `--scale must be small or large (got "${scale}").`);
const seedText = argValue(argv, '--seed');
const seed = seedText === undefined ? undefined : Number(seedText);
if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed 须为整数（收到“${seedText}”）。`, `--seed must be an integer (got "${seedText}").`);

/** A password the site's rule accepts: letters and digits, 12 characters. */
function newPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(12);
  const body = Array.from(bytes.subarray(0, 9), (b) => letters[b % letters.length]).join('');
  return `${body}${Array.from(bytes.subarray(9), (b) => b % 10).join('')}`;
}

const dataDir = resolveDataDir(argv);
const file = join(dataDir, STORE_FILE);
const adminUser = argValue(argv, '--user') ?? 'admin';
const adminPassword = argValue(argv, '--password') ?? newPassword();
const staffPassword = newPassword();

mkdirSync(dataDir, { recursive: true });
let app: App;
try {
  // the demo sets the clock to each moment of the year it writes, then back to now
  app = await createApp(file, { clock: fakeClock(new Date()) });
} catch (e) {
  if (e instanceof AppError) {
    const m = e.toApiError().message;
    fail(m['zh-CN'], m['en-US']);
  }
  throw e;
}

console.log(`演示站点 / demo site (${scale}) → ${file}`);
const t0 = performance.now();
let lastLine = 0;
const phaseNames: Record<DemoProgress['phase'], string> = {
  site: '站点 / site', staff: '员工 / staff', registry: '房间与住户 / rooms & occupants', parking: '车位 / parking',
  history: '一年的收费、投诉与档案 / a year of fees, cases and archives', done: '完成 / done',
};
function progress(p: DemoProgress) {
  const now = performance.now();
  if (p.phase !== 'registry' && p.phase !== 'parking' && p.phase !== 'history') {
    if (p.done === 0) console.log(`  ${phaseNames[p.phase]}…`);
    return;
  }
  if (p.done !== p.total && now - lastLine < 1000) return;
  lastLine = now;
  const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
  console.log(`  ${phaseNames[p.phase]}: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} (${pct}%)  ${((now - t0) / 1000).toFixed(1)} s`);
}

try {
  const r = await generateDemo(app, { scale, seed, admin: { username: adminUser, password: adminPassword }, staffPassword }, progress);
  const c = r.counts;
  console.log(`\n完成 / done in ${((performance.now() - t0) / 1000).toFixed(1)} s (${r.calls.toLocaleString('en-US')} API calls): ${r.siteName}`);
  console.log(`  楼栋 buildings ${c.buildings}, 单元 units ${c.units}, 房间 rooms ${c.rooms}, 住户 occupants ${c.occupants} (已迁出 moved out ${c.movedOut}),`);
  console.log(`  家庭成员 household members ${c.members}, 车辆 vehicles ${c.vehicles}, 车位 parking spaces ${c.parkingSpaces}`);
  const h = r.history;
  console.log(`  收费项目 fee items ${h.feeItems}, 账单 bill runs ${h.billRuns}, 收据 receipts ${h.receipts}, 投诉报修 cases ${h.cases},`);
  console.log(`  档案 archive items ${h.archiveItems}, 查借阅申请 requests ${h.requests}, 借出 loans ${h.loans}`);
  console.log('\n登录账号 / sign-in accounts:');
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (t: string, n: number) => t + ' '.repeat(Math.max(1, n - width(t)));
  const line = (who: string, role: string, username: string, password: string) => console.log(`  ${pad(who, 8)}${pad(role, 34)}${pad(username, 16)}${password}`);
  const roleOf = (r: keyof typeof ROLE_NAMES) => `${ROLE_NAMES[r]['zh-CN']} / ${ROLE_NAMES[r]['en-US']}`;
  line('', '', '用户名 user', '密码 password');
  line('', roleOf('admin'), adminUser, r.createdSite ? adminPassword : '（您的现有密码 / your existing password）');
  for (const s of r.staff) line(s.displayName, roleOf(s.role), s.username, staffPassword);
  console.log('\n请妥善保存以上密码，首次登录后可在“我的账号”中修改。 / Keep these passwords; change them under My account after signing in.');
  await app.close();
} catch (e) {
  await app.close();
  if (e instanceof DemoRefused) fail(e.zh, e.en, 1);
  throw e;
}
