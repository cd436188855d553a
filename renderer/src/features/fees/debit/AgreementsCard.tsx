import { App, Button, Card, Checkbox, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../../time/DatePicker';
import { Form } from '../../../shared/Form';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { OpOutput } from '../../../../../db/api/types';
import { call } from '../../../api';
import { useShowError } from '../../../app/errors';
import { useLoad } from '../../../app/useLoad';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n';
import { pickerValue, siteTime, useDeskToday } from '../../../time/deskTime';
import { RoomPicker } from '../RoomPicker';

type Agreement = OpOutput<'fees.debit.agreements'>[number];
interface RegisterFields { bank: string; holder: string; account: string; validFrom: Dayjs; validTo?: Dayjs | null; remarks?: string }

/**
 * The rooms' debit agreements (托收协议): the list (accounts masked), registering one for a
 * room, and ending one with its reason. Opened for one room (from the room's card), it shows
 * that room's agreements, ended ones too, and registers for it.
 */
export function AgreementsCard({ room: fixedRoom }: { room?: { id: string; code: string } }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const today = useDeskToday();
  const [showEnded, setShowEnded] = useState(!!fixedRoom);
  const [registering, setRegistering] = useState(false);
  const [room, setRoom] = useState<{ id: string; code: string } | null>(fixedRoom ?? null);
  const [ending, setEnding] = useState<Agreement | null>(null);
  const [form] = Form.useForm<RegisterFields>();
  const [endForm] = Form.useForm<{ reason: string }>();
  const list = useLoad(() => call('fees.debit.agreements', { roomId: fixedRoom?.id, includeEnded: showEnded }), [fixedRoom?.id, showEnded]);

  function openRegister() {
    form.resetFields();
    if (today) form.setFieldsValue({ validFrom: pickerValue(today.month) });
    setRoom(fixedRoom ?? null);
    setRegistering(true);
  }
  async function register(v: RegisterFields) {
    if (!room) return;
    try {
      await call('fees.debit.register', {
        roomId: room.id, bank: v.bank, holder: v.holder, account: v.account, validFrom: v.validFrom.format('YYYY-MM'),
        validTo: v.validTo ? v.validTo.format('YYYY-MM') : undefined, remarks: v.remarks || undefined,
      });
      void message.success(t('fees.debit.registered', { room: room.code }));
      setRegistering(false);
      await list.reload();
    } catch (e) {
      showError(e);
    }
  }
  async function end(v: { reason: string }) {
    try {
      await call('fees.debit.end', { id: ending!.id, reason: v.reason });
      setEnding(null);
      await list.reload();
    } catch (e) {
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  const accountRule = {
    validator: async (_: unknown, v?: string) => {
      if (v && !/^\d{12,25}$/.test(v.replace(/[\s-]/g, ''))) throw new Error(t('fees.debit.badAccount'));
    },
  };
  return (
    <Card size="small" title={fixedRoom ? t('fees.debit.forRoom', { room: fixedRoom.code }) : t('fees.debit.agreements')} data-testid="debit-agreements"
      extra={<Space>
        {!fixedRoom && <Checkbox checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)}>{t('fees.debit.showEnded')}</Checkbox>}
        {can('fees.collect') && (
          <Button size="small" type="primary" onClick={openRegister} data-testid="debit-register-open">{t('fees.debit.register')}</Button>
        )}
      </Space>}>
      <Table<Agreement> rowKey="id" size="small" dataSource={list.data ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('fees.debit.noAgreements') }} data-testid="debit-agreements-table"
        columns={[
          { title: t('fees.room'), dataIndex: 'room' },
          { title: t('fees.debit.holder'), dataIndex: 'holder' },
          { title: t('fees.debit.bank'), dataIndex: 'bank' },
          { title: t('fees.debit.account'), dataIndex: 'account', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('fees.debit.validity'), key: 'v', render: (_, a) => `${a.validFrom} – ${a.validTo ?? t('fees.debit.openEnded')}` },
          {
            title: t('common.actions'), key: 'a', render: (_, a) => (a.ended
              ? <Tag title={t('fees.debit.endedBy', {
                by: a.endedBy ?? '', at: a.endedAt ? siteTime(a.endedAt) : '', reason: a.endReason ?? '',
              })}>{t('fees.debit.ended')}：{a.endReason}</Tag>
              : can('fees.collect') && <Button size="small" danger onClick={() => { endForm.resetFields(); setEnding(a); }}>{t('fees.debit.end')}</Button>),
          },
        ]} />
      <Modal open={registering} title={t('fees.debit.register')} onCancel={() => setRegistering(false)} onOk={() => form.submit()} okText={t('common.save')}
        cancelText={t('common.cancel')} okButtonProps={{ disabled: !room, ...{ 'data-testid': 'debit-register-save' } }} forceRender destroyOnHidden>
        <Form form={form} name="debitAgreement" layout="vertical" onFinish={(v) => register(v)} requiredMark={false}>
          <Form.Item label={t('fees.room')} required>
            {fixedRoom ? <Typography.Text strong>{fixedRoom.code}</Typography.Text> : <RoomPicker onPick={(id, code) => setRoom({ id, code })} />}
          </Form.Item>
          <Form.Item name="bank" label={t('fees.debit.bank')} rules={[required, { min: 2, max: 40 }]}><Input /></Form.Item>
          <Form.Item name="holder" label={t('fees.debit.holder')} rules={[required, { max: 40 }]}><Input /></Form.Item>
          <Form.Item name="account" label={t('fees.debit.account')} extra={t('fees.debit.accountHelp')}
            rules={[required, accountRule]}><Input inputMode="numeric" /></Form.Item>
          <Space>
            <Form.Item name="validFrom" label={t('fees.debit.validFrom')} rules={[required]}><DatePicker picker="month" allowClear={false} /></Form.Item>
            <Form.Item name="validTo" label={t('fees.debit.validTo')}><DatePicker picker="month" /></Form.Item>
          </Space>
          <Form.Item name="remarks" label={t('fees.debit.remarks')} rules={[{ max: 200 }]}><Input /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
      <Modal open={!!ending} title={t('fees.debit.endTitle', { room: ending?.room ?? '' })} onCancel={() => setEnding(null)} onOk={() => endForm.submit()}
        okText={t('fees.debit.end')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} forceRender>
        <Form form={endForm} name="debitEnd" layout="vertical" onFinish={(v) => end(v)} requiredMark={false}>
          <Form.Item name="reason" label={t('fees.debit.endReason')} rules={[required, { min: 2, max: 200 }]}><Input /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </Card>
  );
}
