import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { AttestFields } from '../../app/AttestFields';
import { SignatureCanvas, type SignatureHandle } from './SignatureCanvas';

/**
 * Signing a handover at the desk: the occupant signs on the canvas, the staff member signs by
 * signing in right here (the store checks both in the same call). A refusal clears the password.
 */
export function SignModal({ id, number, occupantName, onClose, onSigned }: { id: string; number: string; occupantName: string; onClose(): void; onSigned(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<{ name: string; staffUsername: string; staffPassword: string }>();
  const pad = useRef<SignatureHandle>(null);
  const [padEmpty, setPadEmpty] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(v: { name: string; staffUsername: string; staffPassword: string }) {
    const png = pad.current?.png();
    setPadEmpty(!png);
    if (!png) return;
    setBusy(true);
    try {
      await call('handovers.sign', { id, occupantMethod: 'drawn', occupantName: v.name, occupantPng: png, staffUsername: v.staffUsername, staffPassword: v.staffPassword });
      onSigned();
    } catch (e) {
      form.setFieldValue('staffPassword', '');
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open title={t('ho.sign.title', { number })} onCancel={onClose} onOk={() => form.submit()} okText={t('ho.sign.ok')} cancelText={t('common.cancel')}
      confirmLoading={busy} width={560} destroyOnHidden data-testid="sign-modal">
      <Form form={form} name="handover-sign" layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ name: occupantName }}>
        <Form.Item name="name" label={t('ho.sign.occupantName')} rules={[required]}><Input /></Form.Item>
        <SignatureCanvas ref={pad} />
        {padEmpty && <Alert type="error" showIcon message={t('ho.sign.padEmpty')} style={{ marginTop: 8 }} />}
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('ho.sign.staff')}</Typography.Title>
        <AttestFields userField="staffUsername" passwordField="staffPassword" userLabel={t('ho.sign.username')} passwordLabel={t('ho.sign.password')} />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
