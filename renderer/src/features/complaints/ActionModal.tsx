import { Input, Modal, Radio, Rate, Select, Switch } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { siteInstant } from '../../time/deskTime';
import { Form } from '../../shared/Form';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { DEPARTMENTS, METHODS, options, type CaseDetail } from './labels';

export type Action = 'dispatch' | 'reply' | 'followUp' | 'close' | 'reopen' | 'validity' | 'note';

// what a form may hold across the actions (each shows its own fields)
interface Fields {
  department?: 'customer_service'; departmentName?: string; assignee?: string; note?: string; repairSize?: 'small' | 'large'; dueAt?: Dayjs;
  method?: 'phone'; text?: string; satisfaction?: number; remarks?: string; reason?: string; valid?: boolean;
}

/** One dialog per workflow step; the store decides whether the step is allowed and says why not. */
export function ActionModal({ action, c, onClose, onDone }: { action: Action; c: CaseDetail; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const department = Form.useWatch('department', form);
  const size = Form.useWatch('repairSize', form);
  const valid = Form.useWatch('valid', form);
  const required = { required: true, message: t('common.required') };

  // (Enter in a field and the OK button both submit: the shared Form sends once at a time)
  async function run(v: Fields) {
    setBusy(true);
    try {
      const id = c.id;
      if (action === 'dispatch') {
        await call('complaints.dispatch', {
          id, department: v.department!, departmentName: v.departmentName, assignee: v.assignee ?? '', note: v.note,
          ...(c.kind === 'repair' ? { repairSize: v.repairSize ?? 'small', dueAt: v.dueAt ? siteInstant(v.dueAt) : undefined } : {}),
        });
      } else if (action === 'reply') await call('complaints.reply', { id, method: v.method!, text: v.text ?? '' });
      else if (action === 'followUp') await call('complaints.followUp', { id, satisfaction: v.satisfaction ?? 0, remarks: v.remarks });
      else if (action === 'close') await call('complaints.close', { id, remarks: v.remarks });
      else if (action === 'reopen') await call('complaints.reopen', { id, reason: v.reason ?? '' });
      else if (action === 'validity') await call('complaints.setValidity', { id, valid: v.valid ?? true, reason: v.reason });
      else await call('complaints.note', { id, text: v.text ?? '' });
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  const initial: Fields = action === 'dispatch'
    ? { department: (c.department as 'customer_service' | null) ?? undefined, assignee: c.assignee || undefined, repairSize: c.repair_size ?? 'small' }
    : action === 'reply' ? { method: c.channel === 'letter' ? 'letter' as 'phone' : c.channel === 'visit' ? 'visit' as 'phone' : 'phone' }
      : action === 'validity' ? { valid: !c.valid } : {};
  return (
    <Modal open title={`${t(`cmp.a.${action}`)} · ${c.case_no}`} onCancel={onClose} onOk={() => form.submit()} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} name={`case-${action}`} layout="vertical" requiredMark={false} initialValues={initial} onFinish={run}>
        {action === 'dispatch' && <>
          <Form.Item name="department" label={t('cmp.department')} rules={[required]}><Select showSearch optionFilterProp="label" options={options(DEPARTMENTS, 'cmp.dept', t)} autoFocus /></Form.Item>
          {department === 'other' as string && <Form.Item name="departmentName" label={t('cmp.f.departmentName')} rules={[required, { max: 40 }]}><Input /></Form.Item>}
          <Form.Item name="assignee" label={t('cmp.assignee')} rules={[required, { max: 40 }]}><Input /></Form.Item>
          {c.kind === 'repair' && <Form.Item name="repairSize" label={t('cmp.f.repairSize')}><Radio.Group options={[{ value: 'small', label: t('cmp.f.small') }, { value: 'large', label: t('cmp.f.large') }]} /></Form.Item>}
          {c.kind === 'repair' && size === 'large' && <Form.Item name="dueAt" label={t('cmp.f.dueAt')} rules={[required]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>}
          <Form.Item name="note" label={t('cmp.f.note')} rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
        </>}
        {action === 'reply' && <>
          <Form.Item name="method" label={t('cmp.f.method')}><Radio.Group optionType="button" options={options(METHODS, 'cmp.method', t)} /></Form.Item>
          <Form.Item name="text" label={t('cmp.f.replyText')} rules={[required, { max: 2000 }]}><Input.TextArea rows={3} autoFocus /></Form.Item>
        </>}
        {action === 'followUp' && <>
          <Form.Item name="satisfaction" label={t('cmp.f.satisfaction')} rules={[required]}><Rate /></Form.Item>
          <Form.Item name="remarks" label={t('cmp.f.remarks')} rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
        </>}
        {action === 'close' && <Form.Item name="remarks" label={t('cmp.f.remarks')} rules={[{ max: 500 }]}><Input.TextArea rows={2} autoFocus /></Form.Item>}
        {action === 'reopen' && <Form.Item name="reason" label={t('cmp.f.reason')} rules={[required, { max: 500 }]}><Input.TextArea rows={2} autoFocus /></Form.Item>}
        {action === 'validity' && <>
          <Form.Item name="valid" label={t('cmp.valid')} valuePropName="checked"><Switch /></Form.Item>
          {valid === false && <Form.Item name="reason" label={t('cmp.invalidReason')} rules={[required, { max: 500 }]}><Input.TextArea rows={2} /></Form.Item>}
        </>}
        {action === 'note' && <Form.Item name="text" label={t('cmp.f.text')} rules={[required, { max: 1000 }]}><Input.TextArea rows={3} autoFocus /></Form.Item>}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
