import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { App } from '../../db/api/app.js';
import { AppError } from '../../db/errors.js';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.js';

/**
 * Browser mode: the same operation registry over HTTP on 127.0.0.1 only, plus the built
 * renderer. The session token lives in an HttpOnly, SameSite=Strict cookie; every call
 * must come from our own origin (Origin and Host checked, JSON only), so another site
 * open in the same browser cannot drive the desk.
 */
export interface WebHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface WebHostOptions {
  app: App;
  rendererDir: string;
  port?: number;
}

const COOKIE = 'fd_session';
const MAX_BODY = 2 * 1024 * 1024; // generous for any form; a 1 MB junk string still gets a proper refusal
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Decodes percent-encoding, or null when it is malformed (a junk link or cookie, never a crash). */
function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The session token from the cookie; a malformed one counts as no session. */
function readCookie(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return decodeOrNull(v);
  }
  return null;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function refusal(code: ConstructorParameters<typeof AppError>[0], params = {}) {
  return { ok: false, error: new AppError(code, params).toApiError() };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit, keep reading but keep nothing, so the caller still gets a proper answer.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolveBody(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Each session is bound to the origin (host name and port) it signed in through. Cookies are
 * not port-bound, so a session cookie may reach another program listening on 127.0.0.1; a
 * `__Host-` name would need `Secure`, which plain http cannot carry. A token presented
 * through any other origin counts as no session.
 */
type OriginOf = Map<string, string>;

async function handleCall(app: App, req: IncomingMessage, res: ServerResponse, origin: string, bound: OriginOf): Promise<void> {
  // Cross-site requests are refused before anything runs: browsers always send Origin on POST.
  if (req.headers.origin !== origin || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(res, 403, refusal('auth.no_session'));
    return;
  }
  const text = await readBody(req);
  if (text === null) {
    sendJson(res, 413, refusal('api.invalid_input', { field: '(input)', reasonZh: '过长或过大', reasonEn: 'is too long or too large' }));
    return;
  }
  let body: { name?: unknown; input?: unknown; idleMs?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    sendJson(res, 400, refusal('api.invalid_input', { field: '(input)', reasonZh: '不是有效的 JSON', reasonEn: 'is not valid JSON' }));
    return;
  }
  const cookie = readCookie(req);
  const token = cookie && bound.get(cookie) === origin ? cookie : null;
  const { envelope, token: next } = await app.call(token, body?.name, body?.input, { idleMs: body?.idleMs });
  if (next !== token) {
    if (token) bound.delete(token);
    if (next) bound.set(next, origin);
    for (const t of bound.keys()) if (!app.sessions.get(t)) bound.delete(t);
  }
  const headers: Record<string, string> = {};
  if (next !== token) {
    headers['set-cookie'] = next
      ? `${COOKIE}=${encodeURIComponent(next)}; HttpOnly; SameSite=Strict; Path=/`
      : `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
  }
  sendJson(res, 200, envelope, headers);
}

function serveStatic(rendererDir: string, urlPath: string, res: ServerResponse): void {
  const root = resolve(rendererDir);
  const decoded = decodeOrNull(urlPath.split('?')[0] ?? '/');
  if (decoded === null) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('地址编码有误 · Malformed address');
    return;
  }
  let file = normalize(join(root, decoded));
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(404).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The renderer is not built: run `npm run build` first.');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function startWebHost({ app, rendererDir, port = 5180 }: WebHostOptions): Promise<WebHost> {
  let hosts: string[] = [];
  const bound: OriginOf = new Map();
  const server = createServer((req, res) => {
    // Nothing a request carries may stop the desk: whatever slips past the guards below answers 500.
    try {
      route(req, res);
    } catch (e) {
      console.error('[front-desk web]', e);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  });
  function route(req: IncomingMessage, res: ServerResponse): void {
    // Only our own host names: refuses DNS-rebinding pages that resolve a foreign name to 127.0.0.1.
    if (!hosts.includes(req.headers.host ?? '')) {
      res.writeHead(421).end();
      return;
    }
    const path = req.url ?? '/';
    if (path === '/api/call') {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      handleCall(app, req, res, `http://${req.headers.host}`, bound).catch((e) => {
        console.error('[front-desk web]', e);
        if (!res.headersSent) sendJson(res, 500, refusal('api.internal'));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(rendererDir, path, res);
  }
  return new Promise((resolveHost, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      hosts = [`127.0.0.1:${actual}`, `localhost:${actual}`];
      resolveHost({
        url: `http://127.0.0.1:${actual}/`,
        server,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
