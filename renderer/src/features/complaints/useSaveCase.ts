import { App } from 'antd';
import { useState } from 'react';
import type { OpInput } from '../../../../db/api/types';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { navigate } from '../../app/route';
import { useI18n } from '../../i18n';
import { at } from './labels';

/** Log a case as every intake form does: say its number and deadline, then open it so it can be dispatched at once. */
export function useSaveCase() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  async function save(input: OpInput<'complaints.create'>) {
    setSaving(true);
    try {
      const made = await call('complaints.create', input);
      void message.success(t('cmp.saved', { no: made.caseNo, due: at(made.dueAt) }));
      navigate(`/complaints/case/${made.id}`);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  }
  return { save, saving };
}
