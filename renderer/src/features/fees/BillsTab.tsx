import { App, Button, Card, Descriptions, Flex, Select, Table, Typography } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { formatYuan, yuan } from './shared';
import { pickerValue, useDeskToday } from '../../time/deskTime';

type Result = OpOutput<'fees.generate'>;

/** Issue a period's bills (核发) for the site or one building: preview first, then commit; running it again adds nothing. */
export function BillsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const today = useDeskToday();
  // the desk's month, not the browser's: a PC whose clock or zone is off still bills the right
  // month; the one picked here once the person changes it
  const [picked, setMonth] = useState<Dayjs | null>(null);
  const month = picked ?? (today ? pickerValue(today.month) : null);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const tree = useLoad(() => call('registry.tree'), []);
  const items = useLoad(() => call('fees.items'), []);
  // what a period bill takes: an active item billed by area or at a fixed amount, with a price
  const billable = (items.data ?? []).some((i) => i.active && (i.kind === 'area' || i.kind === 'fixed') && i.rates.length > 0);
  const period = month?.format('YYYY-MM');

  async function run(commit: boolean) {
    if (!period) return;
    setBusy(true);
    try {
      const r = await call('fees.generate', { period, buildingId, commit });
      setPreview(r);
      if (commit) void message.success(t('fees.generated', { lines: r.lines, total: yuan(r.total) }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <DatePicker picker="month" value={month} onChange={(v) => { if (v) { setMonth(v); setPreview(null); } }} allowClear={false} data-testid="bill-period" />
        <Select style={{ width: 220 }} value={buildingId ?? ''} onChange={(v) => { setBuildingId(v || null); setPreview(null); }} data-testid="bill-building"
          options={[{ value: '', label: t('fees.wholeSite') }, ...(tree.data ?? []).map((b) => ({ value: b.id, label: b.name }))]} />
        <Button onClick={() => void run(false)} loading={busy} disabled={!period} data-testid="bill-preview">{t('fees.previewBills')}</Button>
        <Button type="primary" disabled={!preview || preview.committed || preview.lines === 0} loading={busy} onClick={() => void run(true)} data-testid="bill-commit">{t('fees.commitBills')}</Button>
      </Flex>
      {preview && (
        <Card size="small" title={t(preview.committed ? 'fees.billsDone' : 'fees.billsPreview', { period: preview.period })} data-testid="bill-result">
          <Descriptions size="small" column={4} items={[
            { key: 'l', label: t('fees.lines'), children: preview.lines },
            { key: 'r', label: t('fees.rooms'), children: preview.rooms },
            { key: 't', label: t('fees.total'), children: yuan(preview.total) },
            { key: 'a', label: t('fees.alreadyBilled'), children: preview.alreadyBilled },
          ]} />
          {preview.lines === 0 && (
            <Typography.Text type="secondary" data-testid="bill-nothing">
              {t(!billable ? 'fees.noBillableItems' : preview.alreadyBilled > 0 ? 'fees.nothingNew' : 'fees.noRoomsToBill')}
            </Typography.Text>
          )}
          <Table rowKey="itemId" size="small" pagination={false} dataSource={preview.byItem} columns={[
            { title: t('fees.item'), render: (_, r) => `${r.code} ${r.name}` },
            { title: t('fees.lines'), dataIndex: 'lines', align: 'right' },
            { title: t('fees.total'), dataIndex: 'total', align: 'right', render: (v: number) => formatYuan(v) },
          ]} />
        </Card>
      )}
    </Flex>
  );
}
