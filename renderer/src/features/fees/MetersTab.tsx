import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Input, Select, Space } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import { Form } from '../../shared/Form';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiFailure, call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { MeterImport } from './meter-import/MeterImport';
import { MeterSheetExport } from './meter-import/MeterSheetExport';
import { RoomPicker } from './RoomPicker';
import { formatYuan, yuan } from './shared';
import { pickerValue, useDeskToday } from '../../time/deskTime';

interface Fields {
  meter: 'water' | 'electricity' | 'gas';
  month: Dayjs;
  readOn: Dayjs;
  reading: string;
  confirmJump?: boolean;
}

/**
 * Entering meter readings room by room: the store bills the use since the last reading.
 * A jump far above the usual use is refused until the reader ticks the confirmation, which
 * appears only then. At month end the reader's whole sheet comes in from Excel instead
 * (Import), after the sheet for the period was given out (Export).
 */
export function MetersTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Fields>();
  const [room, setRoom] = useState<{ id: string; code: string } | null>(null);
  const [askJump, setAskJump] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const today = useDeskToday();
  // the desk's day and month, not the browser's
  useEffect(() => {
    if (today) form.setFieldsValue({ month: pickerValue(today.month), readOn: pickerValue(today.day) });
  }, [today, form]);

  async function save(v: Fields) {
    if (!room) return;
    try {
      const r = await call('fees.reading', { roomId: room.id, meter: v.meter, period: v.month.format('YYYY-MM'), readOn: v.readOn.format('YYYY-MM-DD'), reading: v.reading, confirmJump: v.confirmJump });
      void message.success(r.baseline ? t('fees.readingBaseline') : t('fees.readingSaved', { use: formatYuan(r.use), amount: yuan(r.bill?.amount ?? 0) }));
      setAskJump(false);
      form.setFieldsValue({ reading: '', confirmJump: false });
    } catch (e) {
      if (e instanceof ApiFailure && e.error.code === 'fees.reading_jump') setAskJump(true);
      showError(e);
    }
  }

  return (
    <Flex vertical gap={16}>
      <Space>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="meters-import-open">{t('fees.mi.import')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="meters-export-open">{t('fees.mi.export')}</Button>
      </Space>
      <MeterImport open={importing} onClose={() => setImporting(false)} />
      <MeterSheetExport open={exporting} onClose={() => setExporting(false)} />
      <Form form={form} name="meterReading" layout="vertical" style={{ maxWidth: 420 }} onFinish={save} requiredMark={false}
        initialValues={{ meter: 'water' }}>
        <Form.Item label={t('fees.room')} required><RoomPicker onPick={(id, code) => setRoom({ id, code })} /></Form.Item>
        <Form.Item name="meter" label={t('fees.meter')}><Select options={(['water', 'electricity', 'gas'] as const).map((m) => ({ value: m, label: t(`fees.meter.${m}`) }))} /></Form.Item>
        <Form.Item name="month" label={t('fees.period')} rules={[{ required: true, message: t('common.required') }]}><DatePicker picker="month" allowClear={false} /></Form.Item>
        <Form.Item name="readOn" label={t('fees.readOn')} rules={[{ required: true, message: t('common.required') }]}><DatePicker allowClear={false} disabledDate={(d) => !!today && d.isAfter(pickerValue(today.day), 'day')} /></Form.Item>
        <Form.Item name="reading" label={t('fees.reading')} rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{1,8}(\.\d{1,2})?$/, message: t('fees.badReading') }]}><Input /></Form.Item>
        {askJump && <Form.Item name="confirmJump" valuePropName="checked"><Checkbox>{t('fees.confirmJump')}</Checkbox></Form.Item>}
        <Button type="primary" htmlType="submit" disabled={!room}>{t('fees.saveReading')}</Button>
      </Form>
    </Flex>
  );
}
