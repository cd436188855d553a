import { Alert, Checkbox, Input, Modal, Radio, Typography } from 'antd';
import { Form } from '../../shared/Form';
import { createRef, useMemo, useState } from 'react';
import { call } from '../../api';
import { AttestFields } from '../../app/AttestFields';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { uploadFile } from '../../shared/transfer';
import { SignatureCanvas, type SignatureHandle } from './SignatureCanvas';
import './handovers.css';

export const TRANSFER_ROLES = ['handing', 'receiving', 'head_handing', 'head_receiving'] as const;
type Role = (typeof TRANSFER_ROLES)[number];
type SignForm = Record<string, string>;

/**
 * The four signatures of a transfer list, given at the desk: each person draws on their own pad,
 * or all four have signed the printed list on paper and its scanned sheet is attached once;
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
  const [method, setMethod] = useState<'drawn' | 'paper'>('drawn');
  const [scan, setScan] = useState<File | null>(null);
  const [noScan, setNoScan] = useState(false);
  /** the four drawings (none on paper); the empty pads, or a missing scan, are flagged at once, whatever else the form still lacks */
  const drawings = () => {
    const pngs = TRANSFER_ROLES.map((r) => (method === 'drawn' ? pads[r].current?.png() ?? undefined : undefined));
    setUndrawn(method === 'drawn' ? TRANSFER_ROLES.filter((_, n) => !pngs[n]) : []);
    setNoScan(method === 'paper' && !scan);
    return pngs;
  };
  const submit = async (v: SignForm) => {
    const pngs = drawings();
    if (method === 'drawn' ? pngs.some((p) => !p) : !scan) return;
    setBusy(true);
    const signers = TRANSFER_ROLES.map((role, n) => (outsider[role] ? { role, png: pngs[n], name: v[`${role}_name`] } : { role, png: pngs[n], username: v[`${role}_u`], password: v[`${role}_p`] }));
    try {
      // the signed sheet goes up as an ordinary upload and is attached by its hash
      const uploadId = method === 'paper' ? await uploadFile(scan!, () => {}) : undefined;
      await call('handovers.signTransfer', { id, method, uploadId, signers });
      onSigned();
    } catch (e) {
      for (const r of TRANSFER_ROLES) form.setFieldValue(`${r}_p`, '');
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('ho.tr.signTitle', { number })} onCancel={onClose} onOk={() => { drawings(); form.submit(); }} okText={t('ho.sign.ok')} cancelText={t('common.cancel')}
      confirmLoading={busy} width={980} destroyOnHidden maskClosable={false} data-testid="transfer-sign-modal">
      <Radio.Group value={method} onChange={(e) => { setMethod(e.target.value as 'drawn' | 'paper'); setUndrawn([]); setNoScan(false); }}
        data-testid="tr-sign-method" optionType="button" style={{ marginBottom: 12 }}
        options={[{ value: 'drawn', label: t('ho.tr.methodDrawn') }, { value: 'paper', label: t('ho.tr.methodPaper') }]} />
      <Alert type="info" showIcon message={t(method === 'drawn' ? 'ho.tr.signHelp' : 'ho.tr.paperHelp')} style={{ marginBottom: 12 }} />
      {method === 'paper' && (
        <label style={{ display: 'block', marginBottom: 12 }}>
          <Typography.Text>{t('ho.sign.paperFile')}</Typography.Text>
          <input type="file" accept="application/pdf,image/png,image/jpeg" data-testid="tr-sign-scan" style={{ display: 'block', marginTop: 6 }}
            onChange={(e) => { setScan(e.target.files?.[0] ?? null); setNoScan(false); }} />
          {noScan && <Alert type="error" showIcon message={t('ho.sign.paperMissing')} style={{ marginTop: 8 }} data-testid="tr-no-scan" />}
        </label>
      )}
      <Form form={form} name="transfer-sign" layout="vertical" requiredMark={false} onFinish={(v) => submit(v)}>
        <div className="ho-tr-signers">
          {TRANSFER_ROLES.map((role) => (
            <fieldset key={role} data-testid={`tr-signer-${role}`} className="ho-tr-signer">
              <Typography.Text strong>{t(`ho.tr.role.${role}`)}</Typography.Text>
              {method === 'drawn' && <SignatureCanvas ref={pads[role]} testId={`tr-pad-${role}`} height={110} hint={t('ho.tr.padHint')} />}
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
