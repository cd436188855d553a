import { Button, Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** One button that flips between 中文 and English (it names the language you switch to). */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button type="text" data-testid="language-switch" onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>
      {t('header.language')}
    </Button>
  );
}

/** The frame of the screens before the shell: set-up, sign-in, lock. */
export function AuthLayout({ title, subtitle, children, width = 440 }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useI18n();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f3f5f9', padding: 24 }}>
      <Card style={{ width, maxWidth: '100%' }} title={t('app.title')} extra={<LanguageSwitch />}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{title}</Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </Flex>
  );
}
