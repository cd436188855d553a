import { Alert, App, Button, Card, Flex, Input, InputNumber, Progress, Space, Table, Tag, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { KeyPasswordForm } from './KeyPasswordForm';
import { SkippedNumbers } from './SkippedNumbers';

type Listing = OpOutput<'backup.list'>;
type Run = NonNullable<OpOutput<'backup.status'>>;
type Source = { name: string } | { path: string };

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** 设置 → 备份: where and when, back up now (with progress and stop), the list, and restore after a confirmation. */
export function BackupTab() {
  const { data, error, reload } = useLoad(() => call('backup.list', {}), []);
  if (error) return <Refused error={error} />;
  if (!data) return null;
  return (
    <Flex vertical gap={16} data-testid="backup-tab">
      <SettingsCard listing={data} onSaved={reload} />
      <RunCard listing={data} onDone={reload} />
      <ListCard listing={data} />
      <SkippedNumbers />
    </Flex>
  );
}

function SettingsCard({ listing, onSaved }: { listing: Listing; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  async function save(v: { folder: string; hour: number; keepDays: number }) {
    try {
      await call('backup.saveSettings', v);
      void message.success(t('common.saved'));
      await onSaved();
    } catch (e) {
      showError(e);
    }
  }
  const s = listing.settings;
  return (
    <Card title={t('backup.settings')} size="small">
      <Form layout="inline" onFinish={save} initialValues={{ folder: s.folder ?? '', hour: s.hour, keepDays: s.keepDays }}>
        <Form.Item name="folder" label={t('backup.folder')} rules={[{ required: true, message: t('common.required') }]} extra={t('backup.folderHelp')}>
          <Input style={{ width: 360 }} data-testid="backup-folder" />
        </Form.Item>
        <Form.Item name="hour" label={t('backup.hour')}><InputNumber min={0} max={23} /></Form.Item>
        <Form.Item name="keepDays" label={t('backup.keepDays')} extra={t('backup.keepHelp')}><InputNumber min={1} max={365} /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="backup-save">{t('common.save')}</Button>
      </Form>
      <KeyPasswordForm set={listing.keyPasswordSet} onSaved={onSaved} />
    </Card>
  );
}

function RunCard({ listing, onDone }: { listing: Listing; onDone(): Promise<void> }) {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [run, setRun] = useState<Run | null>(listing.running?.state === 'running' ? listing.running : null);
  const [last, setLast] = useState<Run | null>(null);

  useEffect(() => {
    if (run?.state !== 'running') return;
    const timer = setTimeout(() => {
      call('backup.status', {}).then((s) => {
        if (s?.state === 'running') setRun({ ...s });
        else {
          setRun(null);
          setLast(s);
          void onDone();
        }
      }, showError);
    }, 300);
    return () => clearTimeout(timer);
  }, [run, onDone, showError]);

  async function start() {
    setLast(null);
    try {
      setRun(await call('backup.start', {}));
    } catch (e) {
      showError(e);
    }
  }
  const p = run?.progress;
  const percent = p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Space>
          <Button type="primary" onClick={start} disabled={!listing.settings.folder || run !== null} data-testid="backup-now">{t('backup.now')}</Button>
          {run && <Button danger onClick={() => void call('backup.cancel', {}).catch(showError)} data-testid="backup-stop">{t('backup.cancel')}</Button>}
        </Space>
        {!listing.settings.folder && <Typography.Text type="secondary">{t('backup.noFolder')}</Typography.Text>}
        {p && (
          <div data-testid="backup-progress">
            <Progress percent={p.phase === 'verify' ? 100 : percent} status="active" />
            <Typography.Text type="secondary">{t(`backup.phase.${p.phase}`, { done: p.done, total: p.total })}</Typography.Text>
          </div>
        )}
        {last?.state === 'done' && <Alert type={last.verified ? 'success' : 'warning'} showIcon data-testid="backup-result" message={t(last.verified ? 'backup.done' : 'backup.doneFailed')} />}
        {last?.state === 'cancelled' && <Alert type="info" showIcon data-testid="backup-result" message={t('backup.cancelled')} />}
        {last?.state === 'failed' && last.error && <Alert type="error" showIcon data-testid="backup-result" message={last.error.message[locale]} />}
      </Flex>
    </Card>
  );
}

function ListCard({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  const [path, setPath] = useState('');
  const restore = useRestore();
  return (
    <Card title={t('backup.list')} size="small">
      <Table
        size="small" rowKey="name" pagination={{ pageSize: 10 }} data-testid="backup-list" dataSource={listing.backups}
        columns={[
          { title: t('backup.col.at'), dataIndex: 'at', render: (at: string) => siteTime(at, { seconds: true }) },
          { title: t('backup.col.reason'), dataIndex: 'reason', render: (r: string) => t(`backup.reason.${r}` as 'backup.reason.manual') },
          { title: t('backup.col.size'), dataIndex: 'bytes', render: megabytes },
          { title: t('backup.col.receipts'), dataIndex: 'receiptCount' },
          {
            title: t('backup.col.state'), dataIndex: 'state',
            render: (s: string) => <Tag color={s === 'verified' ? 'green' : 'red'}>{t(`backup.state.${s}` as 'backup.state.verified')}</Tag>,
          },
          {
            title: t('common.actions'), key: 'a',
            render: (_: unknown, b: Listing['backups'][number]) => (
              <Button size="small" disabled={b.state !== 'verified' || !b.ours} onClick={() => void restore({ name: b.name }, b.at)} data-testid={`backup-restore-${b.name}`}>
                {t('backup.restore')}
              </Button>
            ),
          },
        ]}
      />
      <Space.Compact style={{ marginTop: 12, width: 560 }}>
        <Input placeholder={t('backup.restorePath')} value={path} onChange={(e) => setPath(e.target.value)} data-testid="backup-restore-path" />
        <Button disabled={!path.trim()} onClick={() => void restore({ path: path.trim() }, null)}>{t('backup.restoreFromPath')}</Button>
      </Space.Compact>
    </Card>
  );
}

/** Preview (what will be lost), then the confirmation, then restore; the desk signs everyone out. */
function useRestore() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { refresh } = useSession();
  const showError = useShowError();
  return async (source: Source, at: string | null) => {
    let preview: OpOutput<'backup.preview'>;
    try {
      preview = await call('backup.preview', source);
    } catch (e) {
      showError(e);
      return;
    }
    const when = siteTime(preview.at ?? at ?? '', { seconds: true });
    let keyPassword = '';
    const lost = preview.changesLost > 0;
    modal.confirm({
      title: t('backup.confirmTitle', { at: preview.at || at ? when : ('path' in source ? source.path : '') }),
      width: 520,
      okButtonProps: { danger: true, ...{ 'data-testid': 'backup-confirm-ok' } },
      okText: t('backup.confirmOk'),
      content: (
        <div data-testid="backup-confirm">
          <Typography.Paragraph strong type={lost ? 'danger' : undefined}>
            {lost ? t('backup.confirmLoss', { changes: preview.changesLost, receipts: preview.receiptsLost }) : t('backup.confirmNoLoss')}
          </Typography.Paragraph>
          <Typography.Paragraph>{t('backup.confirmAside')}</Typography.Paragraph>
          {preview.keyPasswordWanted && (
            <>
              <Typography.Paragraph>{t('backup.keyPassword.restoreHelp')}</Typography.Paragraph>
              <Input.Password placeholder={t('backup.keyPassword.restore')} autoComplete="off" data-testid="backup-key-password"
                onChange={(e) => { keyPassword = e.target.value; }} />
            </>
          )}
        </div>
      ),
      onOk: async () => {
        try {
          const done = await call('backup.restore', { ...source, keyPassword: keyPassword || undefined, confirm: true });
          if (done.syncKey === 'not-restored') void message.warning(t('backup.keyPassword.notRestored'));
          void message.success(t('backup.restored'));
          await refresh();
        } catch (e) {
          showError(e);
        }
      },
    });
  };
}
