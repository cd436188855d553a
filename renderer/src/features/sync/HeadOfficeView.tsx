import { Alert, App, Button, Card, Flex, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import { ApiFailure, call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n, type MessageKey } from '../../i18n';
import { yuan } from '../fees/shared';
import { downloadFile, followJob, type JobStatus } from '../../shared/transfer';
import { ComplaintsBySite, CompanyCatalogue } from './ConsolidatedCards';
import { PgServerCard } from './PgServerCard';
import { SiteReceipts, SiteRooms, type DrillTarget } from './SiteDrillDown';

type Site = Awaited<ReturnType<typeof call<'sync.sites'>>>[number];
type Outcome = { applied: unknown[]; duplicates: number; refused: unknown[]; waiting: { reason: string; params: Record<string, string | number> }[] };

/** Head office: enrol sites, approve their replies by fingerprint, import, the dashboard per site, and the report by site. */
export function HeadOfficeView({ folderSet }: { folderSet: boolean }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const sites = useLoad(() => call('sync.sites', {}), []);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [approving, setApproving] = useState<Site | null>(null);
  const [invited, setInvited] = useState<string | null>(null);
  const [addForm] = Form.useForm<{ code: string; name: string }>();

  async function importNow() {
    try {
      const { jobId } = await call('sync.import', {});
      const last = await followJob(jobId, setJob);
      if (last.state === 'failed' && last.error) showError(new ApiFailure(last.error));
      await sites.reload();
    } catch (e) {
      showError(e);
    }
  }
  async function addSite(v: { code: string; name: string }) {
    try {
      const r = await call('sync.addSite', v);
      setInvited(t('sync.hq.invited', { fp: r.headOfficeFingerprint }));
      addForm.resetFields();
      await sites.reload();
    } catch (e) {
      showError(e);
    }
  }
  async function approve(v: { fingerprint: string }) {
    try {
      await call('sync.approve', { code: approving!.code, fingerprint: v.fingerprint });
      setApproving(null);
      void message.success(t('common.saved'));
      await sites.reload();
    } catch (e) {
      showError(e);
    }
  }
  async function writeRestore(code: string) {
    try {
      const r = await call('sync.writeRestore', { code });
      void message.success(t('sync.hq.restoreWritten', { code, through: r.through }));
    } catch (e) {
      showError(e);
    }
  }
  async function revoke(code: string) {
    try {
      await call('sync.revoke', { code });
      await sites.reload();
    } catch (e) {
      showError(e);
    }
  }

  const outcome = job?.state === 'done' ? (job.result as Outcome) : null;
  if (sites.error) return <Refused error={sites.error} />;
  return (
    <>
      <Card title={t('sync.hq.title')} size="small" extra={
        <Space>
          {job?.state === 'running' && <span>{t('sync.hq.importing', { done: job.done, total: job.total })}</span>}
          <Button type="primary" onClick={() => void importNow()} loading={job?.state === 'running'} disabled={!folderSet} data-testid="sync-import">{t('sync.hq.import')}</Button>
        </Space>
      }>
        {outcome && (
          <Alert type={outcome.refused.length > 0 || outcome.waiting.length > 0 ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="sync-imported"
            message={t('sync.hq.imported', { applied: outcome.applied.length, duplicates: outcome.duplicates, refused: outcome.refused.length })} />
        )}
        <Table<Site> rowKey="code" size="small" pagination={false} dataSource={sites.data ?? []} data-testid="sync-sites" scroll={{ x: 'max-content' }} columns={[
          { title: t('sync.hq.code'), render: (_, s) => <><div style={{ whiteSpace: 'nowrap' }}>{s.code}</div>{s.name}</> },
          { title: t('sync.hq.status'), render: (_, s) => <Tag color={s.status === 'approved' ? 'green' : s.status === 'revoked' ? 'red' : 'gold'}>{t(`sync.hq.status.${s.status}` as MessageKey)}</Tag> },
          { title: t('sync.hq.fingerprint'), render: (_, s) => (s.fingerprint ? <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{s.fingerprint}</Typography.Text> : s.reply ? <span>{t('sync.hq.reply')}: <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{s.reply.fingerprint}</Typography.Text></span> : '—') },
          { title: t('sync.hq.applied'), dataIndex: 'applied' },
          { title: t('sync.hq.lastFile'), render: (_, s) => (s.lastFile ? <><span style={{ wordBreak: 'break-all' }}>{s.lastFile.file}</span><br />{s.lastFile.atText}</> : '—') },
          { title: t('sync.hq.lag'), render: (_, s) => s.lagHours ?? '—' },
          {
            title: t('sync.hq.refused'),
            render: (_, s) => (s.refused.length === 0 ? t('sync.hq.noRefused') : (
              <Flex vertical gap={4} data-testid="sync-refused">
                {s.refused.map((r) => <span key={`${r.file}${r.at}`}><Tag color="red">{r.file}</Tag>{refusalText(r.reason, r.detail, locale)}</span>)}
              </Flex>
            )),
          },
          {
            title: '', render: (_, s) => can('sync.manage') && (
              <Space>
                {s.status === 'invited' && s.reply && <Button size="small" onClick={() => setApproving(s)}>{t('sync.hq.approve')}</Button>}
                {s.status === 'approved' && <Button size="small" danger onClick={() => void revoke(s.code)}>{t('sync.hq.revoke')}</Button>}
                {s.applied > 0 && <Button size="small" onClick={() => void writeRestore(s.code)} data-testid="sync-write-restore">{t('sync.hq.writeRestore')}</Button>}
              </Space>
            ),
          },
        ]} />
        {can('sync.manage') && (
          <Form form={addForm} layout="inline" onFinish={addSite} style={{ marginTop: 16 }}>
            <Form.Item name="code" label={t('sync.hq.code')} rules={[{ required: true, message: t('common.required') }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="name" label={t('sync.hq.name')} rules={[{ required: true, message: t('common.required') }]}><Input style={{ width: 200 }} /></Form.Item>
            <Button htmlType="submit" disabled={!folderSet}>{t('sync.hq.addSite')}</Button>
          </Form>
        )}
        {invited && <Alert type="info" showIcon message={invited} style={{ marginTop: 12 }} />}
      </Card>
      <CollectionReport />
      <ComplaintsBySite />
      <CompanyCatalogue />
      <PgServerCard canManage={can('sync.manage')} />
      <Modal open={approving !== null} title={approving ? t('sync.hq.approveTitle', { code: approving.code }) : ''} footer={null} onCancel={() => setApproving(null)} destroyOnHidden>
        <p>{t('sync.hq.approveHelp')}</p>
        <Form onFinish={approve} layout="inline">
          <Form.Item name="fingerprint" rules={[{ required: true, message: t('common.required') }]}><Input style={{ width: 240 }} placeholder="XXXX-XXXX-XXXX-XXXX" /></Form.Item>
          <Button type="primary" htmlType="submit">{t('sync.hq.approve')}</Button>
        </Form>
      </Modal>
    </>
  );
}

/** A refusal's reason in the user's language: the store's own bilingual message for its code. */
function refusalText(reason: string, detail: Record<string, string | number>, locale: 'zh-CN' | 'en-US'): string {
  const words = REFUSAL_WORDS[reason];
  if (!words) return reason;
  return words[locale].replace(/\{(\w+)\}/g, (_, k: string) => String(detail[k] ?? ''));
}

const REFUSAL_WORDS: Record<string, Record<'zh-CN' | 'en-US', string>> = {
  'sync.damaged': { 'zh-CN': '文件损坏或被截断', 'en-US': 'damaged or truncated' },
  'sync.bad_format': { 'zh-CN': '不是同步文件', 'en-US': 'not a sync file' },
  'sync.unknown_site': { 'zh-CN': '站点未登记', 'en-US': 'site not enrolled' },
  'sync.revoked_site': { 'zh-CN': '密钥已吊销', 'en-US': 'key revoked' },
  'sync.wrong_site': { 'zh-CN': '放错了站点文件夹', 'en-US': 'in the wrong site\'s folder' },
  'sync.bad_signature': { 'zh-CN': '签名不符（伪造或被改动）', 'en-US': 'signature does not match (forged or altered)' },
  'sync.bad_hash': { 'zh-CN': '内容校验不符', 'en-US': 'content hash does not match' },
  'sync.bad_rows': { 'zh-CN': '内容与标头不符', 'en-US': 'content does not match its header' },
  'sync.fork': { 'zh-CN': '序号 {from}–{to} 已接收过不同内容', 'en-US': 'a different file for {from}–{to} was applied' },
  'sync.chain': { 'zh-CN': '文件链断开', 'en-US': 'file chain broken' },
  'sync.apply_failed': { 'zh-CN': '无法应用：{detail}', 'en-US': 'could not be applied: {detail}' },
};

function CollectionReport() {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [period, setPeriod] = useState('');
  const [exporting, setExporting] = useState(false);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [rooms, setRooms] = useState<Omit<DrillTarget, 'period'> | null>(null);
  const report = useLoad(() => (period ? call('sync.collection', { period }) : Promise.resolve(null)), [period]);
  // the month's collection and complaints by site, one workbook
  const exportMonth = async () => {
    setExporting(true);
    try {
      await downloadFile((await call('sync.exportMonth', { period, locale })).fileId);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card title={t('sync.hq.report')} size="small" extra={
      <Space>
        {report.data && <Button onClick={() => void exportMonth()} loading={exporting} data-testid="sync-export-month">{t('import.export')}</Button>}
        <Input.Search placeholder="2026-11" enterButton={t('sync.hq.period')} style={{ width: 220 }} onSearch={(v) => setPeriod(v.trim())} data-testid="sync-report-period" />
      </Space>
    }>
      {report.error ? <Refused error={report.error} /> : report.data && (
        <Table rowKey="siteCode" size="small" pagination={false} data-testid="sync-report"
          dataSource={[...report.data.sites, { siteCode: t('sync.hq.total'), site: '', ...report.data.total }]}
          columns={[
            { title: t('sync.hq.code'), render: (_, r) => (r.site ? <a onClick={() => setDrill({ siteCode: r.siteCode, site: r.site, period })}>{`${r.siteCode} ${r.site}`}</a> : r.siteCode) },
            { title: t('sync.hq.billed'), render: (_, r) => yuan(r.billed), align: 'right' },
            { title: t('sync.hq.paid'), render: (_, r) => yuan(r.paid), align: 'right' },
            { title: t('sync.hq.rate'), render: (_, r) => `${(r.rateBp / 100).toFixed(2)}%`, align: 'right' },
            { title: t('sync.hq.collected'), render: (_, r) => yuan(r.collected), align: 'right' },
            {
              title: t('sync.drill.roomsLink'),
              render: (_, r) => (!r.site ? null : (
                <a onClick={() => setRooms({ siteCode: r.siteCode, site: r.site })} data-testid={`site-rooms-${r.siteCode}`}>{t('sync.drill.roomsLink')}</a>
              )),
            },
          ]} />
      )}
      <SiteReceipts target={drill} onClose={() => setDrill(null)} />
      <SiteRooms target={rooms} onClose={() => setRooms(null)} />
    </Card>
  );
}
