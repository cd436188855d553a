import { Drawer, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { siteTime } from '../../time/deskTime';
import { yuan } from '../fees/shared';

type Receipt = OpOutput<'sync.siteReceipts'>[number];
type Case = OpOutput<'sync.siteCases'>[number];
type Room = OpOutput<'sync.siteRooms'>[number];

/** Which site and month head office is looking into, and what: its receipts or its cases. */
export interface DrillTarget {
  siteCode: string;
  site: string;
  period: string;
}

/** The drawer every look into a site shares: a title, a list read from head office's rows (or why it was refused), 50 a page. */
function DrillDrawer<T extends { id: string }>({ open, title, testId, width, extra, list, columns, onClose }: {
  open: boolean; title: string; testId: string; width: number; extra?: ReactNode;
  list: { data?: T[] | null; error?: unknown; loading: boolean }; columns: ColumnsType<T>; onClose(): void;
}) {
  return (
    <Drawer open={open} width={width} onClose={onClose} destroyOnHidden data-testid={testId} title={open ? title : ''} extra={extra}>
      {list.error ? <Refused error={list.error} /> : (
        <Table<T> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} columns={columns} />
      )}
    </Drawer>
  );
}

/** One site's receipts of a month, as the site's till lists them. */
export function SiteReceipts({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const list = useLoad(() => (target ? call('sync.siteReceipts', { siteCode: target.siteCode, period: target.period }) : Promise.resolve([])), [target?.siteCode, target?.period]);
  return (
    <DrillDrawer<Receipt> open={!!target} width={820} onClose={onClose} testId="site-receipts" list={list}
      title={target ? t('sync.drill.receipts', { site: `${target.siteCode} ${target.site}`, period: target.period }) : ''}
      columns={[
        { title: t('sync.drill.number'), dataIndex: 'number', width: 190, render: (n: string, r) => <>{n} {r.voided ? <Tag color="red">{t('fees.void')}</Tag> : null}</> },
        { title: t('sync.drill.day'), dataIndex: 'day', width: 100 },
        { title: t('sync.drill.room'), dataIndex: 'roomCode', width: 90 },
        { title: t('sync.drill.payer'), dataIndex: 'payer' },
        { title: t('sync.drill.total'), dataIndex: 'total', width: 110, align: 'right', render: (v: number) => yuan(v) },
        { title: t('sync.drill.cashier'), dataIndex: 'cashier', width: 90 },
      ]} />
  );
}

/** One site's cases received in a month, as the site's queue lists them. */
export function SiteCases({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const list = useLoad(() => (target ? call('sync.siteCases', { siteCode: target.siteCode, period: target.period }) : Promise.resolve([])), [target?.siteCode, target?.period]);
  return (
    <DrillDrawer<Case> open={!!target} width={900} onClose={onClose} testId="site-cases" list={list}
      title={target ? t('sync.drill.cases', { site: `${target.siteCode} ${target.site}`, period: target.period }) : ''}
      columns={[
        { title: t('sync.drill.caseNo'), dataIndex: 'case_no', width: 150, render: (n: string, c) => <>{n} {c.escalated ? <Tag color="red">{t('sync.hq.c.escalations')}</Tag> : null}</> },
        { title: t('sync.drill.kind'), dataIndex: 'kind', width: 70, render: (k: Case['kind']) => t(`cmp.kind.${k}`) },
        { title: t('sync.drill.room'), dataIndex: 'room_code', width: 90, render: (v: string | null) => v ?? '—' },
        { title: t('sync.drill.matter'), dataIndex: 'matter' },
        { title: t('sync.drill.received'), dataIndex: 'received_at', width: 140, render: (v: string) => siteTime(v) },
        { title: t('sync.drill.stage'), dataIndex: 'stage', width: 80, render: (s: Case['stage']) => t(`cmp.stage.${s}`) },
      ]} />
  );
}

/** One site's rooms as its registry lists them, with who lives there and what each still owes; a typed room code narrows them. */
export function SiteRooms({ target, onClose }: { target: Omit<DrillTarget, 'period'> | null; onClose(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const list = useLoad(
    () => (target ? call('sync.siteRooms', { siteCode: target.siteCode, text: text || undefined }) : Promise.resolve([])),
    [target?.siteCode, text],
  );
  return (
    <DrillDrawer<Room> open={!!target} width={860} onClose={() => { setText(''); onClose(); }} testId="site-rooms" list={list}
      title={target ? t('sync.drill.rooms', { site: `${target.siteCode} ${target.site}` }) : ''}
      extra={
        <Input.Search allowClear placeholder={t('sync.drill.room')} style={{ width: 200 }} onSearch={(v) => setText(v.trim())} data-testid="site-rooms-search" />
      }
      columns={[
        { title: t('sync.drill.room'), dataIndex: 'code', width: 110 },
        { title: t('sync.drill.usage'), dataIndex: 'usage', width: 80, render: (u: Room['usage']) => t(`registry.usage.${u}`) },
        { title: t('sync.drill.state'), dataIndex: 'state', width: 80, render: (v: Room['state']) => t(`registry.state.${v}`) },
        { title: t('sync.drill.area'), dataIndex: 'area_centi', width: 90, align: 'right', render: (v: number) => (v / 100).toFixed(2) },
        { title: t('sync.drill.occupants'), dataIndex: 'occupants', render: (v: string | null) => v ?? '—' },
        { title: t('sync.drill.owed'), dataIndex: 'owed', width: 110, align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
      ]} />
  );
}
