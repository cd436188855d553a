import { isTrustedSender, type IpcMainLike, type InvokeEvent, type SenderContents } from './ipc.js';

/** Save the printout on screen as a PDF. The preload repeats this string. */
export const PDF_CHANNEL = 'frontdesk:save-pdf';

export interface PdfContents extends SenderContents {
  printToPDF(options: { preferCSSPageSize: boolean; printBackground: boolean }): Promise<Uint8Array>;
}

export interface PdfDeps {
  /** The save dialog; null when the clerk cancels. */
  chooseFile(defaultName: string): Promise<string | null>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

export type PdfResult = { ok: true; path: string } | { ok: false; reason: 'refused' | 'cancelled' };

/** A file name the renderer suggests, made harmless: no folders, no control characters, ends in .pdf. */
export function safePdfName(input: unknown): string {
  const raw = typeof input === 'string' ? input : '';
  // eslint-disable-next-line no-control-regex
  const base = raw.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '').slice(0, 100).trim();
  const name = base || 'printout';
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

/**
 * Chromium renders the page with print media, which (renderer/src/print) shows only the
 * document in the preview, on the paper its @page rule names. The renderer chooses nothing
 * but the suggested name: where the file goes is the clerk's choice in the save dialog.
 */
export function registerPdf(
  ipcMain: IpcMainLike,
  isTrustedUrl: (url: string) => boolean,
  isOurContents: (contents: SenderContents) => boolean,
  deps: PdfDeps,
): void {
  ipcMain.handle(PDF_CHANNEL, async (event: InvokeEvent, fileName): Promise<PdfResult> => {
    if (!isTrustedSender(event, isTrustedUrl, isOurContents)) return { ok: false, reason: 'refused' };
    const data = await (event.sender as PdfContents).printToPDF({ preferCSSPageSize: true, printBackground: true });
    const path = await deps.chooseFile(safePdfName(fileName));
    if (!path) return { ok: false, reason: 'cancelled' };
    await deps.writeFile(path, data);
    return { ok: true, path };
  });
}
