import { App, Button, Card, Col, Flex, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useCallback, useEffect, useState } from 'react';
import type { OpInput, OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { CatalogueDoc, LabelSheet, StampSheet, type PrintItem } from './ArchivePrints';
import { ExportButton, ImportModal } from './ArchiveExcel';
import { CodeExplain } from './CodeExplain';
import { IndexItemModal } from './IndexItemModal';
import { ItemDrawer } from './ItemDrawer';
import { MoveModal } from './CorrectModals';
import { formOptions, retentionOptions, statusOptions } from './labels';
import { SchemeTree } from './SchemeTree';
import { RequestModal } from './RequestModal';
import { levelOptions, useScheme } from './useScheme';

type Filters = Omit<OpInput<'archives.search'>, 'limit' | 'offset'>;
type Row = OpOutput<'archives.search'>[number];

/** The catalogue: browse the scheme, search, file new items, ask for items, print stamps, labels and the list. */
export function CatalogueTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const scheme = useScheme();
  const [form] = Form.useForm<Filters>();
  const code = Form.useWatch('codePrefix', form) ?? '';
  const [filters, setFilters] = useState<Filters>({});
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [filing, setFiling] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Row[]>([]);
  const [printing, setPrinting] = useState<'stamps' | 'labels' | null>(null);
  const [catalogue, setCatalogue] = useState<{ rows: OpOutput<'archives.catalogue'>; scope: string } | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [moving, setMoving] = useState(false);
  const { message } = App.useApp();
  const showError = useShowError();

  const search = useCallback(async (f: Filters) => {
    setLoading(true);
    try {
      setRows(await call('archives.search', { ...f, limit: 200 }));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void search(filters), [search, filters]);

  if (scheme.error) return <Refused error={scheme.error} />;
  const departments = levelOptions(scheme.data, undefined, false).departments;
  const deptName = (code: string) => scheme.data?.departments.find((d) => d.code === code)?.name ?? code;
  // a batch prints the ticked items, or everything the search shows when none is ticked
  const batch: PrintItem[] = (selected.length ? selected : rows).map((r) => ({ ...r, department_name: deptName(r.department_code) }));
  const scopeOf = (f: Filters) => {
    const parts: string[] = [];
    if (f.codePrefix) {
      const [c, k, d] = f.codePrefix.split(/[.—-]/);
      const cat = scheme.data?.categories.find((x) => x.code === Number(c));
      const cls = cat?.classes.find((x) => x.code === Number(k));
      const dept = d ? scheme.data?.departments.find((x) => x.code === d.padStart(2, '0')) : undefined;
      parts.push([f.codePrefix, [cls?.name ?? cat?.name, dept?.name].filter(Boolean).join(' / ')].join(' ').trim());
    }
    if (f.year) parts.push(t('arch.print.yearScope', { year: f.year }));
    return parts.join(' · ') || t('arch.print.allItems');
  };
  const printCatalogue = async () => {
    try {
      setCatalogue({ rows: await call('archives.catalogue', { codePrefix: filters.codePrefix, year: filters.year }), scope: scopeOf(filters) });
    } catch (e) {
      showError(e);
    }
  };
  const clean = (v: Filters): Filters => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) as Filters;

  return (
    <Flex gap={16} align="start">
      <Card size="small" title={t('arch.scheme')} style={{ width: 280, flex: 'none' }}>
        <SchemeTree scheme={scheme.data} selected={filters.codePrefix ?? ''} onSelect={(prefix) => {
          form.setFieldsValue({ codePrefix: prefix });
          setFilters(clean({ ...form.getFieldsValue(), codePrefix: prefix }));
        }} />
      </Card>
      <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
        <Card size="small" title={t('arch.catalogue')} extra={can('archives.write') && <Button type="primary" onClick={() => setFiling(true)} data-testid="file-item">{t('arch.fileItem')}</Button>}>
          <Form form={form} name="catalogue" layout="vertical" onFinish={(v) => setFilters(clean(v))} requiredMark={false}>
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item name="codePrefix" label={t('arch.code')} tooltip={t('arch.codeHelp')} extra={<CodeExplain code={code} />} style={{ marginBottom: 8 }}>
                  <Input placeholder="3.4.07" autoFocus />
                </Form.Item>
              </Col>
              <Col span={6}><Form.Item name="text" label={t('arch.text')} style={{ marginBottom: 8 }}><Input /></Form.Item></Col>
              <Col span={6}><Form.Item name="department" label={t('arch.deptShort')} style={{ marginBottom: 8 }}><Select allowClear showSearch optionFilterProp="label" options={departments} /></Form.Item></Col>
              <Col span={6}><Form.Item name="year" label={t('arch.year')} style={{ marginBottom: 8 }}><InputNumber min={1900} max={2200} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={6}><Form.Item name="retention" label={t('arch.retention')} style={{ marginBottom: 8 }}><Select allowClear options={retentionOptions(t)} /></Form.Item></Col>
              <Col span={6}><Form.Item name="form" label={t('arch.form')} style={{ marginBottom: 8 }}><Select allowClear options={formOptions(t)} /></Form.Item></Col>
              <Col span={6}><Form.Item name="status" label={t('arch.status')} style={{ marginBottom: 8 }}><Select allowClear options={statusOptions(t)} /></Form.Item></Col>
              <Col span={6}><Form.Item name="location" label={t('arch.location')} style={{ marginBottom: 8 }}><Input /></Form.Item></Col>
            </Row>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit">{t('common.search')}</Button>
              <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('common.reset')}</Button>
            </Flex>
          </Form>
        </Card>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('arch.selected', { n: selected.length })}</Typography.Text>
          <Space wrap>
            <Button onClick={() => (selected.length ? setRequesting(true) : void message.info(t('arch.req.pickFirst')))} data-testid="request-items">{t('arch.req.new')}</Button>
            {can('archives.write') && <Button onClick={() => setPrinting('stamps')} disabled={!batch.length} data-testid="print-stamps">{t('arch.print.stamps')}</Button>}
            {can('archives.write') && <Button onClick={() => setPrinting('labels')} disabled={!batch.length} data-testid="print-labels">{t('arch.print.labels')}</Button>}
            <Button onClick={() => void printCatalogue()} data-testid="print-catalogue">{t('arch.print.catalogue')}</Button>
            <ExportButton codePrefix={filters.codePrefix} year={filters.year} />
            {can('archives.write') && <Button onClick={() => setImporting(true)} data-testid="import-catalogue">{t('arch.xl.import')}</Button>}
            {can('archives.write') && <Button onClick={() => (selected.length ? setMoving(true) : void message.info(t('arch.req.pickFirst')))} data-testid="move-items">{t('arch.move.open')}</Button>}
          </Space>
        </Flex>
        {error ? <Refused error={error} /> : (
          <Table<Row>
            rowKey="id" size="small" loading={loading} dataSource={rows} data-testid="archive-table"
            rowSelection={{ selectedRowKeys: selected.map((r) => r.id), onChange: (_, rs) => setSelected(rs), getCheckboxProps: (r) => ({ disabled: r.status === 'destroyed' }) }}
            locale={{ emptyText: t('arch.empty') }} pagination={{ pageSize: 50, showSizeChanger: false }}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('arch.code'), dataIndex: 'ref_code', width: 120 },
              { title: t('arch.title'), dataIndex: 'title' },
              { title: t('arch.year'), dataIndex: 'year', width: 70 },
              { title: t('arch.retention'), dataIndex: 'retention', width: 90, render: (r: Row['retention']) => t(`arch.ret.${r}`) },
              { title: t('arch.form'), dataIndex: 'form', width: 70, render: (f: Row['form']) => t(`arch.form.${f}`) },
              { title: t('arch.location'), render: (_, r) => [r.location_room, r.cabinet, r.shelf, r.box].filter(Boolean).join(' · ') },
              { title: t('arch.status'), dataIndex: 'status', width: 80, render: (s: Row['status'], r) => <><Tag color={s === 'in' ? 'green' : s === 'out' ? 'orange' : 'default'}>{t(`arch.status.${s}`)}</Tag>{s === 'out' && <div>{r.borrower} · {r.due_on}</div>}</> },
            ]}
          />
        )}
      </Flex>
      <IndexItemModal open={filing} scheme={scheme.data} onClose={() => setFiling(false)} onFiled={() => { void scheme.reload(); void search(filters); }} />
      {openId && <ItemDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => void search(filters)} />}
      <ImportModal open={importing} onClose={() => setImporting(false)} onDone={() => { void scheme.reload(); void search(filters); }} />
      <MoveModal items={moving ? selected : null} onClose={() => setMoving(false)} onDone={() => { setSelected([]); void search(filters); }} />
      <RequestModal open={requesting} items={selected} onClose={() => setRequesting(false)} onSent={() => setSelected([])} />
      <StampSheet open={printing === 'stamps'} items={batch} onClose={() => setPrinting(null)} />
      <LabelSheet open={printing === 'labels'} items={batch} onClose={() => setPrinting(null)} />
      {catalogue && <CatalogueDoc open rows={catalogue.rows} scope={catalogue.scope} onClose={() => setCatalogue(null)} />}
    </Flex>
  );
}
