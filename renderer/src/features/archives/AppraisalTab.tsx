import { App, Button, Card, Flex, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

type Due = OpOutput<'archives.appraisalDue'>[number];
type Pending = OpOutput<'archives.pendingDestructions'>[number];

/** Items past their retention period: keep (look again later) or propose destruction, which a manager approves. */
export function AppraisalTab({ onChanged }: { onChanged?(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const due = useLoad(() => call('archives.appraisalDue', {}), []);
  const pending = useLoad(() => call('archives.pendingDestructions', {}), []);
  const [deciding, setDeciding] = useState<{ item: Due; decision: 'keep' | 'destroy' } | null>(null);
  const [form] = Form.useForm<{ reason: string; keepYears?: number }>();
  const refresh = () => {
    void due.reload();
    void pending.reload();
    onChanged?.();
  };

  async function appraise(v: { reason: string; keepYears?: number }) {
    if (!deciding) return;
    try {
      await call('archives.appraise', { itemId: deciding.item.id, decision: deciding.decision, reason: v.reason, keepYears: deciding.decision === 'keep' ? v.keepYears : undefined });
      void message.success(t('arch.appr.done'));
      setDeciding(null);
      form.resetFields();
      refresh();
    } catch (e) {
      showError(e);
    }
  }
  async function decide(p: Pending, approve: boolean) {
    try {
      await call('archives.decideDestruction', { appraisalId: p.id, approve });
      void message.success(approve ? t('arch.appr.destroyed', { code: p.ref_code }) : t('arch.req.decided'));
      refresh();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('arch.appr.pending')}>
        {pending.error ? <Refused error={pending.error} /> : (
          <Table<Pending>
            rowKey="id" size="small" dataSource={pending.data ?? []} pagination={false} locale={{ emptyText: '—' }} data-testid="pending-destructions"
            columns={[
              { title: t('arch.code'), dataIndex: 'ref_code', width: 110 },
              { title: t('arch.title'), dataIndex: 'title' },
              { title: t('arch.year'), dataIndex: 'year', width: 70 },
              { title: t('arch.retention'), dataIndex: 'retention', width: 80, render: (r: Pending['retention']) => t(`arch.ret.${r}`) },
              { title: t('arch.appr.reason'), dataIndex: 'reason' },
              { title: t('arch.appr.proposedBy'), dataIndex: 'proposed_by_name', width: 90 },
              ...(can('archives.approve') ? [{
                title: t('common.actions'), width: 200, render: (_: unknown, p: Pending) => (
                  <Space>
                    <Button size="small" danger onClick={() => void decide(p, true)}>{t('arch.appr.approve')}</Button>
                    <Button size="small" onClick={() => void decide(p, false)}>{t('arch.appr.reject')}</Button>
                  </Space>
                ),
              }] : []),
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('arch.appr.due')}>
        {due.error ? <Refused error={due.error} /> : (
          <Table<Due>
            rowKey="id" size="small" dataSource={due.data ?? []} loading={due.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t('arch.appr.none') }} data-testid="appraisal-due"
            columns={[
              { title: t('arch.code'), dataIndex: 'ref_code', width: 110 },
              { title: t('arch.title'), dataIndex: 'title' },
              { title: t('arch.year'), dataIndex: 'year', width: 70 },
              { title: t('arch.retention'), dataIndex: 'retention', width: 80, render: (r: Due['retention']) => t(`arch.ret.${r}`) },
              { title: t('arch.appr.until'), dataIndex: 'until', width: 90 },
              {
                title: t('common.actions'), width: 200, render: (_, d) => d.pending_id ? <Tag color="gold">{t('arch.appr.pending')}</Tag> : can('archives.write') && (
                  <Space>
                    <Button size="small" onClick={() => setDeciding({ item: d, decision: 'keep' })}>{t('arch.appr.keep')}</Button>
                    <Button size="small" danger onClick={() => setDeciding({ item: d, decision: 'destroy' })}>{t('arch.appr.destroy')}</Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal open={!!deciding} title={deciding ? `${deciding.item.ref_code} · ${t(deciding.decision === 'keep' ? 'arch.appr.keep' : 'arch.appr.destroy')}` : ''}
        onCancel={() => setDeciding(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={form} name="appraise" layout="vertical" onFinish={appraise} initialValues={{ keepYears: 5 }}>
          <Form.Item name="reason" label={t('arch.appr.reason')} rules={[{ required: true, message: t('common.required') }, { max: 200 }]}><Input /></Form.Item>
          {deciding?.decision === 'keep' && <Form.Item name="keepYears" label={t('arch.appr.keepYears')}><InputNumber min={1} max={30} precision={0} /></Form.Item>}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </Flex>
  );
}
