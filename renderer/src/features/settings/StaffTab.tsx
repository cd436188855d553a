import { App, Button, Flex, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { Form } from '../../shared/Form';
import { useState } from 'react';
import type { OpOutput, Role } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { passwordRule } from '../../app/PasswordFields';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { deskInstantNow, siteClock } from '../../time/deskTime';
import { useI18n } from '../../i18n';

type StaffRow = OpOutput<'staff.list'>[number];
const ROLE_LIST: Role[] = ['receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin'];
type Dialog = { kind: 'create' } | { kind: 'edit'; row: StaffRow } | { kind: 'password'; row: StaffRow } | null;

export function StaffTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, loading, reload } = useLoad(() => call('staff.list'), []);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const roleOptions = ROLE_LIST.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const now = deskInstantNow(); // a lock ends by the desk's clock

  if (error) return <Refused error={error} />;

  async function save(v: Record<string, string | boolean>) {
    try {
      if (dialog?.kind === 'create') {
        await call('staff.create', { username: String(v.username), displayName: String(v.displayName), role: v.role as Role, password: String(v.password) });
        void message.success(t('staff.created'));
      } else if (dialog?.kind === 'edit') {
        await call('staff.update', { id: dialog.row.id, displayName: String(v.displayName), role: v.role as Role, active: Boolean(v.active) });
        void message.success(t('common.saved'));
      } else if (dialog?.kind === 'password') {
        await call('staff.resetPassword', { id: dialog.row.id, password: String(v.password) });
        void message.success(t('staff.passwordReset'));
      }
      setDialog(null);
      await reload();
    } catch (e) {
      showError(e);
    }
  }

  function open(d: NonNullable<Dialog>) {
    form.resetFields();
    if (d.kind === 'edit') form.setFieldsValue({ displayName: d.row.display_name, role: d.row.role, active: d.row.active === 1 });
    setDialog(d);
  }

  const required = { required: true, message: t('common.required') };

  return (
    <Flex vertical gap={12}>
      <Flex><Button type="primary" onClick={() => open({ kind: 'create' })} data-testid="staff-create">{t('staff.create')}</Button></Flex>
      <Table<StaffRow> rowKey="id" loading={loading} dataSource={data ?? []} pagination={false} size="middle"
        columns={[
          { title: t('staff.username'), dataIndex: 'username' },
          { title: t('staff.displayName'), dataIndex: 'display_name' },
          { title: t('staff.role'), dataIndex: 'role', render: (r: Role) => <Tag color="blue">{t(`role.${r}`)}</Tag> },
          {
            title: t('staff.status'),
            render: (_, r) => (
              <Flex gap={4}>
                {r.active ? <Tag color="green">{t('staff.active')}</Tag> : <Tag>{t('staff.disabled')}</Tag>}
                {r.locked_until && r.locked_until > now && <Tag color="red">{t('staff.lockedUntil', { until: siteClock(r.locked_until) })}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => open({ kind: 'edit', row: r })}>{t('staff.edit')}</Button>
                <Button size="small" onClick={() => open({ kind: 'password', row: r })}>{t('staff.resetPassword')}</Button>
                {r.locked_until && r.locked_until > now && (
                  <Button size="small" onClick={() => call('staff.unlockAccount', { id: r.id }).then(() => { void message.success(t('staff.unlocked')); return reload(); }, showError)}>
                    {t('staff.unlock')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <Modal open={dialog !== null} title={dialog?.kind === 'create' ? t('staff.create') : dialog?.kind === 'password' ? t('staff.resetPassword') : t('staff.edit')}
        onCancel={() => setDialog(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden forceRender
        // the dialog's body is rendered while hidden (forceRender), so autoFocus cannot take: the
        // first field the person types into gets the cursor once the dialog is open, unless they
        // have already clicked into a field
        afterOpenChange={(shown) => {
          if (shown && !(document.activeElement instanceof HTMLInputElement)) form.focusField(dialog?.kind === 'create' ? 'username' : dialog?.kind === 'password' ? 'password' : 'displayName');
        }}>
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          {dialog?.kind === 'create' && (
            <Form.Item name="username" label={t('staff.username')} rules={[required, { pattern: /^[A-Za-z0-9._-]{2,32}$/ }]}><Input autoFocus /></Form.Item>
          )}
          {dialog?.kind !== 'password' && (
            <>
              <Form.Item name="displayName" label={t('staff.displayName')} rules={[required, { max: 50 }]}><Input autoFocus={dialog?.kind === 'edit'} /></Form.Item>
              <Form.Item name="role" label={t('staff.role')} rules={[required]}><Select options={roleOptions} data-testid="staff-role" /></Form.Item>
            </>
          )}
          {dialog?.kind === 'edit' && <Form.Item name="active" label={t('staff.status')} valuePropName="checked"><Switch checkedChildren={t('staff.active')} unCheckedChildren={t('staff.disabled')} /></Form.Item>}
          {dialog?.kind !== 'edit' && (
            <Form.Item name="password" label={dialog?.kind === 'password' ? t('staff.newPassword') : t('login.password')} extra={t('setup.passwordRule')} rules={[required, passwordRule(t)]}>
              <Input.Password autoFocus={dialog?.kind === 'password'} autoComplete="new-password" />
            </Form.Item>
          )}
          {/* the modal's OK button is outside the form: this lets Enter in any field submit */}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </Flex>
  );
}
