import { App } from 'antd';
import { useCallback } from 'react';
import { ApiFailure } from '../api';
import { useI18n } from '../i18n';

/** The refusal's own words, in the user's language. */
export function errorText(e: unknown, locale: 'zh-CN' | 'en-US', fallback: string): string {
  return e instanceof ApiFailure ? e.error.message[locale] : fallback;
}

/** Show any failed call as a toast in the user's language. */
export function useShowError(): (e: unknown) => void {
  const { message } = App.useApp();
  const { locale, t } = useI18n();
  return useCallback((e: unknown) => void message.error(errorText(e, locale, t('common.error'))), [message, locale, t]);
}
