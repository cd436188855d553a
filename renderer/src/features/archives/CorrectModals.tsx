import { App, Col, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { Form } from '../../shared/Form';
import dayjs, { type Dayjs } from 'dayjs';
import type { OpInput, OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { retentionOptions } from './labels';

type Item = OpOutput<'archives.item'>;
type Correction = Item['corrections'][number];
type Fields = Omit<OpInput<'archives.correct'>, 'id' | 'producedOn'> & { producedOn?: Dayjs | null };
type Place = Pick<OpInput<'archives.move'>, 'locationRoom' | 'cabinet' | 'shelf' | 'box'>;

const reasonRule = (t: Translate) => [{ required: true, min: 2, max: 200, message: t('arch.fix.reasonHelp') }];

/** The place fields of a form: room, cabinet, shelf, box. */
function PlaceFields({ t }: { t: Translate }) {
  return (
    <Row gutter={12}>
      <Col span={9}><Form.Item name="locationRoom" label={t('arch.room')}><Input maxLength={40} /></Form.Item></Col>
      <Col span={5}><Form.Item name="cabinet" label={t('arch.cabinet')}><Input maxLength={20} /></Form.Item></Col>
      <Col span={5}><Form.Item name="shelf" label={t('arch.shelf')}><Input maxLength={20} /></Form.Item></Col>
      <Col span={5}><Form.Item name="box" label={t('arch.box')}><Input maxLength={20} /></Form.Item></Col>
    </Row>
  );
}

/**
 * Correcting a filed item (题名, dates, retention before appraisal, place, remarks): the code
 * is shown, never edited; only what differs is changed, and the reason is kept with it.
 */
export function CorrectModal({ item, onClose, onDone }: { item: Item | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  async function save(v: Fields) {
    if (!item) return;
    try {
      await call('archives.correct', { ...v, id: item.id, producedOn: v.producedOn ? v.producedOn.format('YYYY-MM-DD') : null });
      void message.success(t('arch.fix.done', { code: item.ref_code }));
      onDone();
      onClose();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Modal open={!!item} title={item ? t('arch.fix.title', { code: item.ref_code }) : ''} width={680} onCancel={onClose} onOk={() => form.submit()}
      okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden data-testid="correct-modal">
      {item && (
        <Form form={form} name="correctItem" layout="vertical" onFinish={save} requiredMark={false} initialValues={{
          title: item.title, year: item.year, producedOn: item.produced_on ? dayjs(item.produced_on) : null, retention: item.retention,
          pieceCount: item.piece_count, locationRoom: item.location_room, cabinet: item.cabinet, shelf: item.shelf, box: item.box, remarks: item.remarks,
        }}>
          <Typography.Paragraph type="secondary">{t('arch.fix.codeStays')}</Typography.Paragraph>
          <Form.Item name="title" label={t('arch.title')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
          <Row gutter={12}>
            <Col span={6}><Form.Item name="year" label={t('arch.year')}><InputNumber min={1900} max={2200} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="producedOn" label={t('arch.producedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="retention" label={t('arch.retention')} tooltip={t('arch.fix.retentionHelp')}><Select options={retentionOptions(t)} /></Form.Item></Col>
            <Col span={6}><Form.Item name="pieceCount" label={t('arch.pieces')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <PlaceFields t={t} />
          <Form.Item name="remarks" label={t('arch.remarks')}><Input maxLength={500} /></Form.Item>
          <Form.Item name="reason" label={t('arch.fix.reason')} rules={reasonRule(t)}><Input maxLength={200} autoFocus /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      )}
    </Modal>
  );
}

/** Moving the ticked items together: the place fields left empty stay as each item has them. */
export function MoveModal({ items, onClose, onDone }: { items: { id: string; ref_code: string }[] | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Place & { reason: string }>();
  async function save(v: Place & { reason: string }) {
    if (!items?.length) return;
    const given = (s?: string) => (s?.trim() ? s.trim() : undefined);
    try {
      const r = await call('archives.move', {
        itemIds: items.map((i) => i.id), locationRoom: given(v.locationRoom), cabinet: given(v.cabinet), shelf: given(v.shelf), box: given(v.box), reason: v.reason,
      });
      void message.success(t('arch.move.done', { n: r.changed }));
      onDone();
      onClose();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Modal open={!!items?.length} title={t('arch.move.title', { n: items?.length ?? 0 })} width={600} onCancel={onClose} onOk={() => form.submit()}
      okText={t('arch.move.ok')} cancelText={t('common.cancel')} destroyOnHidden data-testid="move-modal">
      <Form form={form} name="moveItems" layout="vertical" onFinish={save} requiredMark={false}>
        <Typography.Paragraph type="secondary">{t('arch.move.help')}</Typography.Paragraph>
        <PlaceFields t={t} />
        <Form.Item name="reason" label={t('arch.fix.reason')} rules={reasonRule(t)}><Input maxLength={200} /></Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

const FIELD_LABEL: Record<string, MessageKey> = {
  title: 'arch.title', year: 'arch.year', produced_on: 'arch.producedOn', retention: 'arch.retention', piece_count: 'arch.pieces',
  remarks: 'arch.remarks', location_room: 'arch.room', cabinet: 'arch.cabinet', shelf: 'arch.shelf', box: 'arch.box',
};

/** An item's corrections and moves, newest first: each field before → after, who, when and why. */
export function CorrectionHistory({ rows }: { rows: Correction[] }) {
  const { t } = useI18n();
  const value = (field: string, v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? '—' : field === 'retention' ? t(`arch.ret.${v}` as MessageKey) : String(v);
  return (
    <Table<Correction>
      size="small" rowKey="id" pagination={false} dataSource={rows} data-testid="correction-history" locale={{ emptyText: t('arch.fix.none') }}
      columns={[
        { title: t('audit.at'), dataIndex: 'at', width: 140, render: (v: string) => siteTime(v) },
        { title: t('audit.actor'), dataIndex: 'by', width: 80 },
        { title: t('audit.changes'), dataIndex: 'changes', render: (c: Correction['changes'], r) => (
          <>
            <Tag>{t(r.kind === 'move' ? 'arch.fix.kind.move' : 'arch.fix.kind.correct')}</Tag>
            {Object.entries(c).map(([field, [before, after]]) => (
              <div key={field}>{t(FIELD_LABEL[field] ?? 'arch.remarks')}{t('common.colon')}{value(field, before)} → {value(field, after)}</div>
            ))}
          </>
        ) },
        { title: t('arch.fix.reason'), dataIndex: 'reason', width: 140 },
      ]}
    />
  );
}
