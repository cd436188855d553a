import { AutoComplete, Input } from 'antd';
import { useRef, useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';

interface Option {
  value: string;
  label: string;
  roomId: string;
}

/**
 * Find the room as in the registry (code, digits, a name, a phone's last four) and pick it.
 * The latest text wins: an answer for older text is dropped.
 */
export function RoomPicker({ onPick, autoFocus }: { onPick(roomId: string, code: string): void; autoFocus?: boolean }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [text, setText] = useState('');
  const latest = useRef('');

  async function search(q: string) {
    setText(q);
    latest.current = q;
    const query = q.trim().slice(0, 40);
    if (!query) return setOptions([]);
    const hits = await call('registry.search', { q: query, limit: 10 }).catch(() => []);
    if (latest.current !== q) return;
    const seen = new Set<string>();
    setOptions(hits.filter((h) => !seen.has(h.roomId) && seen.add(h.roomId)).map((h) => ({
      value: `${h.code}${h.occupantName ? ` ${h.occupantName}` : ''}`,
      label: `${h.code}${h.occupantName ? ` · ${h.occupantName}` : ''}`,
      roomId: h.roomId,
    })));
  }

  return (
    <AutoComplete
      options={options}
      value={text}
      onSearch={(q) => void search(q)}
      onSelect={(_v, o) => onPick((o as Option).roomId, (o as Option).value.split(' ')[0]!)}
      defaultActiveFirstOption
      style={{ width: 340 }}
    >
      <Input.Search size="large" placeholder={t('fees.findRoom')} autoFocus={autoFocus} data-testid="fees-room-search" allowClear />
    </AutoComplete>
  );
}
