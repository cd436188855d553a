import { App, Checkbox, Col, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { Form } from '../../shared/Form';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { OpInput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { confidentialityOptions, formOptions, retentionOptions } from './labels';
import { useDeskToday } from '../../time/deskTime';
import { levelOptions, type Scheme } from './useScheme';

type Fields = Omit<OpInput<'archives.index'>, 'producedOn'> & { producedOn?: Dayjs };

/**
 * Filing an item: pick category → class → department; the next code in that class is
 * shown before saving and assigned by the store when it saves.
 */
export function IndexItemModal({ open, scheme, onClose, onFiled }: { open: boolean; scheme: Scheme | null; onClose(): void; onFiled(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  const today = useDeskToday();
  useEffect(() => {
    if (today && !form.isFieldTouched('year')) form.setFieldValue('year', today.year);
  }, [today, form]);
  const category = Form.useWatch('category', form);
  const cls = Form.useWatch('cls', form);
  const department = Form.useWatch('department', form);
  const [next, setNext] = useState<string | null>(null);
  const options = levelOptions(scheme, category, true);

  useEffect(() => {
    if (!category || !cls || !department) {
      setNext(null);
      return;
    }
    call('archives.nextCode', { category, cls, department }).then((n) => {
      setNext(n.refCode);
      if (!form.isFieldTouched('retention')) form.setFieldValue('retention', n.defaultRetention);
    }, () => setNext(null));
  }, [category, cls, department, form]);

  async function save(v: Fields) {
    try {
      const filed = await call('archives.index', { ...v, producedOn: v.producedOn ? v.producedOn.format('YYYY-MM-DD') : null });
      void message.success(t('arch.filed', { code: filed.refCode }));
      // keep the class and department: an archivist files a run of items into one box
      form.resetFields(['title', 'remarks', 'pieceCount', 'producedOn', 'libraryNo', 'majorEvent']);
      setNext(null);
      onFiled();
      const n = await call('archives.nextCode', { category: v.category, cls: v.cls, department: v.department });
      setNext(n.refCode);
      form.getFieldInstance('title')?.focus();
    } catch (e) {
      showError(e);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open={open} title={t('arch.fileItem')} width={720} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} name="fileItem" layout="vertical" onFinish={save} requiredMark={false} initialValues={{ form: 'paper', confidentiality: 'internal', pieceCount: 1 }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="category" label={t('arch.category')} rules={[required]}><Select showSearch optionFilterProp="label" options={options.categories} onChange={() => form.setFieldValue('cls', undefined)} autoFocus /></Form.Item></Col>
          <Col span={8}><Form.Item name="cls" label={t('arch.class')} rules={[required]}><Select showSearch optionFilterProp="label" options={options.classes} /></Form.Item></Col>
          <Col span={8}><Form.Item name="department" label={t('arch.department')} rules={[required]}><Select showSearch optionFilterProp="label" options={options.departments} /></Form.Item></Col>
        </Row>
        {next && <Typography.Paragraph strong data-testid="next-code">{t('arch.nextCode', { code: next })}</Typography.Paragraph>}
        <Form.Item name="title" label={t('arch.title')} rules={[required, { max: 200 }]}><Input /></Form.Item>
        <Row gutter={12}>
          <Col span={6}><Form.Item name="year" label={t('arch.year')} rules={[required]}><InputNumber min={1900} max={2200} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="producedOn" label={t('arch.producedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="retention" label={t('arch.retention')}><Select options={retentionOptions(t)} /></Form.Item></Col>
          <Col span={6}><Form.Item name="form" label={t('arch.form')} rules={[required]}><Select options={formOptions(t)} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}><Form.Item name="pieceCount" label={t('arch.pieces')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="locationRoom" label={t('arch.room')}><Input /></Form.Item></Col>
          <Col span={4}><Form.Item name="cabinet" label={t('arch.cabinet')}><Input /></Form.Item></Col>
          <Col span={4}><Form.Item name="shelf" label={t('arch.shelf')}><Input /></Form.Item></Col>
          <Col span={4}><Form.Item name="box" label={t('arch.box')}><Input /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="confidentiality" label={t('arch.confidentiality')}><Select options={confidentialityOptions(t)} /></Form.Item></Col>
          <Col span={8}><Form.Item name="fondsNo" label={t('arch.fondsNo')}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="libraryNo" label={t('arch.libraryNo')}><Input /></Form.Item></Col>
        </Row>
        <Form.Item name="majorEvent" valuePropName="checked" style={{ marginBottom: 8 }}><Checkbox data-testid="index-major-event">{t('ho.tr.majorEvent')}</Checkbox></Form.Item>
        <Form.Item name="remarks" label={t('arch.remarks')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        {/* the modal's OK button is outside the form: this lets Enter in any field submit */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
