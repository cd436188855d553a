import { Alert, App, Button, Card, Flex, Input, List, Space, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import { ApiFailure, call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n, type MessageKey } from '../../i18n';
import { followJob, type JobStatus } from '../../shared/transfer';
import { siteTime, useDeskToday } from '../../time/deskTime';

type Published = { files: string[]; rows: number };
type Received = { applied: unknown[]; duplicates: number; refused: unknown[] };

/**
 * 总部下发资料: head office publishes its reference data (and writes notices); a site
 * receives it and reads the notices. Which tables head office keeps comes from the store.
 */
export function ReferenceCard({ mode, ready }: { mode: 'site' | 'head_office'; ready: boolean }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const status = useLoad(() => call('sync.referenceStatus', {}), []);
  const notices = useLoad(() => call('sync.notices', {}), []);
  const today = useDeskToday();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [noticeForm] = Form.useForm<{ title: string; body: string; publishedOn: string }>();
  const hq = mode === 'head_office';

  async function run() {
    try {
      const { jobId } = await call(hq ? 'sync.publish' : 'sync.receive', {});
      const last = await followJob(jobId, setJob);
      if (last.state === 'failed' && last.error) showError(new ApiFailure(last.error));
      await Promise.all([status.reload(), notices.reload()]);
    } catch (e) {
      showError(e);
    }
  }
  async function addNotice(v: { title: string; body?: string; publishedOn?: string }) {
    try {
      await call('sync.addNotice', { title: v.title, body: v.body ?? '', publishedOn: v.publishedOn || today!.day });
      noticeForm.resetFields();
      void message.success(t('sync.ref.noticeSaved'));
      await notices.reload();
    } catch (e) {
      showError(e);
    }
  }

  const done = job?.state === 'done' ? (job.result as Published & Received) : null;
  const last = status.data?.last;
  return (
    <Card title={t('sync.ref.title')} size="small" data-testid="sync-reference" extra={
      <Button type={hq ? 'primary' : 'default'} onClick={() => void run()} loading={job?.state === 'running'} disabled={!ready}
        data-testid={hq ? 'sync-publish' : 'sync-receive'}>{t(hq ? 'sync.ref.publish' : 'sync.ref.receive')}</Button>
    }>
      <Flex vertical gap={8}>
        {status.data && <span>{t('sync.ref.tables', { tables: status.data.tables.map((x) => t(`sync.ref.table.${x}` as MessageKey)).join(locale === 'zh-CN' ? '、' : ', ') })}</span>}
        <span data-testid="sync-reference-last">{last ? t('sync.ref.last', { file: last.file, rows: last.rows, at: siteTime(last.at) }) : `${t('sync.ref.last', { file: t('sync.ref.never'), rows: 0, at: '—' })}`}</span>
        {done && hq && <Alert type="success" showIcon data-testid="sync-reference-done"
          message={done.files.length > 0 ? t('sync.ref.published', { rows: done.rows, files: done.files.length }) : t('sync.ref.nothing')} />}
        {done && !hq && <Alert type={done.refused.length > 0 ? 'warning' : 'success'} showIcon data-testid="sync-reference-done"
          message={t('sync.ref.received', { applied: done.applied.length, duplicates: done.duplicates, refused: done.refused.length })} />}
        <Typography.Text strong>{t('sync.ref.notices')}</Typography.Text>
        <List size="small" bordered dataSource={notices.data ?? []} locale={{ emptyText: t('sync.ref.noNotices') }} data-testid="sync-notices"
          renderItem={(n) => <List.Item><Space direction="vertical" size={0}><span><b>{n.title}</b> · {n.published_on}</span>{n.body && <span>{n.body}</span>}</Space></List.Item>} />
        {hq && can('sync.manage') && (
          <Form form={noticeForm} layout="inline" onFinish={addNotice}>
            <Form.Item name="title" label={t('sync.ref.noticeTitle')} rules={[{ required: true, message: t('common.required') }]}><Input style={{ width: 200 }} maxLength={100} /></Form.Item>
            <Form.Item name="body" label={t('sync.ref.noticeBody')}><Input style={{ width: 280 }} maxLength={4000} /></Form.Item>
            <Form.Item name="publishedOn" label={t('sync.ref.noticeDay')}><Input style={{ width: 120 }} placeholder={today?.day} /></Form.Item>
            <Button htmlType="submit" disabled={!today}>{t('sync.ref.addNotice')}</Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
