import { App, Button, Input, InputNumber, Select } from 'antd';
import { Form } from '../../shared/Form';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { Refused } from '../../app/Refused';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { useI18n } from '../../i18n';

interface Fields {
  siteAddress: string;
  sitePhone: string;
  referenceRequired: ('wechat' | 'alipay' | 'card' | 'bank')[];
  dayReopen: 'supervisor' | 'never';
  dunningDueDays: number;
}

/** The site's till settings, for whoever manages settings: what receipts and notices print, references required, reopening a closed day. */
export function TillSettingsTab() {
  const loaded = useLoad(() => call('settings.get'), []);
  if (loaded.error) return <Refused error={loaded.error} />;
  return loaded.data ? <TillSettingsForm initial={loaded.data.settings} /> : null;
}

function TillSettingsForm({ initial }: { initial: Fields }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const showError = useShowError();
  const save = (v: Fields) => call('settings.update', { settings: v })
    .then(() => { void message.success(t('common.saved')); return session.refresh(); })
    .catch(showError);

  return (
    <Form<Fields> layout="vertical" style={{ maxWidth: 480 }} onFinish={(v) => save(v)} requiredMark={false} name="till-settings"
      initialValues={{ siteAddress: initial.siteAddress, sitePhone: initial.sitePhone, referenceRequired: initial.referenceRequired, dayReopen: initial.dayReopen,
        dunningDueDays: initial.dunningDueDays }}>
      <Form.Item name="siteAddress" label={t('fees.settings.address')} rules={[{ max: 100 }]}><Input /></Form.Item>
      <Form.Item name="sitePhone" label={t('fees.settings.phone')} rules={[{ max: 40 }]}><Input /></Form.Item>
      <Form.Item name="referenceRequired" label={t('fees.settings.refRequired')}>
        <Select mode="multiple" options={(['wechat', 'alipay', 'card', 'bank'] as const).map((m) => ({ value: m, label: t(`fees.method.${m}`) }))} />
      </Form.Item>
      <Form.Item name="dayReopen" label={t('fees.settings.reopen')}>
        <Select options={(['supervisor', 'never'] as const).map((v) => ({ value: v, label: t(`fees.settings.reopen.${v}`) }))} />
      </Form.Item>
      <Form.Item name="dunningDueDays" label={t('fees.settings.dueDays')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={1} max={90} precision={0} style={{ width: 120 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('common.save')}</Button>
    </Form>
  );
}
