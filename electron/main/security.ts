import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.js';
import { APP_INDEX_URL } from './app-protocol.js';

/**
 * The Content-Security-Policy of every response: the one browser mode also sends
 * (electron/shared/csp.ts: scripts only from our bundle, no eval, inline styles for antd's
 * CSS-in-JS, nothing framed, embedded, posted or re-based).
 *
 * In development only, the Vite dev server needs one inline script (React Fast Refresh's
 * preamble) and its websocket; a packaged build never gets these.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const u = new URL(devServerUrl);
  const extra: Record<string, string> = {
    'script-src': "'unsafe-inline'",
    'connect-src': `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}`,
  };
  return CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim())
    .map((d) => { const name = d.split(/\s+/)[0]!; return extra[name] ? `${d} ${extra[name]}` : d; })
    .join('; ');
}

/**
 * Which renderer to load. ELECTRON_RENDERER_URL is set by `electron-vite dev`; a packaged app
 * ignores it, or an environment variable could point the desk (and its IPC trust) at any site.
 */
export function rendererUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): { url: string; dev: boolean } {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) return { url: devUrl, dev: true };
  return { url: APP_INDEX_URL, dev: false };
}

/**
 * A URL is ours when scheme, host and port match the renderer's. Compared field by field
 * because URL.origin is "null" for custom schemes in Node, and string prefixes are fooled by
 * `http://localhost:5173.evil.example` or `app://frontdesk@evil`.
 */
export function sameOriginAs(base: string): (url: string) => boolean {
  const b = new URL(base);
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    return u.protocol === b.protocol && u.host === b.host && u.username === '' && u.password === '';
  };
}

type SessionLike = Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** Add the CSP to every response and refuse every permission (camera, geolocation, notifications …). */
export function installSessionGuards(session: SessionLike, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(details.responseHeaders ?? {})) {
      // Ours replaces any policy a dev server may send, so there is exactly one to reason about.
      if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
