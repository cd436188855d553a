import type { FrontdeskBridge } from '../../../electron/preload/bridge';

/**
 * In the desktop app the preload offers savePdf (Electron's printToPDF and a save dialog).
 * In browser mode there is no such thing: the browser's own print dialog has "Save as PDF".
 */
export function desktopBridge(): FrontdeskBridge | undefined {
  return (window as unknown as { frontdesk?: FrontdeskBridge }).frontdesk;
}
