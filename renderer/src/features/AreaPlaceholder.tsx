import { Result } from 'antd';
import { useI18n } from '../i18n';
import type { Area } from './areas';

/** An area named in the navigation but not built yet: it says so plainly. */
export function AreaPlaceholder({ area }: { area: Area }) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      data-testid="area-placeholder"
      title={t('placeholder.title', { area: t(area.nav) })}
      subTitle={t('placeholder.sub', { desc: area.desc ? t(area.desc) : '' })}
    />
  );
}
