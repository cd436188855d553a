import { useEffect, useRef } from 'react';
import { call } from '../api';

/**
 * Lock the desk after the admin's idle time with no keyboard or mouse. The store enforces
 * the same limit on its side; this only makes the lock screen appear without waiting for
 * the next click.
 */
export function useIdleLock(minutes: number, onLocked: () => void): void {
  const last = useRef(Date.now());
  useEffect(() => {
    if (minutes <= 0) return;
    const mark = () => { last.current = Date.now(); };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) {
        void call('auth.lock').catch(() => undefined).then(onLocked);
      }
    }, 5_000);
    return () => {
      for (const e of events) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [minutes, onLocked]);
}
