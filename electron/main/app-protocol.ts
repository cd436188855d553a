import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * In production the renderer is served from `app://frontdesk/` rather than file://: with a
 * real origin, CSP 'self' means "our bundle" and not "every file on the disk", the IPC
 * sender check can compare origins, and the handler below can refuse anything outside
 * out/renderer. (file:// would make every local file same-origin with the desk.)
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'frontdesk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Must run before app 'ready' (Electron only accepts privileged schemes then). */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origin and relative URLs; secure: treated like https (no mixed-content
    // downgrade); supportFetchAPI: the bundle may fetch its own assets. No CORS bypass.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file under `rendererDir` that `url` names, or null when the URL is not ours or would
 * step outside the folder (`..`, encoded `%2e%2e`, backslashes, absolute paths, NUL).
 */
export function resolveRendererFile(rendererDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

/** Serve out/renderer on app://frontdesk/, with the same CSP the session adds to responses. */
export function serveRenderer(protocol: ProtocolLike, rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url, csp));
}

export async function rendererResponse(rendererDir: string, url: string, csp: string): Promise<Response> {
  const file = resolveRendererFile(rendererDir, url);
  if (!file) return new Response('Forbidden', { status: 403 });
  const headers = (f: string) => ({ 'Content-Type': MIME[extname(f).toLowerCase()] ?? 'application/octet-stream', 'Content-Security-Policy': csp });
  try {
    return new Response(await readFile(file), { headers: headers(file) });
  } catch {
    // A path without an extension is a client-side route: give it the app shell.
    if (extname(file) === '') {
      const index = resolve(rendererDir, 'index.html');
      try {
        return new Response(await readFile(index), { headers: headers(index) });
      } catch { /* fall through */ }
    }
    return new Response('Not found', { status: 404 });
  }
}
