import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

type Due = OpOutput<'handovers.transferDue'>[number];
interface FreeLine { name: string; classCode: string; count: number }

/**
 * The 档案移交 tab: what the departments still hold and when it is due at the archive room;
 * pick files from it (or write name and count per class for papers not yet indexed) and make
 * the numbered transfer list, which is then counted and signed on its own page.
 */
export function TransferTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const due = useLoad(() => call('handovers.transferDue', {}), []);
  const [picked, setPicked] = useState<string[]>([]);
  const [free, setFree] = useState<FreeLine[]>([]);
  const [fromDept, setFromDept] = useState('客户服务中心');
  const [toDept, setToDept] = useState('公司档案室');
  const setLine = (n: number, p: Partial<FreeLine>) => setFree(free.map((l, i) => (i === n ? { ...l, ...p } : l)));
  const lines = free.filter((l) => l.name.trim());
  const create = () => {
    if (!picked.length && !lines.length) return void message.warning(t('ho.tr.empty'));
    void call('handovers.startTransfer', {
      fromDept, toDept, items: [...picked.map((itemId) => ({ itemId })), ...lines.map((l) => ({ itemId: null, name: l.name, classCode: l.classCode, count: l.count }))],
    }).then((r) => navigate(`/handovers/doc/${r.id}`), showError);
  };
  return (
    <Flex vertical gap={12} data-testid="transfer-tab">
      <Alert type="info" showIcon message={t('ho.tr.dueHelp')} />
      <Card size="small" title={<Flex gap={8} align="center">{t('ho.tr.due')}<Tag>{t('ho.tr.picked', { n: picked.length })}</Tag></Flex>}>
        <Table<Due> rowKey="id" size="small" loading={due.loading} dataSource={due.data ?? []} pagination={{ pageSize: 10 }} data-testid="transfer-due"
          rowSelection={can('archives.write') ? { selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) } : undefined}
          locale={{ emptyText: t('ho.none') }}
          columns={[
            { title: t('ho.tr.ref'), dataIndex: 'refCode' },
            { title: t('ho.tr.titleCol'), dataIndex: 'title' },
            { title: t('ho.tr.formed'), dataIndex: 'formed' },
            { title: t('ho.tr.dueOn'), dataIndex: 'dueOn', render: (d: string, r) => <>{d} <Tag>{t(`ho.tr.rule.${r.rule}`)}</Tag>{r.overdue && <Tag color="red">{t('ho.tr.overdue')}</Tag>}</> },
          ]} />
      </Card>
      {can('archives.write') && (
        <Card size="small" title={t('ho.tr.free')}>
          <Flex vertical gap={8}>
            {free.map((l, n) => (
              <Flex key={n} gap={8}>
                <Input placeholder={t('ho.tr.freeName')} value={l.name} onChange={(e) => setLine(n, { name: e.target.value })} style={{ flex: 1 }} data-testid={`tr-free-name-${n}`} />
                <Input placeholder={t('ho.tr.freeClass')} value={l.classCode} onChange={(e) => setLine(n, { classCode: e.target.value })} style={{ width: 100 }} data-testid={`tr-free-class-${n}`} />
                <InputNumber min={1} max={100000} value={l.count} onChange={(v) => setLine(n, { count: v ?? 1 })} style={{ width: 100 }} data-testid={`tr-free-count-${n}`} />
                <Button icon={<DeleteOutlined />} onClick={() => setFree(free.filter((_, i) => i !== n))} />
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => setFree([...free, { name: '', classCode: '', count: 1 }])} style={{ alignSelf: 'start' }} data-testid="tr-add-line">{t('ho.tr.addLine')}</Button>
          </Flex>
        </Card>
      )}
      {can('archives.write') && (
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('ho.tr.fromDept')}</Typography.Text>
          <Input value={fromDept} onChange={(e) => setFromDept(e.target.value)} style={{ width: 180 }} data-testid="tr-from" />
          <Typography.Text>{t('ho.tr.toDept')}</Typography.Text>
          <Input value={toDept} onChange={(e) => setToDept(e.target.value)} style={{ width: 180 }} data-testid="tr-to" />
          <Button type="primary" onClick={create} data-testid="tr-create">{t('ho.tr.create')}</Button>
        </Flex>
      )}
    </Flex>
  );
}
