import { createContext, useContext } from 'react';
import type { OpOutput, Permission } from '../../../db/api/types';

export type Me = OpOutput<'auth.me'>;
export type User = NonNullable<Me['user']>;

export interface SessionState {
  me: Me;
  user: User;
  /** re-read who is signed in (after sign-in, sign-out, unlock, settings changes) */
  refresh(): Promise<void>;
  can(p: Permission): boolean;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}
