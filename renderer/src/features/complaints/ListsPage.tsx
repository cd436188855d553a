import { App, Button, Card, Col, Input, InputNumber, Row, Switch, Table } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { CalendarCard } from './CalendarCard';
import type { Category, Setup } from './labels';
import { RulesCard } from './RulesCard';

/** The site's deadline rules and category list (admin): saved by the store, which checks them again. */
export function ListsPage({ setup, onSaved }: { setup: Setup; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [adding, setAdding] = useState(false);

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
        <RulesCard rules={setup.rules} onSaved={onSaved} />
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
            <Form<Category> name="newCategory" layout="inline" style={{ marginTop: 12 }} initialValues={{ sort: 65, active: 1 }} onFinish={(v) => saveCategory({ ...v, active: 1 })}>
              <Form.Item name="code" rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,29}$/, message: 'a-z' }]}><Input placeholder={t('cmp.set.code')} style={{ width: 90 }} /></Form.Item>
              <Form.Item name="name_zh" rules={[{ required: true }]}><Input placeholder={t('cmp.set.nameZh')} style={{ width: 120 }} /></Form.Item>
              <Form.Item name="name_en" rules={[{ required: true }]}><Input placeholder={t('cmp.set.nameEn')} style={{ width: 140 }} /></Form.Item>
              <Form.Item name="sort"><InputNumber min={0} max={10000} style={{ width: 70 }} /></Form.Item>
              <Button type="primary" htmlType="submit">{t('common.save')}</Button>
            </Form>
          )}
        </Card>
      </Col>
      <Col span={24} style={{ marginTop: 16 }}>
        <CalendarCard />
      </Col>
    </Row>
  );
}
