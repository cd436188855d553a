import { useEffect } from 'react';
import { call, sinceInputMs } from '../api';

/**
 * Lock the desk after the admin's idle time with no keyboard or mouse (tracked by the API
 * module, which tells the store the same with every call, so polling never keeps a session
 * alive). This only makes the lock screen appear without waiting for the next click.
 */
export function useIdleLock(minutes: number, onLocked: () => void): void {
  useEffect(() => {
    if (minutes <= 0) return;
    const timer = window.setInterval(() => {
      if (sinceInputMs() > minutes * 60_000) {
        void call('auth.lock').catch(() => undefined).then(onLocked);
      }
    }, 5_000);
    return () => window.clearInterval(timer);
  }, [minutes, onLocked]);
}
