import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n, type Translate } from '../i18n';

/** The site's password rule (the store checks the same: 8+ characters, letters and digits). */
export function passwordRule(t: Translate): Rule {
  return { pattern: /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/, message: t('setup.passwordRule') };
}

/** A new password typed twice, with the rule and the match checked as the user types. */
export function NewPasswordFields({ name, confirmName, label, confirmLabel }: { name: string; confirmName: string; label: string; confirmLabel: string }) {
  const { t } = useI18n();
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name={name} label={label} extra={t('setup.passwordRule')} rules={[required, passwordRule(t)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name={confirmName} label={confirmLabel} dependencies={[name]}
        rules={[required, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('setup.passwordMismatch')))) })]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
