import { Alert, Input, Modal, Radio, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { useRef, useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { AttestFields } from '../../app/AttestFields';
import { uploadFile } from '../../shared/transfer';
import { SignatureCanvas, type SignatureHandle } from './SignatureCanvas';

/**
 * Signing a handover at the desk: the occupant signs on the canvas, the staff member signs by
 * signing in right here (the store checks both in the same call). A refusal clears the password.
 * A click beside the dialog does not close it: a signature half drawn is not thrown away by a slip of the pen.
 */
export function SignModal({ id, number, occupantName, onClose, onSigned }: { id: string; number: string; occupantName: string; onClose(): void; onSigned(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<{ name: string; staffUsername: string; staffPassword: string }>();
  const pad = useRef<SignatureHandle>(null);
  const [padEmpty, setPadEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [method, setMethod] = useState<'drawn' | 'paper'>('drawn');
  const [scan, setScan] = useState<File | null>(null);

  async function submit(v: { name: string; staffUsername: string; staffPassword: string }) {
    const png = method === 'drawn' ? pad.current?.png() ?? undefined : undefined;
    setPadEmpty(method === 'drawn' ? !png : !scan);
    if (method === 'drawn' ? !png : !scan) return;
    setBusy(true);
    try {
      // a sheet signed on paper goes up as an ordinary upload and is attached by its hash
      const uploadId = method === 'paper' ? await uploadFile(scan!, () => {}) : undefined;
      await call('handovers.sign', { id, occupantMethod: method, occupantName: v.name, occupantPng: png, occupantUploadId: uploadId, staffUsername: v.staffUsername, staffPassword: v.staffPassword });
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
      confirmLoading={busy} width={560} destroyOnHidden maskClosable={false} data-testid="sign-modal">
      <Form form={form} name="handover-sign" layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ name: occupantName }}>
        <Form.Item name="name" label={t('ho.sign.occupantName')} rules={[required]}><Input /></Form.Item>
        <Form.Item label={t('ho.sign.method')}>
          <Radio.Group value={method} onChange={(e) => { setMethod(e.target.value as 'drawn' | 'paper'); setPadEmpty(false); }} data-testid="sign-method"
            options={[{ value: 'drawn', label: t('ho.sign.drawn') }, { value: 'paper', label: t('ho.sign.paper') }]} />
        </Form.Item>
        {method === 'drawn' ? <SignatureCanvas ref={pad} /> : (
          <label style={{ display: 'block' }}>
            <Typography.Text>{t('ho.sign.paperFile')}</Typography.Text>
            <input type="file" accept="application/pdf,image/png,image/jpeg" data-testid="sign-scan" style={{ display: 'block', marginTop: 6 }}
              onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
          </label>
        )}
        {padEmpty && <Alert type="error" showIcon message={t(method === 'drawn' ? 'ho.sign.padEmpty' : 'ho.sign.paperMissing')} style={{ marginTop: 8 }} />}
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('ho.sign.staff')}</Typography.Title>
        <AttestFields userField="staffUsername" passwordField="staffPassword" userLabel={t('ho.sign.username')} passwordLabel={t('ho.sign.password')} />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
