import { App, Button, Card, Checkbox, Col, InputNumber, Row, Select, TimePicker, Typography } from 'antd';
import { Form } from '../../shared/Form';
import dayjs, { type Dayjs } from 'dayjs';
import type { OpInput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n, type MessageKey } from '../../i18n';
import { KINDS, type Setup } from './labels';

type Clocks = NonNullable<OpInput<'complaints.saveRules'>['clocks']>;
interface RuleFields {
  hours: [Dayjs, Dayjs];
  workdays: number[];
  clocks: Clocks;
  lateAfter: Dayjs;
  lateDueBy: Dayjs;
  aroundLateAfter: Dayjs;
  aroundLateDueBy: Dayjs;
  urgentDays: number;
  onsiteMinutes: number;
  managerAfterMinutes: number;
}
// the minimum-time pickers: a whole row each, so the words before the time never hide it
const picker = { format: 'HH:mm', minuteStep: 5, allowClear: false, style: { width: '100%' } } as const;
// a time of day only: the picker's own calendar day never reaches the store
const asTime = (m: number) => dayjs('2000-01-01').add(m, 'minute');
const asMinutes = (d: Dayjs) => d.hour() * 60 + d.minute();

/**
 * The site's deadline rules (admin): office hours, which clock each kind and severity runs on,
 * the minimum time to act, the on-site and escalation times — each explained in one sentence.
 * The store checks them again and refuses what cannot work, leaving the rules unchanged.
 */
export function RulesCard({ rules: r, onSaved }: { rules: Setup['rules']; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();

  async function save(v: RuleFields) {
    try {
      await call('complaints.saveRules', {
        officeStart: asMinutes(v.hours[0]), officeEnd: asMinutes(v.hours[1]), workdays: v.workdays, clocks: v.clocks,
        lateAfter: asMinutes(v.lateAfter), lateDueBy: asMinutes(v.lateDueBy),
        aroundLateAfter: asMinutes(v.aroundLateAfter), aroundLateDueBy: asMinutes(v.aroundLateDueBy),
        urgentDays: v.urgentDays, onsiteMinutes: v.onsiteMinutes, managerAfterMinutes: v.managerAfterMinutes,
      });
      void message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      showError(e);
    }
  }

  const clockOptions = [{ value: 'around', label: t('cmp.clock.around') }, { value: 'office', label: t('cmp.clock.office') }];
  const help = (k: MessageKey) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(k)}</Typography.Text>;
  /** A minimum time to act: "received after" and "due by", a whole row each so the words before the time never hide it. */
  const minTime = (title: 'cmp.set.late' | 'cmp.set.aroundLate', fields: [keyof RuleFields, MessageKey, string][]) => (
    <Form.Item label={t(title)} extra={help(`${title}.help`)}>
      <Row gutter={[8, 8]}>
        {fields.map(([name, words, id]) => (
          <Col span={24} key={name}><Form.Item name={name} noStyle><TimePicker {...picker} prefix={t(words)} data-testid={id} /></Form.Item></Col>
        ))}
      </Row>
    </Form.Item>
  );
  return (
    <Card size="small" title={t('cmp.set.rules')} data-testid="rules-card">
      <Form<RuleFields> name="complaintRules" layout="vertical" onFinish={save} initialValues={{
        hours: [asTime(r.officeStart), asTime(r.officeEnd)], workdays: r.workdays, clocks: r.clocks,
        lateAfter: asTime(r.lateAfter), lateDueBy: asTime(r.lateDueBy),
        aroundLateAfter: asTime(r.aroundLateAfter), aroundLateDueBy: asTime(r.aroundLateDueBy),
        urgentDays: r.urgentDays, onsiteMinutes: r.onsiteMinutes, managerAfterMinutes: r.managerAfterMinutes,
      }}>
        <Form.Item name="hours" label={t('cmp.set.office')}><TimePicker.RangePicker format="HH:mm" minuteStep={5} allowClear={false} order={false} /></Form.Item>
        <Form.Item name="workdays" label={t('cmp.set.workdays')}>
          <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: t(`cmp.wd.${d}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item label={t('cmp.set.clocks')} extra={<>{help('cmp.set.clocks.help')}<br />{help('cmp.set.clocks.officeHelp')}</>}>
          <Row gutter={8} style={{ marginBottom: 4 }}>
            <Col span={6} />
            {(['ordinary', 'urgent'] as const).map((s) => <Col span={9} key={s}><Typography.Text type="secondary">{t(`cmp.severity.${s}`)}</Typography.Text></Col>)}
          </Row>
          {KINDS.map((k) => (
            <Row gutter={8} key={k} align="middle" style={{ marginBottom: 4 }}>
              <Col span={6}>{t(`cmp.kind.${k}`)}</Col>
              {(['ordinary', 'urgent'] as const).map((s) => (
                <Col span={9} key={s}>
                  <Form.Item name={['clocks', k, s]} noStyle>
                    <Select size="small" style={{ width: '100%' }} options={clockOptions} data-testid={`clock-${k}-${s}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          ))}
        </Form.Item>
        {minTime('cmp.set.late', [['lateAfter', 'cmp.set.lateAfter', 'late-after'], ['lateDueBy', 'cmp.set.lateDueBy', 'late-due-by']])}
        {minTime('cmp.set.aroundLate', [
          ['aroundLateAfter', 'cmp.set.lateAfter', 'around-late-after'], ['aroundLateDueBy', 'cmp.set.aroundLateDueBy', 'around-late-due-by'],
        ])}
        <Form.Item name="onsiteMinutes" label={t('cmp.set.onsite')} extra={help('cmp.set.onsite.help')}><InputNumber min={1} max={240} precision={0} /></Form.Item>
        <Form.Item name="urgentDays" label={t('cmp.set.urgentDays')} extra={help('cmp.set.urgentDays.help')}><InputNumber min={1} max={30} precision={0} /></Form.Item>
        <Form.Item name="managerAfterMinutes" label={t('cmp.set.manager')} extra={help('cmp.set.manager.help')}><InputNumber min={1} max={10080} precision={0} /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="rules-save">{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
