import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Modal, Progress, Select, Space, Table } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { formatYuan } from './shared';
import { NoticeDoc, type Notices } from './DunningNotice';

type Arrears = OpOutput<'fees.arrears'>;
/** notices fetched this many rooms at a time, so the progress moves and no call runs long */
const CHUNK = 40;
const BUCKETS = ['m1', 'm3', 'm6', 'm12', 'older'] as const;

/** Arrears by building and age; the rooms that owe most first; notices and dunning attempts from here. */
export function ArrearsTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [notices, setNotices] = useState<Notices | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [logging, setLogging] = useState<Arrears['rooms'][number] | null>(null);
  const [form] = Form.useForm<{ method: 'notice' | 'phone' | 'visit' | 'message'; outcome?: string }>();
  const tree = useLoad(() => call('registry.tree'), []);
  const data = useLoad(() => call('fees.arrears', { buildingId }), [buildingId]);
  const chase = can('fees.collect');
  if (data.error) return <Refused error={data.error} />;

  /** Every notice of the rooms given (a building's, or those ticked) in one print job, fetched in chunks with progress. */
  async function print(roomIds: string[]) {
    if (!roomIds.length) return;
    setProgress({ done: 0, total: roomIds.length });
    try {
      const parts: Notices[] = [];
      for (let i = 0; i < roomIds.length; i += CHUNK) {
        parts.push(await call('fees.notices', { roomIds: roomIds.slice(i, i + CHUNK) }));
        setProgress({ done: Math.min(i + CHUNK, roomIds.length), total: roomIds.length });
      }
      if (parts[0]) setNotices({ ...parts[0], notices: parts.flatMap((p) => p.notices) });
      await data.reload();
    } catch (e) {
      showError(e);
    } finally {
      setProgress(null);
    }
  }
  async function printScope() {
    try {
      await print(await call('fees.owingRooms', { buildingId }));
    } catch (e) {
      showError(e);
    }
  }
  async function called(r: Arrears['rooms'][number]) {
    try {
      await call('fees.logDunning', { roomId: r.roomId, method: 'phone' });
      void message.success(t('fees.arrears.calledDone', { room: r.code }));
      await data.reload();
    } catch (e) {
      showError(e);
    }
  }
  const scope = buildingId ? (tree.data ?? []).find((b) => b.id === buildingId)?.name ?? '' : t('fees.wholeSite');
  async function log(v: { method: 'notice' | 'phone' | 'visit' | 'message'; outcome?: string }) {
    try {
      await call('fees.logDunning', { roomId: logging!.roomId, ...v });
      void message.success(t('common.saved'));
      setLogging(null);
      await data.reload();
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Select style={{ width: 220 }} value={buildingId ?? ''} onChange={(v) => setBuildingId(v || null)} data-testid="arrears-building"
          options={[{ value: '', label: t('fees.wholeSite') }, ...(tree.data ?? []).map((b) => ({ value: b.id, label: b.name }))]} />
        {chase && <Button disabled={!picked.length || !!progress} onClick={() => void print(picked)} data-testid="print-notices">{t('fees.printNotices', { n: picked.length })}</Button>}
        {chase && <Button disabled={!!progress || !data.data?.rooms.length} onClick={() => void printScope()} data-testid="print-scope-notices">{t('fees.arrears.printAll', { scope })}</Button>}
      </Flex>
      <Card size="small" title={t('fees.arrearsByBuilding', { asOf: data.data?.asOf ?? '' })}>
        <Table rowKey="buildingId" size="small" pagination={false} loading={data.loading} dataSource={data.data?.byBuilding ?? []} data-testid="arrears-buildings"
          columns={[
            { title: t('fees.building'), render: (_, b) => b.name },
            { title: t('fees.rooms'), dataIndex: 'rooms', align: 'right' },
            ...BUCKETS.map((k) => ({ title: t(`fees.age.${k}`), dataIndex: k, align: 'right' as const, render: (v: number) => (v ? formatYuan(v) : '') })),
            { title: t('fees.total'), dataIndex: 'total', align: 'right', render: (v: number) => <b>{formatYuan(v)}</b> },
          ]} />
      </Card>
      <Card size="small" title={t('fees.arrearsRooms')}>
        <Table rowKey="roomId" size="small" loading={data.loading} dataSource={data.data?.rooms ?? []} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="arrears-rooms"
          rowSelection={chase ? { selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) } : undefined}
          columns={[
            { title: t('fees.room'), dataIndex: 'code' },
            { title: t('fees.arrears.occupant'), dataIndex: 'occupant', render: (v: string | null) => v ?? '' },
            { title: t('fees.arrears.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '' },
            { title: t('fees.owedSince'), dataIndex: 'since' },
            { title: t('fees.lines'), dataIndex: 'lines', align: 'right' },
            { title: t('fees.total'), dataIndex: 'total', align: 'right', render: (v: number) => formatYuan(v) },
            { title: t('fees.lastDunning'), dataIndex: 'lastDunning', render: (v: string | null) => (v ? `${v.slice(0, 10)} ${t(`fees.dun.${v.split(' ')[1] as 'notice'}`)}` : '') },
            ...(chase ? [{
              title: t('common.actions'), key: 'a', render: (_: unknown, r: Arrears['rooms'][number]) => (
                <Space>
                  <Button size="small" icon={<PhoneOutlined />} onClick={() => void called(r)} data-testid={`called-${r.code}`}>{t('fees.arrears.called')}</Button>
                  <Button size="small" onClick={() => { form.resetFields(); setLogging(r); }}>{t('fees.logDunning')}</Button>
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      <Modal open={!!progress} closable={false} footer={null} title={t('fees.notice.title')}>
        <Progress percent={progress ? Math.round((progress.done * 100) / progress.total) : 0} data-testid="notices-progress" />
        <div>{t('fees.arrears.preparing', { done: progress?.done ?? 0, total: progress?.total ?? 0 })}</div>
      </Modal>
      {notices && (
        <PrintPreview open onClose={() => setNotices(null)} title={t('fees.notice.title')} paper="A5" fileName="dunning-notices.pdf">
          <NoticeDoc n={notices} />
        </PrintPreview>
      )}
      <Modal open={!!logging} title={t('fees.logDunningFor', { room: logging?.code ?? '' })} onCancel={() => setLogging(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={form} name="dunning" layout="vertical" onFinish={(v) => log(v)} initialValues={{ method: 'phone' }}>
          <Form.Item name="method" label={t('fees.dunMethod')}><Select options={(['notice', 'phone', 'visit', 'message'] as const).map((m) => ({ value: m, label: t(`fees.dun.${m}`) }))} /></Form.Item>
          <Form.Item name="outcome" label={t('fees.dunOutcome')} rules={[{ max: 200 }]}><Input /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </Flex>
  );
}
