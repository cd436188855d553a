import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Modal, Progress, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { uploadFile } from '../../shared/transfer';
import { scanUrl } from './scanFiles';

type Scan = OpOutput<'archives.item'>['scans'][number];

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** The item's scans: list, attach (archivists), and view in the app. */
export function ScanSection({ itemId, scans, onChanged }: { itemId: string; scans: Scan[]; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [sending, setSending] = useState<number | null>(null);
  const [viewing, setViewing] = useState<Scan | null>(null);

  async function attach(file: File) {
    setSending(0);
    try {
      const uploadId = await uploadFile(file, (sent, total) => setSending(Math.round((sent / total) * 100)));
      await call('archives.attachScan', { itemId, uploadId });
      void message.success(t('arch.scan.attached', { name: file.name }));
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setSending(null);
    }
  }

  return (
    <div data-testid="scans">
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('arch.scans')}</Typography.Title>
      <List
        size="small" bordered dataSource={scans} locale={{ emptyText: t('arch.scan.none') }}
        renderItem={(s) => (
          <List.Item actions={[<Button key="v" size="small" onClick={() => setViewing(s)}>{t('arch.scan.view')}</Button>]}>
            <PaperClipOutlined /> {s.name} <Typography.Text type="secondary">{kb(s.size)} · {s.added_by_name}</Typography.Text>
          </List.Item>
        )}
      />
      {can('archives.write') && (
        <div style={{ marginTop: 8 }}>
          <Upload accept=".pdf,.png,.jpg,.jpeg" showUploadList={false} beforeUpload={(f) => { void attach(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={sending !== null} data-testid="attach-scan">{t('arch.scan.add')}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{t('arch.scan.hint')}</Typography.Text>
          {sending !== null && <Progress percent={sending} size="small" />}
        </div>
      )}
      {viewing && <ScanViewer scan={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}

function ScanViewer({ scan, onClose }: { scan: Scan; onClose(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [shown, setShown] = useState<{ url: string; mime: string } | null>(null);
  const [progress, setProgress] = useState(0);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    scanUrl(scan.id, (d, n) => setProgress(Math.round((d / n) * 100))).then((s) => {
      url = s.url;
      if (live) setShown(s);
      else URL.revokeObjectURL(s.url);
    }, showError);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [scan.id, showError]);
  return (
    <Modal
      open title={scan.name} width="80vw" style={{ top: 24 }} onCancel={onClose}
      // saving a copy also serves a desk whose window cannot show PDFs inline
      footer={<>{shown && <Button href={shown.url} download={scan.name} data-testid="scan-save">{t('arch.scan.save')}</Button>}<Button onClick={onClose}>{t('common.close')}</Button></>}
    >
      <div data-testid="scan-viewer" style={{ height: '75vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f4f6' }}>
        {!shown ? <Progress type="circle" percent={progress} /> : shown.mime === 'application/pdf'
          ? <iframe title={scan.name} src={shown.url} style={{ width: '100%', height: '100%', border: 0 }} />
          : <img alt={scan.name} src={shown.url} style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }} />}
      </div>
    </Modal>
  );
}
