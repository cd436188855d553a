import { Alert, App, Button, Card, Descriptions, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

/**
 * Head office's PostgreSQL server: whether this PC imports into one (its connection string
 * shown with the password hidden), whether it answers, each site's last sequence there;
 * setting a string (tried before it is kept, kept on this PC only) or going back to the
 * PC's own store.
 */
export function PgServerCard({ canManage }: { canManage: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const status = useLoad(() => call('sync.pgStatus', {}), []);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const s = status.data;

  async function save(next: string) {
    setBusy(true);
    try {
      await call('sync.pgSave', { url: next });
      setUrl('');
      void message.success(t('common.saved'));
      await status.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('sync.pg.title')} size="small" data-testid="sync-pg">
      <Flex vertical gap={8}>
        {s && !s.configured && <Typography.Text type="secondary" data-testid="sync-pg-none">{t('sync.pg.none')}</Typography.Text>}
        {s?.configured && (
          <Descriptions size="small" column={1} items={[
            { key: 'url', label: t('sync.pg.url'), children: <Typography.Text code data-testid="sync-pg-url">{s.url}</Typography.Text> },
            { key: 'source', label: t('sync.pg.source'), children: s.source === 'env' ? t('sync.pg.fromEnv') : t('sync.pg.fromFile') },
            { key: 'state', label: t('sync.pg.state'), children: s.ok ? <Tag color="green" data-testid="sync-pg-ok">{t('sync.pg.ok')}</Tag> : <Tag color="red">{t('sync.pg.down')}</Tag> },
            ...(s.ok ? [{ key: 'sites', label: t('sync.pg.sites'), children: s.sites.map((x) => `${x.code} · ${x.seq}`).join('，') || '—' }] : []),
          ]} />
        )}
        {s?.configured && !s.ok && <Alert type="error" showIcon message={s.error.message[locale]} data-testid="sync-pg-error" />}
        {canManage && s?.configured !== undefined && (s.configured === false || s.source === 'file') && (
          <Space.Compact style={{ width: '100%' }}>
            <Input.Password value={url} onChange={(e) => setUrl(e.target.value)} placeholder="postgresql://desk:…@db.example:5432/frontdesk_hq" data-testid="sync-pg-input" />
            <Button type="primary" loading={busy} disabled={!url.trim()} onClick={() => void save(url)} data-testid="sync-pg-save">{t('sync.pg.save')}</Button>
            {s.configured && <Button loading={busy} onClick={() => void save('')}>{t('sync.pg.clear')}</Button>}
          </Space.Compact>
        )}
        <Typography.Text type="secondary">{t('sync.pg.help')}</Typography.Text>
      </Flex>
    </Card>
  );
}
