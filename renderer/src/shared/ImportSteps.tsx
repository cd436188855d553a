import { Alert, Descriptions, Flex, InputNumber, Modal, Select, Steps, Table, Tag } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import './import-steps.css';
import type { InspectedSheet } from './useImportWizard';
import { WIZARD_STEPS, type WizardStep } from './useImportWizard';

/**
 * The screens every spreadsheet import shows alike: the wizard's frame (steps, error and
 * cancelled lines), the file, sheet and header-row line, the column mapping, and the
 * preview with each column's field. `testId` names each wizard's own (import-…, meters-…).
 */

type Field<I extends InspectedSheet> = I['fields'][number];
type Mapping<I extends InspectedSheet> = Partial<Record<Field<I>['key'], number>>;

export function WizardFrame({ open, testId, title, step, running, error, cancelled, footer, onClose, children }: {
  open: boolean;
  testId: string;
  title: string;
  step: WizardStep;
  running: boolean;
  error: string | null;
  cancelled: boolean;
  footer: ReactNode;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={title} width={1040} onCancel={() => !running && onClose()} closable={!running} maskClosable={false}
      keyboard={!running} footer={footer} destroyOnHidden>
      <Flex vertical gap={16} data-testid={`${testId}-wizard`}>
        <Steps size="small" current={WIZARD_STEPS.indexOf(step)} items={WIZARD_STEPS.map((s) => ({ title: t(`import.step.${s}`) }))} />
        {error && <Alert type="error" showIcon message={error} data-testid={`${testId}-error`} />}
        {cancelled && <Alert type="info" showIcon message={t('import.cancelled')} data-testid={`${testId}-cancelled`} />}
        {children}
      </Flex>
    </Modal>
  );
}

export function SheetChoice<I extends InspectedSheet>({ testId, inspected, running, onSheet }: {
  testId: string;
  inspected: I;
  running: boolean;
  onSheet(sheet: string, headerRow?: number): void;
}) {
  const { t } = useI18n();
  const sheet = inspected.sheets.length > 1
    ? <Select size="small" style={{ minWidth: 160 }} value={inspected.sheet} disabled={running} onChange={(s) => onSheet(s)}
      options={inspected.sheets.map((s) => ({ value: s.name, label: `${s.name} (${s.rows})` }))} />
    : inspected.sheet;
  const headerRow = <InputNumber size="small" min={1} max={1000} value={inspected.headerRow} disabled={running}
    onChange={(v) => typeof v === 'number' && v !== inspected.headerRow && onSheet(inspected.sheet, v)} data-testid={`${testId}-header-row`} />;
  return (
    <Descriptions size="small" column={3} items={[
      { key: 'f', label: t('import.map.file'), children: <span data-testid={`${testId}-file-name`}>{inspected.file.name}</span> },
      { key: 's', label: t('import.map.sheet'), children: sheet },
      { key: 'h', label: t('import.map.headerRow'), children: headerRow },
    ]} />
  );
}

/** One "field [column ▾]" per field; a column chosen for two fields is marked. */
export function ColumnMapping<I extends InspectedSheet>({ testId, selectTestId, inspected, mapping, onChange, perRow = 3 }: {
  testId: string;
  selectTestId(key: string): string;
  inspected: I;
  mapping: Mapping<I>;
  onChange(next: Mapping<I>): void;
  perRow?: number;
}) {
  const { t, locale } = useI18n();
  const options = useMemo(() => inspected.columns.map((c) => ({ value: c.index, label: `${c.letter} · ${c.header || t('import.map.noHeader')}` })),
    [inspected, t]);
  const usedBy = new Map<number, number>();
  for (const v of Object.values(mapping) as (number | undefined)[]) if (v !== undefined) usedBy.set(v, (usedBy.get(v) ?? 0) + 1);
  const set = (key: Field<I>['key'], v: number | null | undefined) => {
    const next = { ...mapping };
    if (v === undefined || v === null) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className="import-mapping" data-testid={`${testId}-mapping`} style={{ gridTemplateColumns: `repeat(${perRow}, minmax(0, 1fr))` }}>
      {inspected.fields.map((f: Field<I>) => {
        const col = mapping[f.key as Field<I>['key']];
        return (
          <Flex key={f.key} align="center" gap={8} className="import-mapping-row">
            <span className="import-mapping-label">{locale === 'zh-CN' ? f.zh : f.en}</span>
            <Select<number> size="small" allowClear placeholder={t('import.map.none')} style={{ flex: 1, minWidth: 0 }} value={col}
              status={col !== undefined && (usedBy.get(col) ?? 0) > 1 ? 'error' : undefined} options={options}
              onChange={(v) => set(f.key, v)} data-testid={selectTestId(f.key)} />
          </Flex>
        );
      })}
    </div>
  );
}

/** The first rows of the sheet, each column headed by its letter, heading and field. */
export function MappingPreview<I extends InspectedSheet>({ testId, inspected, mapping }: { testId: string; inspected: I; mapping: Mapping<I> }) {
  const { t, locale } = useI18n();
  return (
    <Table size="small" rowKey="row" pagination={false} scroll={{ x: 'max-content' }} dataSource={inspected.preview} data-testid={`${testId}-preview`}
      columns={[
        { title: t('import.map.rowNo'), dataIndex: 'row', width: 60, fixed: 'left' },
        ...inspected.columns.map((c) => {
          const field = inspected.fields.find((f) => mapping[f.key as Field<I>['key']] === c.index);
          const tag = field
            ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{locale === 'zh-CN' ? field.zh : field.en}</Tag>
            : <Tag style={{ marginInlineEnd: 0 }}>{t('import.map.none')}</Tag>;
          return {
            key: c.letter,
            title: <Flex vertical gap={2}><span>{c.letter} · {c.header}</span>{tag}</Flex>,
            render: (_: unknown, r: I['preview'][number]) => <span style={{ whiteSpace: 'nowrap' }}>{r.cells[c.index - 1]}</span>,
          };
        }),
      ]} />
  );
}
