import { Drawer, Table, Tag } from 'antd';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { yuan } from '../fees/shared';

type Receipt = OpOutput<'sync.siteReceipts'>[number];
type Case = OpOutput<'sync.siteCases'>[number];

/** Which site and month head office is looking into, and what: its receipts or its cases. */
export interface DrillTarget {
  siteCode: string;
  site: string;
  period: string;
}

/** One site's receipts of a month, as the site's till lists them. */
export function SiteReceipts({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const list = useLoad(() => (target ? call('sync.siteReceipts', { siteCode: target.siteCode, period: target.period }) : Promise.resolve([])), [target?.siteCode, target?.period]);
  return (
    <Drawer open={!!target} width={820} onClose={onClose} destroyOnHidden data-testid="site-receipts"
      title={target ? t('sync.drill.receipts', { site: `${target.siteCode} ${target.site}`, period: target.period }) : ''}>
      {list.error ? <Refused error={list.error} /> : (
        <Table<Receipt> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('sync.drill.number'), dataIndex: 'number', width: 190, render: (n: string, r) => <>{n} {r.voided ? <Tag color="red">{t('fees.void')}</Tag> : null}</> },
            { title: t('sync.drill.day'), dataIndex: 'day', width: 100 },
            { title: t('sync.drill.room'), dataIndex: 'roomCode', width: 90 },
            { title: t('sync.drill.payer'), dataIndex: 'payer' },
            { title: t('sync.drill.total'), dataIndex: 'total', width: 110, align: 'right', render: (v: number) => yuan(v) },
            { title: t('sync.drill.cashier'), dataIndex: 'cashier', width: 90 },
          ]} />
      )}
    </Drawer>
  );
}

/** One site's cases received in a month, as the site's queue lists them. */
export function SiteCases({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const list = useLoad(() => (target ? call('sync.siteCases', { siteCode: target.siteCode, period: target.period }) : Promise.resolve([])), [target?.siteCode, target?.period]);
  return (
    <Drawer open={!!target} width={900} onClose={onClose} destroyOnHidden data-testid="site-cases"
      title={target ? t('sync.drill.cases', { site: `${target.siteCode} ${target.site}`, period: target.period }) : ''}>
      {list.error ? <Refused error={list.error} /> : (
        <Table<Case> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('sync.drill.caseNo'), dataIndex: 'case_no', width: 150, render: (n: string, c) => <>{n} {c.escalated ? <Tag color="red">{t('sync.hq.c.escalations')}</Tag> : null}</> },
            { title: t('sync.drill.kind'), dataIndex: 'kind', width: 70, render: (k: Case['kind']) => t(`cmp.kind.${k}`) },
            { title: t('sync.drill.room'), dataIndex: 'room_code', width: 90, render: (v: string | null) => v ?? '—' },
            { title: t('sync.drill.matter'), dataIndex: 'matter' },
            { title: t('sync.drill.received'), dataIndex: 'received_at', width: 140, render: (v: string) => siteTime(v) },
            { title: t('sync.drill.stage'), dataIndex: 'stage', width: 80, render: (s: Case['stage']) => t(`cmp.stage.${s}`) },
          ]} />
      )}
    </Drawer>
  );
}
