import type { App } from '../../db/api/app.js';
import type { Envelope } from '../../db/api/types.js';
import { AppError } from '../../db/errors.js';

/** The one channel between renderer and main. The preload repeats this string (it may import only 'electron'). */
export const IPC_CHANNEL = 'frontdesk:call';

/** The parts of Electron's IPC objects this module reads, so tests can drive it with plain objects. */
export interface SenderContents {
  id: number;
  once(event: 'destroyed', listener: () => void): unknown;
}
export interface SenderFrame {
  url: string;
  parent: unknown;
}
export interface InvokeEvent {
  sender: SenderContents;
  senderFrame: SenderFrame | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** The sender must be the top frame of a window we created, showing our renderer. */
export function isTrustedSender(
  event: InvokeEvent,
  isTrustedUrl: (url: string) => boolean,
  isOurContents: (contents: SenderContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  return !!frame && !frame.parent && isTrustedUrl(frame.url) && isOurContents(event.sender);
}

/**
 * Serve the application API on IPC_CHANNEL. The sender must be the top frame of a window we
 * created, showing our renderer; anything else (an iframe, a page that got navigated
 * somewhere, a devtools extension) is refused like a caller with no session.
 *
 * The session token never reaches the renderer: main keeps one per webContents and hands it
 * to app.call, which validates, checks session and permission, runs, and never throws.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  app: Pick<App, 'call' | 'sessions'>,
  isTrustedUrl: (url: string) => boolean,
  isOurContents: (contents: SenderContents) => boolean,
): void {
  const tokens = new Map<number, string | null>();

  ipcMain.handle(IPC_CHANNEL, async (event, name, input, idleMs): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, isTrustedUrl, isOurContents)) {
      return { ok: false, error: new AppError('auth.no_session').toApiError() };
    }
    const id = event.sender.id;
    if (!tokens.has(id)) {
      tokens.set(id, null);
      // A closed window signs out: its token must not outlive it in memory.
      event.sender.once('destroyed', () => {
        app.sessions.remove(tokens.get(id));
        tokens.delete(id);
      });
    }
    const sent = tokens.get(id) ?? null;
    const { envelope, token } = await app.call(sent, name, input, { idleMs });
    // Store back only a change: a call that began before a concurrent sign-in returns the
    // old (null) token and must not sign the window out again.
    if (token !== sent) {
      if (tokens.has(id)) tokens.set(id, token);
      else app.sessions.remove(token); // the window closed while signing in
    }
    return envelope;
  });
}
