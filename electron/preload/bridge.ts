import type { Envelope } from '../../db/api/types';
import type { PdfResult } from '../main/pdf';

/**
 * What the preload puts on `window.frontdesk`. Type-only, so the renderer can import it
 * without pulling anything from Electron or Node into the browser bundle.
 */
export interface FrontdeskBridge {
  /**
   * Run a named operation of the application API; resolves with its envelope, never rejects
   * on refusal. `idleMs`: how long ago the person last typed or clicked.
   */
  call(name: string, input: unknown, idleMs?: number): Promise<Envelope<unknown>>;
  /** Save the printout shown in the print preview as a PDF, through a save dialog. */
  savePdf(fileName: string): Promise<PdfResult>;
}
