import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Table, Tabs, Tag } from 'antd';
import { useShowError } from '../../app/errors';
import { downloadFile } from '../../shared/transfer';
import { useState } from 'react';
import { siteDateTime } from '../../../../db/time/site-time';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useLoad } from '../../app/useLoad';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { HandoverFormPage } from './HandoverFormPage';
import { ShiftStart } from './ShiftView';
import { TransferTab } from './TransferTab';
import { KeysTab } from './KeysTab';
import { ListsAdmin } from './ListsAdmin';
import { STATUS_COLOR, type ListRow } from './shared';

type Kind = 'move_in' | 'move_out' | 'shift' | 'transfer';

/** #/handovers: the list by kind, status, date and room; #/handovers/doc/<id>: one form. */
export function HandoversPage({ rest }: { rest: readonly string[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  if (rest[0] === 'doc' && rest[1]) return <HandoverFormPage key={rest[1]} id={decodeURIComponent(rest[1])} />;
  const tabs = ['shift', 'keys', 'transfer', 'admin'];
  return (
    <Tabs activeKey={tabs.includes(rest[0] ?? '') ? rest[0] : 'list'} destroyOnHidden onChange={(k) => navigate(k === 'list' ? '/handovers' : `/handovers/${k}`)} data-testid="handovers-tabs"
      items={[
        { key: 'list', label: t('ho.list'), children: <HandoverList /> },
        { key: 'shift', label: t('ho.shift.tab'), children: <ShiftStart onStarted={(id) => navigate(`/handovers/doc/${id}`)} /> },
        { key: 'keys', label: t('ho.keys.tab'), children: <KeysTab /> },
        ...(can('archives.read') ? [{ key: 'transfer', label: t('ho.tr.tab'), children: <TransferTab /> }] : []),
        ...(can('settings.manage') ? [{ key: 'admin', label: t('ho.admin.tab'), children: <ListsAdmin /> }] : []),
      ]} />
  );
}

function HandoverList() {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [kind, setKind] = useState<Kind | undefined>();
  const [status, setStatus] = useState<'draft' | 'signed' | undefined>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [q, setQ] = useState('');
  const list = useLoad(() => call('handovers.list', { kind, status, from: from || undefined, to: to || undefined, q: q || undefined }), [kind, status, from, to, q]);
  const today = useLoad(() => call('time.today'), []);
  const off = today.data?.utcOffsetMinutes ?? 480;
  return (
    <Flex vertical gap={12} data-testid="handovers-page">
      <Alert type="info" showIcon message={t('ho.startHint')} />
      <Card size="small">
        <Flex gap={8} wrap>
          <Select allowClear placeholder={t('ho.kind')} value={kind} onChange={setKind} style={{ width: 140 }} data-testid="ho-filter-kind"
            options={(['move_in', 'move_out', 'shift', 'transfer'] as const).map((k) => ({ value: k, label: t(`ho.kind.${k}`) }))} />
          <Select allowClear placeholder={t('ho.status')} value={status} onChange={setStatus} style={{ width: 120 }}
            options={(['draft', 'signed'] as const).map((k) => ({ value: k, label: t(`ho.status.${k}`) }))} />
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
          <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
          <Input.Search allowClear placeholder={t('ho.search')} onSearch={setQ} style={{ width: 200 }} data-testid="ho-search" />
          <Button icon={<DownloadOutlined />} data-testid="ho-export"
            onClick={() => void call('handovers.export', { locale, kind, status, from: from || undefined, to: to || undefined, q: q || undefined }).then((f) => downloadFile(f.fileId), showError)}>{t('ho.export')}</Button>
        </Flex>
      </Card>
      <Table<ListRow> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} locale={{ emptyText: t('ho.empty') }}
        onRow={(r) => ({ onClick: () => navigate(`/handovers/doc/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('ho.number'), dataIndex: 'number', render: (n: string, r) => <>{n}{r.version > 1 && <Tag color="purple" style={{ marginLeft: 6 }}>{t('ho.versionN', { n: r.version })}</Tag>}</> },
          { title: t('ho.kind'), dataIndex: 'kind', render: (k: Kind) => t(`ho.kind.${k}`) },
          { title: t('ho.room'), dataIndex: 'roomCode' },
          { title: t('ho.occupant'), dataIndex: 'occupant' },
          { title: t('ho.status'), dataIndex: 'status', render: (s: 'draft' | 'signed', r) => <><Tag color={STATUS_COLOR[s]}>{t(`ho.status.${s}`)}</Tag>{r.superseded && <Tag>{t('ho.superseded')}</Tag>}</> },
          { title: t('ho.createdBy'), dataIndex: 'createdBy' },
          { title: t('ho.createdAt'), dataIndex: 'created_at', render: (a: string) => siteDateTime(a, off) },
          { title: t('ho.signedAt'), dataIndex: 'signed_at', render: (a: string | null) => (a ? siteDateTime(a, off) : '') },
        ]} />
    </Flex>
  );
}
