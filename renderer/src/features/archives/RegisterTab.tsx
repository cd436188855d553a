import { Button, Flex } from 'antd';
import { DatePicker } from '../../time/DatePicker';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { pickerValue, useDeskToday } from '../../time/deskTime';
import { RegisterDoc } from './AccessPrints';
import { RegisterTable } from './RegisterTable';

/**
 * The register (登记表): every request, decision, reading, copying, loan, return, scan and
 * appraisal of a month, newest first (the desk's month to begin with; cleared, the newest
 * lines of all time). The paper register of the month's uses prints from here.
 */
export function RegisterTab() {
  const { t } = useI18n();
  const today = useDeskToday();
  const [month, setMonth] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (today && month === undefined) setMonth(today.month);
  }, [today, month]);
  const { data, error, loading } = useLoad(
    () => (month === undefined ? Promise.resolve([]) : call('archives.register', { month: month ?? undefined, limit: 1000 })),
    [month],
  );
  const [printing, setPrinting] = useState(false);
  if (error) return <Refused error={error} />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <span>{t('arch.regdoc.month')}</span>
        <DatePicker picker="month" value={month ? pickerValue(month) : null} onChange={(d: Dayjs | null) => setMonth(d ? d.format('YYYY-MM') : null)} data-testid="register-month" />
        <Button onClick={() => setPrinting(true)} disabled={!month} data-testid="print-register">{t('arch.regdoc.print')}</Button>
      </Flex>
      <RegisterTable lines={data ?? []} loading={loading || month === undefined} withItem />
      {month && <RegisterDoc open={printing} lines={data ?? []} month={month} onClose={() => setPrinting(false)} />}
    </Flex>
  );
}
