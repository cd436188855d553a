import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import { siteDateTime } from '../../../../db/time/site-time';
import { call } from '../../api';
import { AttestFields } from '../../app/AttestFields';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { yuan } from '../fees/shared';
import { PrintPreview } from '../../print/PrintPreview';
import { STATUS_COLOR, type HandoverView } from './shared';
import { ShiftDoc, type ShiftBody } from './ShiftDoc';

/** A shift handover (交接班): what was handed over, filled in from the store, and the incoming person's acknowledgement. */
export function ShiftView({ view, onChanged }: { view: HandoverView; onChanged(): void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [acking, setAcking] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [now, setNow] = useState('');
  const showError = useShowError();
  const body = view.body as unknown as ShiftBody;
  const p = body.prefill;
  const when = (iso: string) => siteDateTime(iso, view.utcOffsetMinutes);
  const sig = (role: string) => view.signatures.find((s) => s.role === role)?.signer_name ?? '';
  const caseItem = (c: { case_no: string; matter: string; due_at: string; overdue: boolean; near?: boolean }) => (
    <List.Item><Flex gap={8} style={{ width: '100%' }}><b>{c.case_no}</b><Typography.Text ellipsis style={{ flex: 1 }}>{c.matter}</Typography.Text>{when(c.due_at)}{c.overdue ? <Tag color="red">{t('ho.shift.overdue')}</Tag> : c.near ? <Tag color="orange">{t('ho.shift.near')}</Tag> : null}</Flex></List.Item>
  );
  return (
    <Flex vertical gap={16} data-testid="shift-view">
      <Flex align="center" gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="ho-number">{view.number}</Typography.Title>
        <Tag>{t('ho.kind.shift')}</Tag>
        <Tag color={STATUS_COLOR[view.status]} data-testid="ho-status">{t(`ho.status.${view.status}`)}</Tag>
        {view.status === 'draft' && user.staffId !== view.createdById && <Button type="primary" onClick={() => setAcking(true)} data-testid="shift-ack">{t('ho.shift.ack')}</Button>}
        <Button icon={<PrinterOutlined />} data-testid="ho-print" onClick={() => void call('time.today').then((d) => { setNow(d.now); setPrinting(true); }, showError)}>{t('ho.print')}</Button>
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={2} items={[
          { key: 'o', label: t('ho.shift.outgoing'), children: view.createdBy },
          { key: 'i', label: t('ho.shift.incoming'), children: sig('incoming') || view.incomingName || t('ho.shift.incomingAny') },
          { key: 'c', label: t('ho.createdAt'), children: when(view.createdAt) },
          { key: 's', label: t('ho.signedAt'), children: view.signedAt ? when(view.signedAt) : '' },
          { key: 'n', label: t('ho.remarks'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{body.notes}</span> },
          ...(view.bodySha256 ? [{ key: 'h', label: t('ho.hash'), span: 2, children: <Typography.Text code>{view.bodySha256}</Typography.Text> }] : []),
        ]} />
      </Card>
      <Card size="small" title={t('ho.shift.cash', { since: when(p.since) })} data-testid="shift-cash">
        {p.cash.receipts ? (
          <Flex vertical gap={4}>
            <Typography.Text>{t('ho.shift.receipts', { n: p.cash.receipts, v: p.cash.voided, first: p.cash.first ?? '', last: p.cash.last ?? '' })}</Typography.Text>
            <Flex gap={16} wrap>{p.cash.byMethod.map((m) => <Typography.Text key={m.method}>{t(`ho.method.${m.method}` as 'ho.method.cash')}{t('ho.colon')}<b>{yuan(m.amount)}</b></Typography.Text>)}</Flex>
          </Flex>
        ) : <Typography.Text type="secondary">{t('ho.shift.noReceipts')}</Typography.Text>}
      </Card>
      {p.keys && (
        <Card size="small" title={t('ho.shift.keys')} data-testid="shift-keys">
          <Typography.Text>{t('ho.keys.in')}{t('ho.colon')}{p.keys.held} · {t('ho.shift.keysOut', { n: p.keys.out.length })}</Typography.Text>
          <List size="small" dataSource={p.keys.out} renderItem={(k) => <List.Item><Flex gap={8}><b>{k.label}</b>{k.roomCode ?? ''} · {k.borrower} · {when(k.lentAt)}</Flex></List.Item>} />
        </Card>
      )}
      <Card size="small" title={t('ho.shift.ownedCases')}><List size="small" dataSource={p.ownedCases} renderItem={caseItem} locale={{ emptyText: t('ho.none') }} /></Card>
      <Card size="small" title={t('ho.shift.urgentCases')}><List size="small" dataSource={p.urgentCases} renderItem={caseItem} locale={{ emptyText: t('ho.none') }} /></Card>
      <Card size="small" title={t('ho.shift.loansDue')}>
        <List size="small" dataSource={p.loansDue} locale={{ emptyText: t('ho.none') }}
          renderItem={(l) => <List.Item><Flex gap={8}><b>{l.ref_code}</b>{l.title} · {l.borrower} · {l.due_on}{l.overdue && <Tag color="red">{t('ho.shift.overdue')}</Tag>}</Flex></List.Item>} />
      </Card>
      <PrintPreview open={printing} onClose={() => setPrinting(false)} title={t('ho.preview')} paper="A4" fileName={`${view.number}.pdf`}>
        <ShiftDoc view={view} now={now} />
      </PrintPreview>
      {acking && <AckModal id={view.id} number={view.number} onClose={() => setAcking(false)} onDone={() => { setAcking(false); onChanged(); }} />}
    </Flex>
  );
}

function AckModal({ id, number, onClose, onDone }: { id: string; number: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ username: string; password: string; notes?: string }>();
  return (
    <Modal open title={t('ho.shift.ack')} onCancel={onClose} onOk={() => form.submit()} okText={t('ho.shift.ack')} cancelText={t('common.cancel')} destroyOnHidden>
      <Alert type="info" showIcon message={t('ho.shift.ackHelp')} style={{ marginBottom: 12 }} />
      <Form form={form} name="shift-ack" layout="vertical" requiredMark={false}
        onFinish={(v) => call('handovers.acknowledgeShift', { id, ...v }).then(() => { void message.success(t('ho.shift.ackDone', { number })); onDone(); }, (e) => { form.setFieldValue('password', ''); showError(e); })}>
        <AttestFields userField="username" passwordField="password" userLabel={t('ho.sign.username')} passwordLabel={t('ho.sign.password')} />
        <Form.Item name="notes" label={t('ho.remarks')}><Input.TextArea rows={2} /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** The 交接班 tab: start handing over this shift. */
export function ShiftStart({ onStarted }: { onStarted(id: string): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [notes, setNotes] = useState('');
  const [incomingId, setIncomingId] = useState<string | null>(null);
  const colleagues = useLoad(() => call('handovers.colleagues', {}), []);
  return (
    <Card size="small" title={t('ho.shift.tab')} data-testid="shift-start">
      <Alert type="info" showIcon message={t('ho.shift.help')} style={{ marginBottom: 12 }} />
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('ho.shift.incomingPick')}</Typography.Text>
        <Select allowClear style={{ width: 260 }} value={incomingId ?? undefined} placeholder={t('ho.shift.incomingAny')} onChange={(v?: string) => setIncomingId(v ?? null)} data-testid="shift-incoming"
          options={(colleagues.data ?? []).map((c) => ({ value: c.id, label: `${c.display_name} · ${t(`role.${c.role}` as 'role.cashier')}` }))} />
      </Flex>
      <Input.TextArea rows={3} placeholder={t('ho.shift.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="shift-notes" />
      <Button type="primary" style={{ marginTop: 12 }} data-testid="shift-start-button"
        onClick={() => void call('handovers.startShift', { incomingId, notes }).then((r) => onStarted(r.id), showError)}>{t('ho.shift.start')}</Button>
    </Card>
  );
}

/** The home page's flag: shift handovers not yet acknowledged, handed over by me or to me. */
export function PendingShifts({ open }: { open(id: string): void }) {
  const { t } = useI18n();
  const pending = useLoad(() => call('handovers.pendingShifts', {}), []);
  const rows = pending.data;
  if (!rows?.length) return null;
  return (
    <Card size="small" title={<Flex gap={8} align="center"><Tag color="red">{rows.length}</Tag>{t('ho.shift.pending')}</Flex>} data-testid="pending-shifts">
      <List size="small" dataSource={rows} renderItem={(r) => (
        <List.Item onClick={() => open(r.id)} style={{ cursor: 'pointer' }}>
          <Flex gap={8}><b>{r.number}</b>{r.outgoing}<Typography.Text type="secondary">{t(r.mine ? 'ho.shift.pendingMine' : 'ho.shift.pendingTheirs')}</Typography.Text></Flex>
        </List.Item>
      )} />
    </Card>
  );
}
