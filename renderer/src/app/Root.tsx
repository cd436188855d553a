import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Permission } from '../../../db/api/types';
import { ApiFailure, call, onSessionError } from '../api';
import type { ApiError } from '../../../db/api/types';
import { RecoveryPage } from '../features/backup/RecoveryPage';
import { I18nProvider, useI18n } from '../i18n';
import { LockScreen } from './LockScreen';
import { LoginPage } from './LoginPage';
import { SessionContext, type Me, type SessionState } from './session';
import { SetupPage } from './SetupPage';
import { noteDeskClock, setSiteOffset } from '../time/deskTime';
import { Shell } from './Shell';
import { usePrefersReducedMotion } from './useReducedMotion';

/** Decides which screen the desk shows: first-run set-up, sign-in, the lock screen, or the shell. */
function Gate() {
  const [me, setMe] = useState<Me | null>(null);
  // a damaged store: every call answers backup.needs_restore, and the desk shows the recovery screen
  const [damage, setDamage] = useState<ApiError | null>(null);
  const refresh = useCallback(async () => {
    let next: Me;
    try {
      next = await call('auth.me');
    } catch (e) {
      if (e instanceof ApiFailure && e.error.code === 'backup.needs_restore') setDamage(e.error);
      return;
    }
    setDamage(null);
    setSiteOffset(next.utcOffsetMinutes);
    noteDeskClock(next.now);
    setMe(next);
  }, []);

  useEffect(() => {
    void refresh();
    // Any call refused for "signed out" or "idle-locked" sends the desk back to the right screen.
    return onSessionError(() => void refresh());
  }, [refresh]);

  const session = useMemo<SessionState | null>(() => {
    if (!me?.user) return null;
    const perms = me.user.permissions as readonly Permission[];
    return { me, user: me.user, refresh, can: (p) => perms.includes(p) };
  }, [me, refresh]);

  if (damage) return <RecoveryPage damage={damage} onDone={refresh} />;
  if (!me) return <Spin fullscreen />;
  if (me.needsSetup) return <SetupPage onDone={refresh} />;
  if (!session) return <LoginPage me={me} onDone={refresh} />;
  if (session.user.locked) return <LockScreen user={session.user} onDone={refresh} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

/**
 * Less motion, as the person's system asks: every Ant Design animation lasts 10 ms, so dialogs,
 * drawers, lists and toasts appear and leave at once, and a clicked button sends out no ripple
 * (its wave fades over two seconds whatever the tokens say). The motion itself stays on (Ant
 * Design's `motion: false` mounts a dialog hidden for its first frame, and its first field then
 * misses its autofocus: the cursor ended on the dialog's close button).
 */
const INSTANT_MOTION = { motionDurationFast: '0.01s', motionDurationMid: '0.01s', motionDurationSlow: '0.01s' } as const;

function Localised() {
  const { locale } = useI18n();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo(() => ({ token: { colorPrimary: '#1f6feb', borderRadius: 6, ...(reducedMotion ? INSTANT_MOTION : {}) } }), [reducedMotion]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNLocale : enUSLocale} theme={theme} button={{ autoInsertSpace: false }} wave={{ disabled: reducedMotion }}>
      <AntApp>
        <Gate />
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
