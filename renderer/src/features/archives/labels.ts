import type { Translate } from '../../i18n';

export const RETENTIONS = ['permanent', '30', '25', '15', '10', '5'] as const;
export const FORMS = ['paper', 'photo', 'audio', 'video', 'disc', 'object'] as const;
export const STATUSES = ['in', 'out', 'destroyed'] as const;
export const CONFIDENTIALITY = ['public', 'internal', 'restricted'] as const;

export const retentionOptions = (t: Translate) => RETENTIONS.map((r) => ({ value: r, label: t(`arch.ret.${r}`) }));
export const formOptions = (t: Translate) => FORMS.map((f) => ({ value: f, label: t(`arch.form.${f}`) }));
export const statusOptions = (t: Translate) => STATUSES.map((s) => ({ value: s, label: t(`arch.status.${s}`) }));
export const confidentialityOptions = (t: Translate) => CONFIDENTIALITY.map((c) => ({ value: c, label: t(`arch.conf.${c}`) }));
