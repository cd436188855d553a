import { ArrowLeftOutlined, PrinterOutlined, SaveOutlined, SignatureOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TransferBody, TransferLine } from '../../../../db/handovers/transfer-ops';
import { siteDateTime } from '../../../../db/time/site-time';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { DocFoot, SignLine } from './DocParts';
import { useSignatureImages } from './HandoverDoc';
import { TRANSFER_ROLES, TransferSignModal } from './TransferSign';
import { PrintPreview } from '../../print/PrintPreview';
import { STATUS_COLOR, type HandoverView } from './shared';
import './handovers.css';


/** An archive transfer list (档案移交清单): counted line by line on the spot, signed by four people, printed. */
export function TransferView({ view, onChanged }: { view: HandoverView; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const body = view.body as unknown as TransferBody;
  const [counted, setCounted] = useState<(number | null)[]>([]);
  const [head, setHead] = useState({ fromDept: body.fromDept, toDept: body.toDept, notes: body.notes });
  const [signing, setSigning] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [now, setNow] = useState('');
  const images = useSignatureImages(view);
  useEffect(() => { setCounted(body.items.map((l) => l.counted ?? null)); setHead({ fromDept: body.fromDept, toDept: body.toDept, notes: body.notes }); }, [view]);
  const draft = view.status === 'draft';
  /** signed on paper: the one scanned sheet all four signatures point at */
  const scan = view.signatures.find((s) => s.method === 'paper')?.image_sha256;
  const editable = draft && can('archives.write');
  const save = () => call('handovers.saveTransfer', { id: view.id, ...head, counted });
  const run = (f: () => Promise<void>) => () => void f().catch(showError);
  return (
    <Flex vertical gap={16} data-testid="transfer-view">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={12}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/handovers/transfer')}>{t('ho.back')}</Button>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="ho-number">{view.number}</Typography.Title>
          <Tag>{t('ho.kind.transfer')}</Tag>
          <Tag color={STATUS_COLOR[view.status]} data-testid="ho-status">{t(`ho.status.${view.status}`)}</Tag>
        </Flex>
        <Flex gap={8}>
          {editable && <Button icon={<SaveOutlined />} data-testid="tr-save" onClick={run(async () => { await save(); void message.success(t('ho.saved')); onChanged(); })}>{t('ho.save')}</Button>}
          {editable && <Button type="primary" icon={<SignatureOutlined />} data-testid="tr-sign" onClick={run(async () => { await save(); setSigning(true); })}>{t('ho.sign')}</Button>}
          <Button icon={<PrinterOutlined />} data-testid="ho-print" onClick={run(async () => { if (editable) { await save(); onChanged(); } setNow((await call('time.today')).now); setPrinting(true); })}>{t('ho.print')}</Button>
        </Flex>
      </Flex>
      {editable && <Alert type="info" showIcon message={t('ho.tr.countHelp')} />}
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Typography.Text>{t('ho.tr.fromDept')}</Typography.Text>
          <Input disabled={!editable} value={head.fromDept} onChange={(e) => setHead({ ...head, fromDept: e.target.value })} style={{ width: 180 }} />
          <Typography.Text>{t('ho.tr.toDept')}</Typography.Text>
          <Input disabled={!editable} value={head.toDept} onChange={(e) => setHead({ ...head, toDept: e.target.value })} style={{ width: 180 }} />
          {view.bodySha256 && <Typography.Text code>{view.bodySha256}</Typography.Text>}
        </Flex>
      </Card>
      <Table<TransferLine & { n: number }> rowKey="n" size="small" pagination={false} dataSource={body.items.map((l, n) => ({ ...l, n }))} data-testid="tr-lines"
        columns={[
          { title: '#', dataIndex: 'n', width: 50, render: (n: number) => n + 1 },
          { title: t('ho.tr.ref'), render: (_, l) => l.refCode ?? '' },
          { title: t('ho.tr.titleCol'), render: (_, l) => l.title ?? l.name ?? '' },
          { title: t('ho.tr.class'), render: (_, l) => l.classCode ?? '' },
          { title: t('ho.tr.count'), dataIndex: 'count' },
          { title: t('ho.tr.counted'), render: (_, l) => (editable
            ? <InputNumber min={0} max={100000} value={counted[l.n] ?? null} data-testid={`tr-counted-${l.n}`} status={counted[l.n] !== null && counted[l.n] !== l.count ? 'warning' : undefined}
                onChange={(v) => setCounted(counted.map((c, i) => (i === l.n ? v : c)))} />
            : <span className={l.counted !== l.count ? 'ho-diff-text' : ''}>{l.counted ?? ''}</span>) },
        ]}
        footer={() => t('ho.tr.total', { n: body.total })} />
      <Card size="small" title={t('ho.tr.notes')}>
        <Input.TextArea rows={2} disabled={!editable} value={head.notes} onChange={(e) => setHead({ ...head, notes: e.target.value })} data-testid="tr-notes" />
      </Card>
      {!draft && (
        <Card size="small" title={t('ho.signedBy')}>
          <div className="ho-signs ho-signs-4">{TRANSFER_ROLES.map((role) => <SignLine key={role} view={view} images={images} role={role} label={t(`ho.tr.role.${role}`)} />)}</div>
          {scan && images[scan] && <a href={images[scan]} download={`${view.number}-signed`} data-testid="ho-paper-scan">{t('ho.sign.openScan')}</a>}
        </Card>
      )}
      {signing && <TransferSignModal id={view.id} number={view.number} onClose={() => setSigning(false)} onSigned={() => { setSigning(false); void message.success(t('ho.signedDone', { number: view.number })); onChanged(); }} />}
      <PrintPreview open={printing} onClose={() => setPrinting(false)} title={t('ho.preview')} paper="A4" fileName={`${view.number}.pdf`}>
        <TransferDoc view={view} now={now} images={images} />
      </PrintPreview>
    </Flex>
  );
}

/** 档案移交清单 on A4: the lines as counted, the four signatures (or blank lines), the hash of what was signed. */
export function TransferDoc({ view, now, images }: { view: HandoverView; now: string; images: Record<string, string> }) {
  const { t } = useI18n();
  const C = t('ho.colon');
  const body = view.body as unknown as TransferBody;
  return (
    <section className="print-page ho-doc" data-testid="transfer-doc">
      <h1>{t('ho.tr.doc.title')}</h1>
      <div className="ho-doc-sub"><span>{view.site.name}</span><span>{t('ho.number')}{C}{view.number}</span></div>
      {view.status === 'draft' && <div className="ho-doc-draft">{t('ho.doc.draft')}</div>}
      <p>{t('ho.tr.fromDept')}{C}{body.fromDept}　{t('ho.tr.toDept')}{C}{body.toDept}</p>
      <table className="ho-grid">
        <thead><tr><th>#</th><th>{t('ho.tr.ref')}</th><th>{t('ho.tr.titleCol')}</th><th>{t('ho.tr.class')}</th><th>{t('ho.tr.count')}</th><th>{t('ho.tr.counted')}</th></tr></thead>
        <tbody>
          {body.items.map((l, n) => (
            <tr key={n} className={l.counted !== null && l.counted !== l.count ? 'ho-diff' : ''}>
              <td>{n + 1}</td><td>{l.refCode ?? ''}</td><td>{l.title ?? l.name ?? ''}</td><td>{l.classCode ?? ''}</td><td>{l.count}</td><td>{l.counted ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('ho.tr.total', { n: body.total })}</p>
      {body.notes && <p><b>{t('ho.tr.notes')}{C}</b>{body.notes}</p>}
      <div className="ho-signs ho-signs-4">
        {TRANSFER_ROLES.map((role) => <SignLine key={role} view={view} images={images} role={role} label={t(`ho.tr.role.${role}`)} />)}
      </div>
      <DocFoot view={view} now={now} />
    </section>
  );
}

/**
 * The catalogue item view's lines about transfer: the archivist's major-event mark (which makes
 * it due within a month), and where a transferred item now is.
 */
export function ItemCustody({ itemId, majorEvent, onChanged }: { itemId: string; majorEvent: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const showError = useShowError();
  const custody = useLoad(() => call('handovers.custody', { itemId }), [itemId]);
  const off = useLoad(() => call('time.today'), []).data?.utcOffsetMinutes ?? 480;
  const latest = custody.data?.[0];
  return (
    <>
      <div style={{ marginTop: 12 }} data-testid="item-major-event">
        <Checkbox checked={majorEvent} disabled={!can('archives.write')}
          onChange={(e) => void call('handovers.markMajorEvent', { itemId, majorEvent: e.target.checked }).then(onChanged, showError)}>{t('ho.tr.majorEvent')}</Checkbox>
      </div>
      {latest && <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="item-custody"
        message={t('ho.tr.custody', { dept: latest.toDept, number: latest.number, at: siteDateTime(latest.signedAt, off) })} />}
    </>
  );
}
