import { App, Button, Card, Flex, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { formatYuan, yuan } from './shared';

type Arrears = OpOutput<'fees.arrears'>;
type Notices = OpOutput<'fees.notices'>;
const BUCKETS = ['m1', 'm3', 'm6', 'm12', 'older'] as const;

/** One A5 page per room: what it owes, line by line, the total in figures and in capitals. */
function NoticeDoc({ n }: { n: Notices }) {
  const { t } = useI18n();
  return (
    <>
      {n.notices.map((x) => (
        <section key={x.room.id} className="print-page fee-doc">
          <h1>{n.siteName}</h1>
          <h2>{t('fees.notice.title')}</h2>
          <p>{t('fees.notice.to', { room: x.room.code, payer: x.payer || t('fees.notice.owner') })}</p>
          <p>{t('fees.notice.body')}</p>
          <table>
            <thead><tr><th>{t('fees.period')}</th><th>{t('fees.item')}</th><th className="num">{t('fees.owed')}</th></tr></thead>
            <tbody>
              {x.lines.map((l) => <tr key={l.id}><td>{l.period}</td><td>{l.itemName}</td><td className="num">{formatYuan(l.owed)}</td></tr>)}
              <tr><td colSpan={2} className="capital">{t('fees.doc.capital')}{x.capital}</td><td className="num capital">{yuan(x.total)}</td></tr>
            </tbody>
          </table>
          <p>{t('fees.notice.please')}</p>
          <div className="sign" style={{ marginTop: '10mm' }}><span /><span>{n.siteName}<br />{n.issuedOn.slice(0, 10)}</span></div>
        </section>
      ))}
    </>
  );
}

/** Arrears by building and age; the rooms that owe most first; notices and dunning attempts from here. */
export function ArrearsTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [notices, setNotices] = useState<Notices | null>(null);
  const [logging, setLogging] = useState<Arrears['rooms'][number] | null>(null);
  const [form] = Form.useForm<{ method: 'notice' | 'phone' | 'visit' | 'message'; outcome?: string }>();
  const tree = useLoad(() => call('registry.tree'), []);
  const data = useLoad(() => call('fees.arrears', { buildingId }), [buildingId]);
  const chase = can('fees.collect');
  if (data.error) return <Refused error={data.error} />;

  async function print() {
    try {
      setNotices(await call('fees.notices', { roomIds: picked }));
      await data.reload();
    } catch (e) {
      showError(e);
    }
  }
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
        {chase && <Button disabled={!picked.length} onClick={() => void print()} data-testid="print-notices">{t('fees.printNotices', { n: picked.length })}</Button>}
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
            { title: t('fees.owedSince'), dataIndex: 'since' },
            { title: t('fees.lines'), dataIndex: 'lines', align: 'right' },
            { title: t('fees.total'), dataIndex: 'total', align: 'right', render: (v: number) => formatYuan(v) },
            { title: t('fees.lastDunning'), dataIndex: 'lastDunning', render: (v: string | null) => (v ? `${v.slice(0, 10)} ${t(`fees.dun.${v.split(' ')[1] as 'notice'}`)}` : '') },
            ...(chase ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, r: Arrears['rooms'][number]) => <Button size="small" onClick={() => { form.resetFields(); setLogging(r); }}>{t('fees.logDunning')}</Button> }] : []),
          ]} />
      </Card>
      {notices && (
        <PrintPreview open onClose={() => setNotices(null)} title={t('fees.notice.title')} paper="A5" fileName="dunning-notices.pdf">
          <NoticeDoc n={notices} />
        </PrintPreview>
      )}
      <Modal open={!!logging} title={t('fees.logDunningFor', { room: logging?.code ?? '' })} onCancel={() => setLogging(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={form} name="dunning" layout="vertical" onFinish={(v) => void log(v)} initialValues={{ method: 'phone' }}>
          <Form.Item name="method" label={t('fees.dunMethod')}><Select options={(['notice', 'phone', 'visit', 'message'] as const).map((m) => ({ value: m, label: t(`fees.dun.${m}`) }))} /></Form.Item>
          <Form.Item name="outcome" label={t('fees.dunOutcome')} rules={[{ max: 200 }]}><Input /></Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </Flex>
  );
}
