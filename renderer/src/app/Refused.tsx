import { Result } from 'antd';
import { ApiFailure } from '../api';
import { useI18n } from '../i18n';
import { errorText } from './errors';

/** What a screen shows when the store refused to load it (most often: the role may not). */
export function Refused({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  const forbidden = error instanceof ApiFailure && error.error.code === 'auth.forbidden';
  return <Result status={forbidden ? '403' : 'error'} title={forbidden ? '403' : t('common.error')} subTitle={errorText(error, locale, t('common.error'))} data-testid="refused" />;
}
