import { App, Button, Flex, Modal, Progress, Select, Typography } from 'antd';
import { DatePicker } from '../../../time/DatePicker';
import { Form } from '../../../shared/Form';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MeterSheetResult } from '../../../../../db/fees/meter-import/export';
import { call } from '../../../api';
import { errorText } from '../../../app/errors';
import { useI18n } from '../../../i18n';
import { pickerValue, useDeskToday } from '../../../time/deskTime';
import { cancelJob, downloadFile, followJob, type JobStatus } from '../../../shared/transfer';

interface Fields {
  month: Dayjs;
  meter: '' | 'water' | 'electricity' | 'gas';
}

/**
 * The reading sheet for a period: a job (progress, cancel) that makes the workbook, which is
 * then saved through the browser's download. Filled in by the reader, it imports as it is.
 */
export function MeterSheetExport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const today = useDeskToday();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [job, setJob] = useState<{ id: string | null; status: JobStatus | null } | null>(null);

  async function run(v: Fields) {
    setJob({ id: null, status: null });
    try {
      const { jobId } = await call('fees.meters.export', { period: v.month.format('YYYY-MM'), meter: v.meter || undefined, locale });
      setJob({ id: jobId, status: null });
      const last = await followJob(jobId, (s) => setJob({ id: jobId, status: s }));
      if (last.state === 'done') {
        const r = last.result as MeterSheetResult;
        await downloadFile(r.fileId);
        void message.success(t('fees.mi.exported', { rows: r.rows, name: r.name }));
        onClose();
      } else if (last.state === 'failed') {
        void message.error(last.error?.message[locale] ?? t('common.error'));
      }
    } catch (e) {
      void message.error(errorText(e, locale, t('common.error')));
    } finally {
      setJob(null);
    }
  }

  const s = job?.status;
  return (
    <Modal open={open} title={t('fees.mi.export')} onCancel={() => !job && onClose()} closable={!job} maskClosable={false} destroyOnHidden
      footer={job
        ? <Button onClick={() => job.id && void cancelJob(job.id)}>{t('common.cancel')}</Button>
        : <Button type="primary" onClick={() => form.submit()} data-testid="meters-export-run">{t('fees.mi.exportRun')}</Button>}>
      <Form form={form} name="meterSheet" layout="vertical" requiredMark={false} onFinish={(v) => run(v)} initialValues={{ month: today ? pickerValue(today.month) : undefined, meter: '' }} disabled={!!job}>
        <Typography.Paragraph type="secondary">{t('fees.mi.exportHelp')}</Typography.Paragraph>
        <Form.Item name="month" label={t('fees.period')} rules={[{ required: true, message: t('common.required') }]}><DatePicker picker="month" allowClear={false} /></Form.Item>
        <Form.Item name="meter" label={t('fees.meter')}>
          <Select options={[{ value: '', label: t('fees.mi.allMeters') }, ...(['water', 'electricity', 'gas'] as const).map((m) => ({ value: m, label: t(`fees.meter.${m}`) }))]} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
      {job && (
        <Flex vertical gap={8} data-testid="meters-export-progress">
          <Typography.Text>{t('fees.mi.exporting')}{s && s.total > 0 ? ` · ${s.done} / ${s.total}` : ''}</Typography.Text>
          <Progress percent={s && s.total ? Math.floor((s.done / s.total) * 100) : 0} status="active" />
        </Flex>
      )}
    </Modal>
  );
}
