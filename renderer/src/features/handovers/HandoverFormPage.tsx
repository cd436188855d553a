import { ArrowLeftOutlined, EditOutlined, PrinterOutlined, SaveOutlined, SignatureOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Flex, Input, Modal, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useEffect, useState } from 'react';
import { siteDateTime } from '../../../../db/time/site-time';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { yuan } from '../fees/shared';
import { HandoverDoc, useSignatureImages } from './HandoverDoc';
import { ChecklistSection, DocumentsSection, KeysSection, MetersSection } from './sections';
import type { MoveInBody, MoveOutBody, MoveOutEffects } from './shared';
import { STATUS_COLOR } from './shared';
import { ShiftView } from './ShiftView';
import { SignModal } from './SignModal';
import { TransferView } from './TransferView';

type Body = MoveInBody | MoveOutBody;

/** #/handovers/doc/<id>: a move-in or move-out form — edited while a draft, read, printed and corrected once signed. */
export function HandoverFormPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const doc = useLoad(() => call('handovers.get', { id }), [id]);
  const lists = useLoad(() => call('handovers.lists'), []);
  const view = doc.data;
  const contacts = useLoad(() => (view?.room && view.kind === 'move_in' && can('complaints.read') ? call('complaints.roomContacts', { roomId: view.room.id }) : Promise.resolve([])), [view?.room?.id, view?.kind]);
  const [body, setBody] = useState<Body | null>(null);
  const [dirty, setDirty] = useState(false);
  const [signing, setSigning] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [now, setNow] = useState('');
  const images = useSignatureImages(view);
  useEffect(() => { if (view) { setBody(view.body as unknown as Body); setDirty(false); } }, [view]);

  if (doc.error) return <Refused error={doc.error} />;
  if (!view || !body) return <Skeleton active />;
  if (view.kind === 'shift') return <ShiftView view={view} onChanged={() => void doc.reload()} />;
  if (view.kind === 'transfer') return <TransferView view={view} onChanged={() => void doc.reload()} />;
  const draft = view.status === 'draft';
  const readOnly = !draft || !can('handovers.write');
  const isIn = view.kind === 'move_in';
  const inBody = body as MoveInBody;
  const outBody = body as MoveOutBody;
  const edit = (p: Partial<MoveInBody> | Partial<MoveOutBody>) => { setBody({ ...body, ...p } as Body); setDirty(true); };
  const effects = (view.canonical?.effects ?? null) as MoveOutEffects | null;

  async function save(quiet = false) {
    await call('handovers.save', { id, body: body as unknown as Record<string, unknown> });
    setDirty(false);
    if (!quiet) {
      void message.success(t('ho.saved'));
      await doc.reload();
    }
  }
  const run = (f: () => Promise<void>) => () => void f().catch(showError);
  const repair = (i: number) => run(async () => {
    await save(true);
    const r = await call('handovers.openRepair', { id, index: i });
    void message.success(t('ho.repairOpened', { no: r.caseNo }));
    await doc.reload();
  })();
  const print = async () => { setNow((await call('time.today')).now); setPrinting(true); };

  return (
    <Flex vertical gap={16} data-testid="handover-form">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={12} wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(view.room ? `/registry/room/${view.room.id}` : '/handovers')}>{t('ho.back')}</Button>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="ho-number">{view.number}</Typography.Title>
          <Tag>{t(`ho.kind.${view.kind}`)}</Tag>
          {view.version > 1 && <Tag color="purple">{t('ho.versionN', { n: view.version })}</Tag>}
          <Tag color={STATUS_COLOR[view.status]} data-testid="ho-status">{t(`ho.status.${view.status}`)}</Tag>
          {view.room && <Typography.Text strong>{view.room.code}</Typography.Text>}
        </Flex>
        <Flex gap={8}>
          {!readOnly && <Button icon={<SaveOutlined />} onClick={run(() => save())} data-testid="ho-save">{t('ho.save')}</Button>}
          {!readOnly && <Button type="primary" icon={<SignatureOutlined />} onClick={run(async () => { await save(true); setSigning(true); })} data-testid="ho-sign">{t('ho.sign')}</Button>}
          <Button icon={<PrinterOutlined />} onClick={run(async () => { if (dirty && !readOnly) { await save(true); await doc.reload(); } await print(); })} data-testid="ho-print">{t('ho.print')}</Button>
          {!draft && can('handovers.write') && !view.versions.some((v) => v.version > view.version) && (
            <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="ho-correct">{t('ho.correct')}</Button>
          )}
        </Flex>
      </Flex>

      {view.version > 1 && <Alert type="info" showIcon message={t('ho.doc.correction', { reason: view.reason })} />}
      {!draft && (
        <Card size="small">
          <Descriptions size="small" column={2} items={[
            { key: 'at', label: t('ho.signedAt'), children: view.signedAt ? siteDateTime(view.signedAt, view.utcOffsetMinutes) : '' },
            { key: 'by', label: t('ho.signedBy'), children: view.signatures.map((s) => (
              <span key={s.id} style={{ marginRight: 12 }}>{s.signer_name}{s.method === 'paper' && s.image_sha256 && images[s.image_sha256] && (
                <> · <a href={images[s.image_sha256]} download={`${view.number}-${s.role}`} data-testid="ho-paper-scan">{t('ho.sign.openScan')}</a></>
              )}</span>
            )) },
            { key: 'hash', label: t('ho.hash'), span: 2, children: <Typography.Text code copyable data-testid="ho-hash">{view.bodySha256}</Typography.Text> },
            { key: 'v', label: t('ho.versions'), span: 2, children: (
              <Flex gap={6} wrap>{view.versions.map((v) => <Tag key={v.id} color={v.id === view.id ? 'blue' : undefined} style={{ cursor: 'pointer' }} onClick={() => navigate(`/handovers/doc/${v.id}`)}>{t('ho.versionN', { n: v.version })} · {t(`ho.status.${v.status}`)}</Tag>)}</Flex>
            ) },
          ]} />
        </Card>
      )}

      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('ho.sec.occupant')} data-testid="ho-occupant">
              {isIn ? (
                <Form layout="vertical" disabled={readOnly} component="div">
                  {contacts.data && contacts.data.length > 0 && (
                    <Form.Item label={t('ho.occ.existing')}>
                      <Select allowClear value={inBody.occupant.id ?? undefined} placeholder={t('ho.occ.new')} data-testid="ho-occ-existing"
                        options={contacts.data.map((c) => ({ value: c.id, label: `${c.name} · ${t(`registry.kind.${c.kind}`)}` }))}
                        onChange={(v?: string) => {
                          const c = contacts.data!.find((x) => x.id === v);
                          edit({ occupant: { ...inBody.occupant, id: v ?? null, ...(c ? { name: c.name, phone: c.phone, kind: c.kind } : {}) } });
                        }} />
                    </Form.Item>
                  )}
                  <Flex gap={12}>
                    <Form.Item label={t('ho.occ.kind')} style={{ width: 110 }}>
                      <Select value={inBody.occupant.kind} onChange={(v) => edit({ occupant: { ...inBody.occupant, kind: v } })}
                        options={(['owner', 'tenant'] as const).map((k) => ({ value: k, label: t(`registry.kind.${k}`) }))} />
                    </Form.Item>
                    <Form.Item label={t('ho.occ.name')} style={{ flex: 1 }}>
                      <Input value={inBody.occupant.name} disabled={readOnly || !!inBody.occupant.id} onChange={(e) => edit({ occupant: { ...inBody.occupant, name: e.target.value } })} data-testid="ho-occ-name" />
                    </Form.Item>
                    <Form.Item label={t('ho.occ.phone')} style={{ flex: 1 }}>
                      <Input value={inBody.occupant.phone} disabled={readOnly || !!inBody.occupant.id} onChange={(e) => edit({ occupant: { ...inBody.occupant, phone: e.target.value } })} data-testid="ho-occ-phone" />
                    </Form.Item>
                  </Flex>
                  <Flex gap={12} align="end">
                    <Form.Item label={t('ho.occ.idNumber')} style={{ flex: 1 }}>
                      <Input value={inBody.occupant.idNumber} disabled={readOnly || !!inBody.occupant.id} onChange={(e) => edit({ occupant: { ...inBody.occupant, idNumber: e.target.value } })} data-testid="ho-occ-id" />
                    </Form.Item>
                    <Form.Item>
                      <Checkbox checked={inBody.occupant.idChecked} onChange={(e) => edit({ occupant: { ...inBody.occupant, idChecked: e.target.checked } })} data-testid="ho-id-checked">{t('ho.occ.idChecked')}</Checkbox>
                    </Form.Item>
                  </Flex>
                  <Form.Item label={t('ho.cards')}>
                    <Input value={inBody.cards} onChange={(e) => edit({ cards: e.target.value })} data-testid="ho-cards" />
                  </Form.Item>
                  <Form.Item label={t('ho.moveInDate')} style={{ marginBottom: 0 }}>
                    <Input type="date" value={inBody.moveInDate ?? ''} onChange={(e) => edit({ moveInDate: e.target.value || null })} style={{ width: 180 }} data-testid="ho-move-date" />
                  </Form.Item>
                </Form>
              ) : (
                <Descriptions size="small" column={1} items={[
                  { key: 'o', label: t('ho.occupant'), children: outBody.occupantName },
                  { key: 'd', label: t('ho.moveOutDate'), children: readOnly ? outBody.moveOutDate : <Input type="date" value={outBody.moveOutDate ?? ''} onChange={(e) => edit({ moveOutDate: e.target.value || null })} style={{ width: 180 }} /> },
                  ...(view.compare ? [{ key: 'in', label: t('ho.kind.move_in'), children: view.compare.moveInNumber }] : []),
                  ...(view.compare ? [{ key: 'k', label: t('ho.missingKeys'), children: <span data-testid="ho-missing-keys">{view.compare.missingKeys.map((k) => `${k.kind} ×${k.missing}`).join('、') || t('ho.none')}</span> }] : []),
                  ...(effects ? [{ key: 'owed', label: t('ho.owed'), children: <span data-testid="ho-owed">{effects.owed > 0 ? yuan(effects.owed) : t('ho.none')}</span> }] : []),
                  ...(effects?.finalReadings.length ? [{ key: 'bills', label: t('ho.finalBills'), children: effects.finalReadings.map((f) => t('ho.finalLine', { meter: t(`ho.meter.${f.meter}`), use: f.use, amount: yuan(f.billed) })).join('；') }] : []),
                ]} />
              )}
            </Card>
            <KeysSection keys={isIn ? inBody.keys.map((k) => ({ ...k, handed: 0 })) : outBody.keys} kinds={lists.data?.key ?? []} moveOut={!isIn} readOnly={readOnly}
              onChange={(k) => edit({ keys: isIn ? k.map(({ handed: _h, ...rest }) => rest) : k })} />
            <MetersSection meters={body.meters} title={t(isIn ? 'ho.sec.meters' : 'ho.sec.finalMeters')} readOnly={readOnly} onChange={(m) => edit({ meters: m })} />
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <ChecklistSection checklist={body.checklist} compare={view.compare} readOnly={readOnly} onChange={(c) => edit({ checklist: c })} onRepair={repair} />
            {isIn && <DocumentsSection documents={inBody.documents} options={lists.data?.document ?? []} readOnly={readOnly} onChange={(d) => edit({ documents: d })} />}
            <Card size="small" title={t('ho.remarks')}>
              <Input.TextArea rows={2} disabled={readOnly} value={body.remarks} onChange={(e) => edit({ remarks: e.target.value })} />
            </Card>
          </Flex>
        </Col>
      </Row>

      {signing && (
        <SignModal id={id} number={view.number} occupantName={isIn ? inBody.occupant.name : outBody.occupantName} onClose={() => setSigning(false)}
          onSigned={() => { setSigning(false); void message.success(t('ho.signedDone', { number: view.number })); void doc.reload(); }} />
      )}
      {correcting && <CorrectModal id={id} onClose={() => setCorrecting(false)} />}
      <PrintPreview open={printing} onClose={() => setPrinting(false)} title={t('ho.preview')} paper="A4" fileName={`${view.number}-v${view.version}.pdf`}>
        <HandoverDoc view={view} images={images} now={now} />
      </PrintPreview>
    </Flex>
  );
}

function CorrectModal({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={t('ho.correct')} onCancel={onClose} onOk={() => form.submit()} okText={t('ho.correct')} cancelText={t('common.cancel')} destroyOnHidden>
      <Alert type="warning" showIcon message={t('ho.correctHelp')} style={{ marginBottom: 12 }} />
      <Form form={form} name="handover-correct" layout="vertical" requiredMark={false}
        onFinish={(v) => call('handovers.correct', { id, reason: v.reason }).then((r) => {
          void message.success(t('ho.correctDone', { n: r.version }));
          onClose();
          navigate(`/handovers/doc/${r.id}`);
        }, showError)}>
        <Form.Item name="reason" label={t('ho.correctReason')} rules={[{ required: true, message: t('common.required') }, { min: 2, max: 200 }]}><Input autoFocus data-testid="ho-correct-reason" /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
