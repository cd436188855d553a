import { useI18n } from '../../i18n';
import { RoomSearch } from '../registry/RoomSearch';

/**
 * Find the room as in the registry (code, digits, a name, a phone's last four, a plate) and
 * pick it: the registry's own search box, so Enter takes the room the text in the box found,
 * even when pressed before the answer arrives.
 */
export function RoomPicker({ onPick, autoFocus }: { onPick(roomId: string, code: string): void; autoFocus?: boolean }) {
  const { t } = useI18n();
  return <RoomSearch autoFocus={autoFocus} placeholder={t('fees.findRoom')} testId="fees-room-search" width={400} onPick={(h) => onPick(h.roomId, h.code)} />;
}
