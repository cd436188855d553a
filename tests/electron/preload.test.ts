import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../electron/main/ipc';
import { PDF_CHANNEL } from '../../electron/main/pdf';
import type { FrontdeskBridge } from '../../electron/preload/bridge';

const fake = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

await import('../../electron/preload/index');

const source = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
/** Every module a source file names: import … from, import '…', export … from, import(), require(). */
function specifiers(code: string) {
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) found.push({ spec: m[3]!, typeOnly: !!m[2] });
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

describe('the preload', () => {
  it('exposes exactly one object, window.frontdesk, with only call and savePdf', () => {
    expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = fake.module.contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('frontdesk');
    expect(Object.keys(api as object)).toEqual(['call', 'savePdf']);
  });

  it('forwards name and input on the one channel main listens on, and returns main’s envelope', async () => {
    const [, api] = fake.module.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, FrontdeskBridge];
    const result = await api.call('auth.me', { any: 'thing' });
    expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'auth.me', { any: 'thing' });
    expect(result).toEqual({ ok: true, value: 'from-main' });
  });

  it('forwards how long ago the person last typed, so polling never keeps a session alive', async () => {
    const [, api] = fake.module.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, FrontdeskBridge];
    await api.call('jobs.status', { jobId: 'x' }, 90_000);
    expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'jobs.status', { jobId: 'x' }, 90_000);
  });

  it('forwards only the suggested file name on the PDF channel main listens on', async () => {
    const [, api] = fake.module.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, FrontdeskBridge];
    await api.savePdf('收据-2026-000001.pdf');
    expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledWith(PDF_CHANNEL, '收据-2026-000001.pdf');
  });

  it('imports nothing but electron (a sandboxed preload cannot load anything else)', () => {
    const found = specifiers(source('../../electron/preload/index.ts'));
    expect(found.map((f) => f.spec)).toEqual(['electron']);
  });

  it('has a bridge type the renderer can import without pulling in code', () => {
    const found = specifiers(source('../../electron/preload/bridge.ts'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.typeOnly)).toBe(true);
  });
});
