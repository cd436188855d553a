import { describe, expect, it } from 'vitest';
import type { InvokeEvent } from '../../electron/main/ipc';
import { PDF_CHANNEL, registerPdf, safePdfName } from '../../electron/main/pdf';
import { sameOriginAs } from '../../electron/main/security';
import { FakeFrame, FakeWebContents } from './fake-electron';

/** The save-as-PDF channel with stand-ins for ipcMain, the window's webContents and the save dialog. */
class PrintingContents extends FakeWebContents {
  printed: unknown[] = [];
  async printToPDF(options: unknown) {
    this.printed.push(options);
    return new TextEncoder().encode('%PDF-1.7 fake');
  }
}

function setUp(choice: string | null) {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const written: { path: string; data: Uint8Array }[] = [];
  const asked: string[] = [];
  const ours = new PrintingContents();
  ours.mainFrame.url = 'app://frontdesk/index.html';
  registerPdf({ handle: (c, fn) => handlers.set(c, fn) }, sameOriginAs('app://frontdesk/index.html'), (c) => c === ours, {
    chooseFile: async (name) => { asked.push(name); return choice; },
    writeFile: async (path, data) => { written.push({ path, data }); },
  });
  const handler = handlers.get(PDF_CHANNEL)!;
  return { handler, written, asked, ours };
}

describe('save as PDF', () => {
  it('prints the sender’s page with its own @page size and writes it where the clerk chose', async () => {
    const { handler, written, asked, ours } = setUp('/home/clerk/收据.pdf');
    const result = await handler({ sender: ours, senderFrame: ours.mainFrame }, '收据-2026-000001');
    expect(result).toEqual({ ok: true, path: '/home/clerk/收据.pdf' });
    expect(ours.printed).toEqual([{ preferCSSPageSize: true, printBackground: true }]);
    expect(asked).toEqual(['收据-2026-000001.pdf']);
    expect(new TextDecoder().decode(written[0]!.data)).toBe('%PDF-1.7 fake');
  });

  it('writes nothing when the clerk cancels the save dialog', async () => {
    const { handler, written, ours } = setUp(null);
    expect(await handler({ sender: ours, senderFrame: ours.mainFrame }, 'x')).toEqual({ ok: false, reason: 'cancelled' });
    expect(written).toEqual([]);
  });

  it('refuses a sender that is not our window’s top frame, before printing anything', async () => {
    const { handler, ours } = setUp('/tmp/x.pdf');
    const iframe = new FakeFrame('app://frontdesk/index.html', ours.mainFrame);
    expect(await handler({ sender: ours, senderFrame: iframe }, 'x')).toEqual({ ok: false, reason: 'refused' });
    const stranger = new PrintingContents();
    stranger.mainFrame.url = 'app://frontdesk/index.html';
    expect(await handler({ sender: stranger, senderFrame: stranger.mainFrame }, 'x')).toEqual({ ok: false, reason: 'refused' });
    expect(ours.printed).toEqual([]);
  });

  it('keeps a suggested name inside the dialog: no folders, no control characters, always .pdf', () => {
    expect(safePdfName('../../etc/passwd')).toBe('_.._etc_passwd.pdf');
    expect(safePdfName('a\u0000b:c')).toBe('a_b_c.pdf');
    expect(safePdfName(42)).toBe('printout.pdf');
    expect(safePdfName('x'.repeat(300))).toHaveLength(104);
    expect(safePdfName('回执.PDF')).toBe('回执.PDF');
  });
});
