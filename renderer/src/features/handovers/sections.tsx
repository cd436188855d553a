import { DeleteOutlined, PlusOutlined, ToolOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Checkbox, Flex, Input, InputNumber, Radio, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { COND_COLOR, type HandoverView, type MoveInBody, type MoveOutBody } from './shared';

/** The sections of a unit handover form, each editing its part of the draft's body. */
type Key = MoveOutBody['keys'][number];
type Meter = MoveInBody['meters'][number];
type Check = MoveInBody['checklist'][number];

export function KeysSection({ keys, kinds, moveOut, readOnly, onChange }: { keys: Key[]; kinds: string[]; moveOut: boolean; readOnly: boolean; onChange(k: Key[]): void }) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<Key>) => onChange(keys.map((k, j) => (j === i ? { ...k, ...p } : k)));
  return (
    <Card size="small" title={t('ho.sec.keys')} data-testid="ho-keys"
      extra={!readOnly && !moveOut && <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...keys, { kind: '', count: 1, numbers: '', handed: 0 }])}>{t('ho.addRow')}</Button>}>
      <Table<Key> rowKey={(_, i) => String(i)} size="small" pagination={false} dataSource={keys}
        rowClassName={(k) => (moveOut && k.handed > k.count ? 'ho-row-diff' : '')}
        columns={[
          { title: t('ho.key.kind'), render: (_, k, i) => (readOnly || moveOut ? k.kind : <AutoComplete value={k.kind} options={kinds.map((v) => ({ value: v }))} onChange={(v) => set(i, { kind: v })} style={{ width: 140 }} />) },
          ...(moveOut ? [{ title: t('ho.key.handed'), width: 110, render: (_: unknown, k: Key) => k.handed }] : []),
          {
            title: t(moveOut ? 'ho.key.returned' : 'ho.key.count'), width: 150,
            render: (_, k, i) => (
              <Flex gap={6} align="center">
                {readOnly ? k.count : <InputNumber value={k.count} precision={0} onChange={(v) => set(i, { count: v ?? 0 })} data-testid={`ho-key-count-${i}`} style={{ width: 70 }} />}
                {moveOut && k.handed > k.count && <Tag color="red">{t('ho.key.missing', { n: k.handed - k.count })}</Tag>}
              </Flex>
            ),
          },
          { title: t('ho.key.numbers'), render: (_, k, i) => (readOnly ? k.numbers : <Input value={k.numbers} onChange={(e) => set(i, { numbers: e.target.value })} data-testid={`ho-key-numbers-${i}`} />) },
          ...(!readOnly && !moveOut ? [{ key: 'x', width: 40, render: (_: unknown, __: Key, i: number) => <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => onChange(keys.filter((_, j) => j !== i))} /> }] : []),
        ]} />
    </Card>
  );
}

export function MetersSection({ meters, title, readOnly, onChange }: { meters: Meter[]; title: string; readOnly: boolean; onChange(m: Meter[]): void }) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<Meter>) => onChange(meters.map((m, j) => (j === i ? { ...m, ...p } : m)));
  return (
    <Card size="small" title={title} data-testid="ho-meters">
      <Table<Meter> rowKey="meter" size="small" pagination={false} dataSource={meters}
        columns={[
          { title: t('ho.meter.kind'), width: 100, render: (_, m) => t(`ho.meter.${m.meter}`) },
          { title: t('ho.meter.no'), render: (_, m, i) => (readOnly ? m.meterNo : <Input value={m.meterNo} onChange={(e) => set(i, { meterNo: e.target.value })} data-testid={`ho-meterno-${m.meter}`} />) },
          { title: t('ho.meter.reading'), render: (_, m, i) => (readOnly ? m.reading : <Input value={m.reading} inputMode="decimal" onChange={(e) => set(i, { reading: e.target.value.trim() })} data-testid={`ho-reading-${m.meter}`} />) },
        ]} />
    </Card>
  );
}

export function ChecklistSection({ checklist, compare, readOnly, onChange, onRepair }: {
  checklist: Check[]; compare: HandoverView['compare']; readOnly: boolean; onChange(c: Check[]): void; onRepair(i: number): void;
}) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<Check>) => onChange(checklist.map((c, j) => (j === i ? { ...c, ...p } : c)));
  return (
    <Card size="small" title={t('ho.sec.checklist')} data-testid="ho-checklist">
      <Table<Check> rowKey={(_, i) => String(i)} size="small" pagination={false} dataSource={checklist}
        rowClassName={(c) => (compare?.changes.some((x) => x.item === c.item) ? 'ho-row-diff' : '')}
        columns={[
          { title: t('ho.check.item'), dataIndex: 'item', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
          {
            title: t('ho.check.condition'),
            render: (_, c, i) => {
              const change = compare?.changes.find((x) => x.item === c.item);
              return (
                <Flex vertical gap={2}>
                  {readOnly ? <Tag color={COND_COLOR[c.condition]}>{t(`ho.cond.${c.condition}`)}</Tag> : (
                    <Radio.Group size="small" value={c.condition} onChange={(e) => set(i, { condition: e.target.value as Check['condition'] })} data-testid={`ho-cond-${i}`}
                      options={(['ok', 'defect', 'missing'] as const).map((v) => ({ value: v, label: t(`ho.cond.${v}`) }))} optionType="button" />
                  )}
                  {change && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('ho.check.was', { c: change.before ? t(`ho.cond.${change.before}` as 'ho.cond.ok') : '—' })}</Typography.Text>}
                </Flex>
              );
            },
          },
          { title: t('ho.check.remark'), render: (_, c, i) => (readOnly ? c.remark : <Input value={c.remark} onChange={(e) => set(i, { remark: e.target.value })} data-testid={`ho-remark-${i}`} style={{ minWidth: 120 }} />) },
          {
            key: 'case',
            render: (_, c, i) => (c.caseNo ? <Tag color="blue" data-testid={`ho-case-${i}`}>{t('ho.check.case', { no: c.caseNo })}</Tag>
              : !readOnly && c.condition !== 'ok' ? <Button size="small" icon={<ToolOutlined />} onClick={() => onRepair(i)} data-testid={`ho-repair-${i}`}>{t('ho.check.repair')}</Button> : null),
          },
        ]} />
    </Card>
  );
}

export function DocumentsSection({ documents, options, readOnly, onChange }: { documents: string[]; options: string[]; readOnly: boolean; onChange(d: string[]): void }) {
  const { t } = useI18n();
  const all = [...new Set([...options, ...documents])];
  return (
    <Card size="small" title={t('ho.sec.documents')} data-testid="ho-documents">
      <Checkbox.Group disabled={readOnly} value={documents} options={all} onChange={(v) => onChange(v as string[])} />
    </Card>
  );
}
