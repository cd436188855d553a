import { Empty, Input, List, Popover, Tag } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { ReceiptPreview } from './ReceiptPreview';
import { formatYuan } from './shared';

/** Find a receipt by its number (or the tail of it) or by a payment's reference, and open it. */
export function FindReceipt() {
  const { t } = useI18n();
  const showError = useShowError();
  const [hits, setHits] = useState<OpOutput<'fees.findReceipts'> | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  async function find(q: string) {
    if (q.trim().length < 3) return setHits(null);
    try {
      setHits(await call('fees.findReceipts', { q: q.trim() }));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <>
      <Popover open={hits !== null} onOpenChange={(v) => !v && setHits(null)} trigger="click" placement="bottomLeft"
        content={hits?.length ? (
          <List size="small" style={{ width: 420 }} dataSource={hits} data-testid="found-receipts" renderItem={(h) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => { setHits(null); setOpen(h.id); }}>
              {h.number} · {h.roomCode} · ¥{formatYuan(h.total)} · {h.day}{h.references ? ` · ${h.references}` : ''}{h.voided ? <Tag color="red" style={{ marginLeft: 6 }}>{t('fees.void')}</Tag> : null}
            </List.Item>
          )} />
        ) : <Empty description={t('fees.foundNone')} />}>
        <Input.Search style={{ width: 300 }} placeholder={t('fees.findReceipt')} onSearch={(q) => void find(q)} data-testid="find-receipt" allowClear />
      </Popover>
      {open && <ReceiptPreview id={open} paper="A5" onClose={() => setOpen(null)} />}
    </>
  );
}
