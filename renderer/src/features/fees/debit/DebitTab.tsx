import { Button, Flex } from 'antd';
import { call } from '../../../api';
import { navigate } from '../../../app/route';
import { useLoad } from '../../../app/useLoad';
import { useI18n } from '../../../i18n';
import { AgreementsCard } from './AgreementsCard';
import { BatchesCard } from './BatchesCard';

/**
 * 银行托收: the debit agreements and the month's batches. #/fees/debit/<roomId> (from the
 * room's card) shows that room's agreements, ended ones too, and registers for it.
 */
export function DebitTab({ roomId }: { roomId?: string }) {
  const { t } = useI18n();
  const room = useLoad(() => (roomId ? call('fees.roomAccount', { roomId }) : Promise.resolve(null)), [roomId]);
  if (roomId) {
    if (!room.data) return null;
    return (
      <Flex vertical gap={16}>
        <AgreementsCard room={{ id: roomId, code: room.data.room.code }} />
        <Button type="link" onClick={() => navigate('/fees/debit')} style={{ alignSelf: 'flex-start' }}>{t('fees.debit.allRooms')}</Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      <AgreementsCard />
      <BatchesCard />
    </Flex>
  );
}
