/**
 * The crash test's victim (not a test file): opens the store given as argv[2] as the desk
 * does, signs the cashier in and takes payments as fast as it can, printing "ok NUMBER"
 * after each commit, until the parent kills it with SIGKILL mid-burst.
 * Run with: node --import tsx tests/db/fees-crash-child.ts <file> <roomId> <username> <password>
 */
import { createApp } from '../../db/api/app.js';

const [file, roomId, username, password] = process.argv.slice(2);
if (!file || !roomId || !username || !password) throw new Error('usage: fees-crash-child.ts <file> <roomId> <username> <password>');
const app = await createApp(file);
const login = await app.call(null, 'auth.login', { username, password });
if (!login.envelope.ok) throw new Error(`login refused: ${login.envelope.error.code}`);
const token = login.token;
for (let i = 1; ; i++) {
  // alternate single- and two-method payments so receipts have different shapes
  const methods = i % 2 ? [{ method: 'cash', amount: 100 + i }] : [{ method: 'wechat', amount: 50 }, { method: 'cash', amount: 50 + i }];
  const r = await app.call(token, 'fees.pay', { roomId, lines: [], prepay: 100 + i, methods });
  if (!r.envelope.ok) throw new Error(`pay refused: ${r.envelope.error.code}`);
  process.stdout.write(`ok ${(r.envelope.value as { number: string }).number}\n`);
}
