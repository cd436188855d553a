import { App } from 'antd';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { ApprovalModal } from './ApprovalModal';
import { formatYuan, type OwedLine } from './shared';

/** Cancel a charge billed in error (作废应收), approved by a supervisor signing in at the desk. */
export function CancelChargeModal({ room, line, onClose, onCancelled }: { room: string; line: OwedLine | null; onClose(): void; onCancelled(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const what = { room, period: line?.period ?? '', item: line?.itemName ?? '' };
  return (
    <ApprovalModal open={!!line} name="cancelCharge" title={t('fees.cancelChargeTitle', { ...what, amount: formatYuan(line?.amount ?? 0) })}
      help={t('fees.cancelChargeHelp')} reasonLabel={t('fees.cancelReason')} okText={t('fees.cancelChargeOk')} onClose={onClose}
      onSubmit={async (v) => {
        if (!line) return;
        await call('fees.cancelBill', { billId: line.id, ...v });
        void message.success(t('fees.chargeCancelled', what));
        onCancelled();
      }} />
  );
}
