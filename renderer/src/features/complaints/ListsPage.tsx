import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Switch, Table, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import type { Category, Setup } from './labels';

interface RuleFields {
  hours: [Dayjs, Dayjs];
  workdays: number[];
  pauseOutsideHours: boolean;
  urgentDays: number;
  onsiteMinutes: number;
  managerAfterMinutes: number;
  holidays: string[];
  extraWorkdays: string[];
}
const asTime = (m: number) => dayjs().startOf('day').add(m, 'minute');
const asMinutes = (d: Dayjs) => d.hour() * 60 + d.minute();

/** The site's deadline rules and category list (admin): saved by the store, which checks them again. */
export function ListsPage({ setup, onSaved }: { setup: Setup; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [adding, setAdding] = useState(false);
  const r = setup.rules;

  async function saveRules(v: RuleFields) {
    try {
      await call('complaints.saveRules', {
        officeStart: asMinutes(v.hours[0]), officeEnd: asMinutes(v.hours[1]), workdays: v.workdays, pauseOutsideHours: v.pauseOutsideHours,
        urgentDays: v.urgentDays, onsiteMinutes: v.onsiteMinutes, managerAfterMinutes: v.managerAfterMinutes,
        holidays: [...new Set(v.holidays)].sort(), extraWorkdays: [...new Set(v.extraWorkdays)].sort(),
      });
      void message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      showError(e);
    }
  }

  async function saveCategory(c: Category) {
    try {
      await call('complaints.saveCategory', { code: c.code, nameZh: c.name_zh, nameEn: c.name_en, sort: c.sort, active: !!c.active });
      void message.success(t('common.saved'));
      setAdding(false);
      onSaved();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Row gutter={16}>
      <Col span={10}>
        <Card size="small" title={t('cmp.set.rules')}>
          <Form<RuleFields> name="complaintRules" layout="vertical" onFinish={saveRules} initialValues={{
            hours: [asTime(r.officeStart), asTime(r.officeEnd)], workdays: r.workdays, pauseOutsideHours: r.pauseOutsideHours,
            urgentDays: r.urgentDays, onsiteMinutes: r.onsiteMinutes, managerAfterMinutes: r.managerAfterMinutes,
            holidays: r.holidays, extraWorkdays: r.extraWorkdays,
          }}>
            <Form.Item name="hours" label={t('cmp.set.office')}><TimePicker.RangePicker format="HH:mm" minuteStep={5} allowClear={false} /></Form.Item>
            <Form.Item name="workdays" label={t('cmp.set.workdays')}>
              <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: t(`cmp.wd.${d}` as MessageKey) }))} />
            </Form.Item>
            {/* dates typed as YYYY-MM-DD, separated by spaces or commas; the store checks each */}
            <Form.Item name="holidays" label={t('cmp.set.holidays')}><Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} placeholder="2026-10-01" /></Form.Item>
            <Form.Item name="extraWorkdays" label={t('cmp.set.extraWorkdays')}><Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} placeholder="2026-10-10" /></Form.Item>
            <Form.Item name="pauseOutsideHours" label={t('cmp.set.pause')} valuePropName="checked"><Switch /></Form.Item>
            <Row gutter={8}>
              <Col span={8}><Form.Item name="urgentDays" label={t('cmp.set.urgentDays')}><InputNumber min={1} max={30} precision={0} /></Form.Item></Col>
              <Col span={8}><Form.Item name="onsiteMinutes" label={t('cmp.set.onsite')}><InputNumber min={1} max={240} precision={0} /></Form.Item></Col>
              <Col span={8}><Form.Item name="managerAfterMinutes" label={t('cmp.set.manager')}><InputNumber min={1} max={10080} precision={0} /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit">{t('common.save')}</Button>
          </Form>
        </Card>
      </Col>
      <Col span={14}>
        <Card size="small" title={t('cmp.set.categories')} extra={<Button size="small" onClick={() => setAdding(true)}>{t('cmp.set.add')}</Button>}>
          <Table<Category> size="small" rowKey="code" pagination={false} dataSource={setup.categories} columns={[
            { title: t('cmp.set.code'), dataIndex: 'code', width: 90 },
            { title: t('cmp.set.nameZh'), dataIndex: 'name_zh' },
            { title: t('cmp.set.nameEn'), dataIndex: 'name_en' },
            { title: t('cmp.set.sort'), dataIndex: 'sort', width: 60 },
            { title: t('cmp.set.active'), dataIndex: 'active', width: 70, render: (a: number, c) => <Switch size="small" checked={!!a} onChange={(on) => void saveCategory({ ...c, active: on ? 1 : 0 })} /> },
          ]} />
          {adding && (
            <Form<Category> name="newCategory" layout="inline" style={{ marginTop: 12 }} initialValues={{ sort: 65, active: 1 }} onFinish={(v) => void saveCategory({ ...v, active: 1 })}>
              <Form.Item name="code" rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,29}$/, message: 'a-z' }]}><Input placeholder={t('cmp.set.code')} style={{ width: 90 }} /></Form.Item>
              <Form.Item name="name_zh" rules={[{ required: true }]}><Input placeholder={t('cmp.set.nameZh')} style={{ width: 120 }} /></Form.Item>
              <Form.Item name="name_en" rules={[{ required: true }]}><Input placeholder={t('cmp.set.nameEn')} style={{ width: 140 }} /></Form.Item>
              <Form.Item name="sort"><InputNumber min={0} max={10000} style={{ width: 70 }} /></Form.Item>
              <Button type="primary" htmlType="submit">{t('common.save')}</Button>
            </Form>
          )}
        </Card>
      </Col>
    </Row>
  );
}
