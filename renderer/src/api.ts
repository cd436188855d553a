import type { ApiError, Envelope, OpInput, OpName, OpOutput } from '../../db/api/types';

/**
 * The renderer's one way to the store: the Electron preload bridge when present,
 * otherwise browser mode's /api/call. Either way the same registry answers.
 */
interface Bridge {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
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

async function transport(name: string, input: unknown): Promise<Envelope<unknown>> {
  if (window.frontdesk) return window.frontdesk.call(name, input);
  const res = await fetch('/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ name, input }),
  });
  return (await res.json()) as Envelope<unknown>;
}

type Args<N extends OpName> = undefined extends OpInput<N> ? [input?: OpInput<N>] : [input: OpInput<N>];

export async function call<N extends OpName>(name: N, ...args: Args<N>): Promise<OpOutput<N>> {
  const envelope = await transport(name, args[0] ?? {});
  if (envelope.ok) return envelope.value as OpOutput<N>;
  if (envelope.error.code === 'auth.no_session' || envelope.error.code === 'auth.session_locked') {
    for (const l of listeners) l(envelope.error);
  }
  throw new ApiFailure(envelope.error);
}
