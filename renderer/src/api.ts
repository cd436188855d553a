import type { ApiError, Envelope, OpInput, OpName, OpOutput } from '../../db/api/types';

/**
 * The renderer's one way to the store: the Electron preload bridge when present,
 * otherwise browser mode's /api/call. Either way the same registry answers.
 */
interface Bridge {
  call(name: string, input: unknown, idleMs?: number): Promise<Envelope<unknown>>;
}
declare global {
  interface Window {
    frontdesk?: Bridge;
  }
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message['en-US']);
  }
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();

/** The shell listens for session-level refusals (signed out, idle-locked) from any call. */
export function onSessionError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * When the person last typed, clicked or scrolled. Every call says how long ago that was,
 * so a screen's own polling never keeps an empty desk's session alive on the store's side.
 */
let lastInputMs = Date.now();
export function markInput(): void {
  lastInputMs = Date.now();
}
export function sinceInputMs(): number {
  return Math.max(0, Date.now() - lastInputMs);
}
if (typeof window !== 'undefined') {
  for (const e of ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const) window.addEventListener(e, markInput, { passive: true, capture: true });
}

async function transport(name: string, input: unknown): Promise<Envelope<unknown>> {
  const idleMs = sinceInputMs();
  if (window.frontdesk) return window.frontdesk.call(name, input, idleMs);
  const res = await fetch('/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ name, input, idleMs }),
  });
  return (await res.json()) as Envelope<unknown>;
}

type Args<N extends OpName> = undefined extends OpInput<N> ? [input?: OpInput<N>] : [input: OpInput<N>];

export async function call<N extends OpName>(name: N, ...args: Args<N>): Promise<OpOutput<N>> {
  const envelope = await transport(name, args[0] ?? {});
  if (envelope.ok) return envelope.value as OpOutput<N>;
  // signed out, idle-locked, or the store found damaged (the recovery screen): the shell re-asks who is here
  if (envelope.error.code === 'auth.no_session' || envelope.error.code === 'auth.session_locked' || envelope.error.code === 'backup.needs_restore') {
    for (const l of listeners) l(envelope.error);
  }
  throw new ApiFailure(envelope.error);
}
