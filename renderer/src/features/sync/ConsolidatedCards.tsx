import { Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { JobDownloadButton } from '../../shared/JobDownloadButton';
import { SiteCases, type DrillTarget } from './SiteDrillDown';

type SiteComplaints = OpOutput<'sync.complaints'>['sites'][number];
type CatalogueRow = OpOutput<'sync.catalogue'>[number];

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Complaints and repairs of a month at every site: received, still open, closed, answered on time, satisfaction, escalations. */
export function ComplaintsBySite() {
  const { t } = useI18n();
  const [period, setPeriod] = useState('');
  const report = useLoad(() => (period ? call('sync.complaints', { period }) : Promise.resolve(null)), [period]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  return (
    <Card title={t('sync.hq.complaints')} size="small" extra={
      <Input.Search placeholder="2026-11" enterButton={t('sync.hq.period')} style={{ width: 220 }} onSearch={(v) => setPeriod(v.trim())} data-testid="sync-complaints-period" />
    }>
      {report.error ? <Refused error={report.error} /> : report.data && (
        <Table<SiteComplaints> rowKey="siteCode" size="small" pagination={false} data-testid="sync-complaints"
          dataSource={[...report.data.sites, { siteCode: t('sync.hq.total'), site: '', ...report.data.total }]}
          columns={[
            { title: t('sync.hq.code'), render: (_, r) => (r.site ? <a onClick={() => setDrill({ siteCode: r.siteCode, site: r.site, period })}>{`${r.siteCode} ${r.site}`}</a> : r.siteCode) },
            { title: t('sync.hq.c.total'), dataIndex: 'total', align: 'right' },
            { title: t('sync.hq.c.open'), dataIndex: 'open', align: 'right' },
            { title: t('sync.hq.c.closed'), dataIndex: 'closed', align: 'right' },
            { title: t('sync.hq.c.onTime'), dataIndex: 'onTimeRate', align: 'right', render: percent },
            { title: t('sync.hq.c.satisfaction'), dataIndex: 'satisfaction', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
            { title: t('sync.hq.c.escalations'), dataIndex: 'escalations', align: 'right' },
          ]} />
      )}
      <SiteCases target={drill} onClose={() => setDrill(null)} />
    </Card>
  );
}

/** How many items the company catalogue lists for one search: a page to read, not the whole company (the export is). */
const CATALOGUE_LISTED = 50;

/** The company archive catalogue: every site's items by a word of the title or remarks, or a code prefix. */
export function CompanyCatalogue() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  // a typed code (digits and dots) searches by code; anything else by the words of the title and remarks
  const filter = !query ? {} : /^[\d.—-]+$/.test(query) ? { codePrefix: query } : { text: query };
  const found = useLoad(() => (query ? call('sync.catalogue', { ...filter, limit: CATALOGUE_LISTED }) : Promise.resolve(null)), [query]);
  return (
    <Card title={t('sync.hq.catalogue')} size="small" extra={
      <Space>
        {/* what the search found, or the whole catalogue before anything is searched */}
        <JobDownloadButton start={() => call('sync.exportCatalogue', { locale, ...filter })} testId="sync-catalogue-export">
          {t('import.export')}
        </JobDownloadButton>
        <Input.Search placeholder={t('sync.hq.catalogueHint')} enterButton={t('common.search')} style={{ width: 320 }}
          onSearch={(v) => setQuery(v.trim())} data-testid="sync-catalogue-search" />
      </Space>
    }>
      {found.error ? <Refused error={found.error} /> : found.data && (
        <Table<CatalogueRow> rowKey={(r) => `${r.siteCode}:${r.id}`} size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="sync-catalogue"
          dataSource={found.data} locale={{ emptyText: t('arch.empty') }}
          columns={[
            { title: t('sync.hq.code'), render: (_, r) => `${r.siteCode} ${r.site}`, width: 200 },
            { title: t('arch.code'), dataIndex: 'ref_code', width: 110 },
            // the server never holds a restricted item's title: the item is listed by its code alone
            { title: t('arch.title'), dataIndex: 'title', render: (v: string | null) => v ?? `（${t('arch.conf.restricted')}）` },
            { title: t('arch.year'), dataIndex: 'year', width: 70 },
            { title: t('arch.retention'), dataIndex: 'retention', width: 90, render: (r: CatalogueRow['retention']) => t(`arch.ret.${r}`) },
            { title: t('arch.status'), dataIndex: 'status', width: 80, render: (s: CatalogueRow['status']) => t(`arch.status.${s}`) },
          ]} />
      )}
      {found.data && found.data.length > 0 && (
        <Typography.Text type="secondary" data-testid="sync-catalogue-order">
          {t('text' in filter ? 'sync.hq.catalogueWordOrder' : 'sync.hq.catalogueCodeOrder', { n: CATALOGUE_LISTED })}
        </Typography.Text>
      )}
    </Card>
  );
}
