import { Form, Input } from 'antd';
import { useI18n } from '../i18n';

/**
 * A second person signs in on the spot (a supervisor approving a void, a staff member signing
 * a handover): their own user name and password, inside the form that asks for them. The
 * store checks them with the one attest rule (db/auth/attest.ts).
 */
export function AttestFields({ userField, passwordField, userLabel, passwordLabel }: { userField: string; passwordField: string; userLabel: string; passwordLabel: string }) {
  const { t } = useI18n();
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name={userField} label={userLabel} rules={[required]}><Input autoComplete="off" /></Form.Item>
      <Form.Item name={passwordField} label={passwordLabel} rules={[required]}><Input.Password autoComplete="new-password" /></Form.Item>
    </>
  );
}
