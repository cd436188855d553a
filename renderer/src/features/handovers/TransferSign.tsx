import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { createRef, useMemo, useState } from 'react';
import { call } from '../../api';
import { AttestFields } from '../../app/AttestFields';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { SignatureCanvas, type SignatureHandle } from './SignatureCanvas';
import './handovers.css';

export const TRANSFER_ROLES = ['handing', 'receiving', 'head_handing', 'head_receiving'] as const;
type Role = (typeof TRANSFER_ROLES)[number];
type SignForm = Record<string, string>;

/**
 * The four signatures of a transfer list, given at the desk: each person draws on their own pad;
 * staff of this store sign in on the spot as well, and a signer without an account here (a head at
 * the company) gives a name instead — never the receiver, who files what is handed over. A
 * refusal clears the passwords; a click beside the dialog does not throw the drawings away.
 */
export function TransferSignModal({ id, number, onClose, onSigned }: { id: string; number: string; onClose(): void; onSigned(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<SignForm>();
  const pads = useMemo(() => Object.fromEntries(TRANSFER_ROLES.map((r) => [r, createRef<SignatureHandle>()])) as Record<Role, React.RefObject<SignatureHandle | null>>, []);
  const [outsider, setOutsider] = useState<Partial<Record<Role, boolean>>>({});
  const [undrawn, setUndrawn] = useState<Role[]>([]);
  const [busy, setBusy] = useState(false);
  /** the four drawings; the empty pads are flagged at once, whatever else the form still lacks */
  const drawings = () => {
    const pngs = TRANSFER_ROLES.map((r) => pads[r].current?.png() ?? undefined);
    setUndrawn(TRANSFER_ROLES.filter((_, n) => !pngs[n]));
    return pngs;
  };
  const submit = (v: SignForm) => {
    const pngs = drawings();
    if (pngs.some((p) => !p)) return;
    setBusy(true);
    const signers = TRANSFER_ROLES.map((role, n) => (outsider[role] ? { role, png: pngs[n], name: v[`${role}_name`] } : { role, png: pngs[n], username: v[`${role}_u`], password: v[`${role}_p`] }));
    void call('handovers.signTransfer', { id, signers })
      .then(onSigned, (e) => { for (const r of TRANSFER_ROLES) form.setFieldValue(`${r}_p`, ''); showError(e); })
      .finally(() => setBusy(false));
  };
  return (
    <Modal open title={t('ho.tr.signTitle', { number })} onCancel={onClose} onOk={() => { drawings(); form.submit(); }} okText={t('ho.sign.ok')} cancelText={t('common.cancel')}
      confirmLoading={busy} width={980} destroyOnHidden maskClosable={false} data-testid="transfer-sign-modal">
      <Alert type="info" showIcon message={t('ho.tr.signHelp')} style={{ marginBottom: 12 }} />
      <Form form={form} name="transfer-sign" layout="vertical" requiredMark={false} onFinish={submit}>
        <div className="ho-tr-signers">
          {TRANSFER_ROLES.map((role) => (
            <fieldset key={role} data-testid={`tr-signer-${role}`} className="ho-tr-signer">
              <Typography.Text strong>{t(`ho.tr.role.${role}`)}</Typography.Text>
              <SignatureCanvas ref={pads[role]} testId={`tr-pad-${role}`} height={110} hint={t('ho.tr.padHint')} />
              {undrawn.includes(role) && <Alert type="error" showIcon message={t('ho.sign.padEmpty')} data-testid={`tr-undrawn-${role}`} />}
              {role !== 'receiving' && (
                <Checkbox checked={!!outsider[role]} onChange={(e) => setOutsider({ ...outsider, [role]: e.target.checked })} data-testid={`tr-outsider-${role}`}>{t('ho.tr.outsider')}</Checkbox>
              )}
              {outsider[role]
                ? <Form.Item name={`${role}_name`} label={t('ho.tr.signerName')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={40} /></Form.Item>
                : <AttestFields userField={`${role}_u`} passwordField={`${role}_p`} userLabel={t('ho.sign.username')} passwordLabel={t('ho.sign.password')} />}
            </fieldset>
          ))}
        </div>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
