import { App, Button, Card, Col, Input, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

type Usage = '' | 'residential' | 'shop' | 'office' | 'parking' | 'other';
const LISTS = ['key', 'facility', 'document'] as const;

/** 交接设置 (the admin's): key kinds, the facilities checklist per room type, the documents handed over — one per line. */
export function ListsAdmin() {
  const { t } = useI18n();
  const [usage, setUsage] = useState<Usage>('');
  const lists = useLoad(() => call('handovers.lists', { usage }), [usage]);
  return (
    <Card size="small" title={t('ho.admin.tab')} data-testid="lists-admin">
      <Typography.Paragraph type="secondary">{t('ho.admin.help')}</Typography.Paragraph>
      <Row gutter={16}>
        {LISTS.map((list) => (
          <Col span={8} key={list}>
            {list === 'facility' && (
              <Select value={usage} onChange={setUsage} style={{ width: '100%', marginBottom: 8 }} data-testid="lists-usage"
                options={(['', 'residential', 'shop', 'office', 'parking', 'other'] as const).map((u) => ({ value: u, label: u ? `${t('ho.admin.usage')}${t('ho.colon')}${t(`registry.usage.${u}` as 'registry.usage.shop')}` : t('ho.admin.allUsages') }))} />
            )}
            <ListEditor list={list} usage={list === 'facility' ? usage : ''} names={lists.data?.[list] ?? []} onSaved={() => void lists.reload()} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function ListEditor({ list, usage, names, onSaved }: { list: (typeof LISTS)[number]; usage: Usage; names: string[]; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [text, setText] = useState('');
  useEffect(() => setText(names.join('\n')), [names]);
  const save = () => void call('handovers.saveList', { list, usage, names: text.split('\n').map((x) => x.trim()).filter(Boolean) })
    .then(() => { void message.success(t('ho.admin.saved')); onSaved(); }, showError);
  return (
    <Card size="small" type="inner" title={t(`ho.admin.${list}`)} extra={<Button size="small" type="primary" onClick={save} data-testid={`lists-save-${list}`}>{t('common.save')}</Button>}>
      <Input.TextArea rows={12} value={text} onChange={(e) => setText(e.target.value)} data-testid={`lists-${list}`} />
    </Card>
  );
}
