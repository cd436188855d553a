import { App, Button, Card, Checkbox, Flex, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { useDeskTime } from '../../time/deskTime';
import { RequestFormDoc } from './AccessPrints';
import { ReturnModal } from './ReturnModal';

type Request = OpOutput<'archives.requests'>[number];
type Loan = OpOutput<'archives.loans'>[number];
type Status = 'pending' | 'approved' | 'rejected';

/** Requests to approve and act on, and the items out on loan (overdue first to the eye). */
export function AccessTab({ onChanged }: { onChanged?(): void }) {
  const { t } = useI18n();
  const deskTime = useDeskTime();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<Status | 'all'>('pending');
  const requests = useLoad(() => call('archives.requests', { status: status === 'all' ? undefined : status, limit: 200 }), [status]);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const loans = useLoad(() => call('archives.loans', { overdueOnly }), [overdueOnly]);
  const [returning, setReturning] = useState<{ id: string; ref_code: string }[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [form, setForm] = useState<Request | null>(null);

  const refresh = () => {
    setPicked([]);
    void requests.reload();
    void loans.reload();
    onChanged?.();
  };
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
      refresh();
    } catch (e) {
      showError(e);
    }
  };

  // a borrow request's items still in the store and not yet lent on it: lent together with one click
  const lendable = (r: Request) => (r.status === 'approved' && r.kind === 'borrow' && can('archives.write') ? r.items.filter((i) => i.status === 'in' && !i.lent) : []);
  const lendAll = (r: Request) => {
    const items = lendable(r);
    return act(() => call('archives.lend', { requestId: r.id, itemIds: items.map((i) => i.id) }), t('arch.lentAll', { count: items.length, borrower: r.requester }));
  };
  const itemActions = (r: Request) => [...(lendable(r).length > 1 ? [
    <Button key="all" size="small" type="primary" style={{ marginBottom: 6 }} onClick={() => void lendAll(r)} data-testid="lend-all">{t('arch.lendAll', { count: lendable(r).length })}</Button>,
  ] : []), ...r.items.map((i) => (
    <Flex key={i.id} gap={6} align="center" style={{ marginBottom: 4 }}>
      <Tag>{i.ref_code}</Tag>
      <span>{i.title}</span>
      {r.status === 'approved' && can('archives.write') && r.kind === 'borrow' && i.status === 'in' && !i.lent && (
        <Button size="small" onClick={() => void act(() => call('archives.lend', { requestId: r.id, itemIds: [i.id] }), t('arch.lent', { code: i.ref_code }))} data-testid={`lend-${i.ref_code}`}>{t('arch.lend')}</Button>
      )}
      {r.status === 'approved' && can('archives.write') && r.kind !== 'borrow' && (
        <Button size="small" onClick={() => void act(() => call('archives.recordUse', { requestId: r.id, itemIds: [i.id], event: r.kind === 'read' ? 'read' : 'copied' }), t('arch.recorded'))}>
          {r.kind === 'read' ? t('arch.recordRead') : t('arch.recordCopy')}
        </Button>
      )}
      {i.status === 'out' && <Tag color="orange">{t('arch.status.out')}</Tag>}
    </Flex>
  ))];

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('arch.req.list')} extra={
        <Segmented<Status | 'all'> value={status} onChange={setStatus} options={[
          ...(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`arch.req.status.${s}`) })),
          { value: 'all', label: t('arch.req.status.all') },
        ]} />
      }>
        {requests.error ? <Refused error={requests.error} /> : (
          <Table<Request>
            rowKey="id" size="small" loading={requests.loading} dataSource={requests.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="request-table"
            columns={[
              { title: t('arch.req.kind'), dataIndex: 'kind', width: 70, render: (k: Request['kind']) => t(`arch.req.kind.${k}`) },
              { title: t('arch.req.requester'), width: 110, render: (_, r) => <>{r.requester}<div style={{ color: '#888' }}>{r.requester_unit}</div></> },
              { title: t('arch.req.purpose'), dataIndex: 'purpose', width: 160 },
              { title: t('arch.req.items'), render: (_, r) => itemActions(r) },
              { title: t('arch.req.due'), dataIndex: 'due_on', width: 100, render: (d: string | null) => d ?? '—' },
              {
                title: t('arch.req.status'), width: 190, render: (_, r) => r.status === 'pending'
                  ? (can('archives.approve') ? (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void act(() => call('archives.decide', { requestId: r.id, approve: true }), t('arch.req.decided'))} data-testid="approve-request">{t('arch.req.approve')}</Button>
                      <Button size="small" danger onClick={() => void act(() => call('archives.decide', { requestId: r.id, approve: false }), t('arch.req.decided'))}>{t('arch.req.reject')}</Button>
                    </Space>
                  ) : <Tag color="gold">{t('arch.req.status.pending')}</Tag>)
                  : <><Tag color={r.status === 'approved' ? 'green' : 'red'}>{t(`arch.req.status.${r.status}`)}</Tag>{r.decided_by_name}</>,
              },
              { title: '', width: 100, render: (_, r) => <Button size="small" onClick={() => setForm(r)} data-testid="print-request-form">{t('arch.form.print')}</Button> },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('arch.loans')} extra={
        <Space>
          {can('archives.write') && picked.length > 0 && (
            <Button size="small" onClick={() => setReturning((loans.data ?? []).filter((l) => picked.includes(l.id)).map((l) => ({ id: l.item_id, ref_code: l.ref_code })))} data-testid="return-picked">
              {t('arch.returnPicked', { count: picked.length })}
            </Button>
          )}
          <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} data-testid="overdue-only">{t('arch.loans.overdueOnly')}</Checkbox>
        </Space>
      }>
        <Table<Loan>
          rowKey="id" size="small" loading={loans.loading} dataSource={loans.data ?? []} pagination={false} data-testid="loan-table"
          rowSelection={can('archives.write') ? { selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) } : undefined}
          locale={{ emptyText: t('arch.loans.none') }}
          columns={[
            { title: t('arch.code'), dataIndex: 'ref_code', width: 110 },
            { title: t('arch.title'), dataIndex: 'title' },
            { title: t('arch.loan.borrower'), dataIndex: 'borrower', width: 100 },
            { title: t('arch.loan.lentAt'), dataIndex: 'lent_at', width: 140, render: (iso: string) => deskTime.format(iso) },
            { title: t('arch.loan.due'), width: 150, render: (_, l) => <>{l.due_on} {l.overdue && <Tag color="red">{t('arch.overdue')}</Tag>}</> },
            ...(can('archives.write') ? [{ title: t('common.actions'), width: 80, render: (_: unknown, l: Loan) => <Button size="small" onClick={() => setReturning([{ id: l.item_id, ref_code: l.ref_code }])} data-testid={`return-${l.ref_code}`}>{t('arch.return')}</Button> }] : []),
          ]}
        />
      </Card>
      <ReturnModal items={returning} onClose={() => setReturning(null)} onDone={refresh} />
      <RequestFormDoc request={form} onClose={() => setForm(null)} />
    </Flex>
  );
}
