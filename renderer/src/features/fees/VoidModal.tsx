import { App } from 'antd';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { ApprovalModal } from './ApprovalModal';

/**
 * Void (作废) on the receipt's own open day, or reversal (冲正) once that day is closed: the
 * reason, and a supervisor signing in right here; the store checks both in the same call.
 */
export function VoidModal({ receipt, onClose, onVoided }: { receipt: { id: string; number: string; reverse?: boolean } | null; onClose(): void; onVoided(): void }) {
  const reverse = !!receipt?.reverse;
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <ApprovalModal open={!!receipt} name="voidReceipt" title={t(reverse ? 'fees.reverseTitle' : 'fees.voidTitle', { number: receipt?.number ?? '' })}
      help={t(reverse ? 'fees.reverseHelp' : 'fees.voidHelp')} reasonLabel={t(reverse ? 'fees.reverseReason' : 'fees.voidReason')}
      okText={t(reverse ? 'fees.reverseAction' : 'fees.voidOk')} onClose={onClose}
      onSubmit={async (v) => {
        if (!receipt) return;
        await call(reverse ? 'fees.reverse' : 'fees.void', { receiptId: receipt.id, ...v });
        void message.success(t(reverse ? 'fees.reversed' : 'fees.voided', { number: receipt.number }));
        onVoided();
      }} />
  );
}
