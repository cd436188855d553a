import { Alert, Modal, type FormInstance } from 'antd';
import { Form } from '../../shared/Form';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../db/api/types';
import { ApiFailure } from '../../api';
import { errorText } from '../../app/errors';
import { useI18n } from '../../i18n';

/** Which form field a store refusal is about, so the message sits under that field. */
const FIELD_OF: Record<string, string> = {
  'registry.bad_area': 'area',
  'registry.duplicate_room': 'roomNo',
  'registry.duplicate_building': 'code',
  'registry.duplicate_unit': 'code',
  'registry.duplicate_parking': 'code',
  'registry.bad_id_number': 'idNumber',
  'registry.bad_plate': 'plate',
  'registry.unit_required': 'unitId',
  'registry.move_out_before_in': 'date',
  'registry.bad_phone': 'phone',
};

function fieldOf(error: ApiError, values: Record<string, unknown>): string | undefined {
  if (error.code === 'api.invalid_input') return String(error.params.field ?? '').split('.')[0];
  if (error.code === 'registry.bad_phone' && values.phone2 && String(values.phone2).trim() === String(error.params.value).trim() && values.phone !== values.phone2) return 'phone2';
  return FIELD_OF[error.code];
}

interface Props<T> {
  title: string;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  /** throws on refusal; the modal closes when it resolves */
  onSubmit(values: T): Promise<void>;
  /** after the closing animation: the owner unmounts the modal */
  onClose(): void;
  children: ReactNode;
  okText?: string;
  danger?: boolean;
  width?: number;
  testId?: string;
}

/**
 * A registry form in a modal: the first field has focus (autoFocus on it), Enter in any
 * text box submits, a client-side error focuses its field, a store refusal is shown in
 * the user's language under the field it concerns (or above the form), and on closing
 * the focus goes back to the button that opened it.
 */
export function FormModal<T extends object>(p: Props<T>) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  // Tell the owner exactly once that the modal is gone: after its closing animation, or when
  // the page under it goes away first (then there is no animation to wait for).
  const onClose = useRef(p.onClose);
  onClose.current = p.onClose;
  const closed = useRef(false);
  const unmountTimer = useRef<number | undefined>(undefined);
  const finishClose = () => {
    if (closed.current) return;
    closed.current = true;
    onClose.current();
  };
  useEffect(() => {
    // deferred, so that a StrictMode re-mount (cleanup then setup at once) does not count as closing
    const pending = unmountTimer.current;
    if (pending !== undefined) window.clearTimeout(pending);
    return () => { unmountTimer.current = window.setTimeout(finishClose, 0); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function finish(values: T) {
    setBusy(true);
    setError(null);
    try {
      await p.onSubmit(values);
      setOpen(false);
    } catch (e) {
      const field = e instanceof ApiFailure ? fieldOf(e.error, values as Record<string, unknown>) : undefined;
      if (field && p.form.getFieldInstance(field as never) !== undefined) {
        p.form.setFields([{ name: field as never, errors: [errorText(e, locale, t('common.error'))] }]);
        p.form.focusField(field as never);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={p.title}
      width={p.width ?? 560}
      onCancel={() => setOpen(false)}
      onOk={() => p.form.submit()}
      okText={p.okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: p.danger }}
      confirmLoading={busy}
      maskClosable={false}
      destroyOnHidden
      afterClose={() => {
        finishClose();
        if (opener?.isConnected) opener.focus();
      }}
    >
      {error !== null && <Alert type="error" showIcon data-testid="form-error" title={errorText(error, locale, t('common.error'))} style={{ marginBottom: 16 }} />}
      <Form<T> form={p.form} layout="vertical" initialValues={p.initialValues} onFinish={finish} requiredMark={false}
        scrollToFirstError={{ focus: true }} data-testid={p.testId}>
        {p.children}
        {/* Enter in any text box submits the form (implicit submission needs a submit button) */}
        <button type="submit" hidden tabIndex={-1} aria-hidden />
      </Form>
    </Modal>
  );
}
