import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { errorText } from '../../app/errors';
import { useI18n } from '../../i18n';

/** As a code is typed, say what each part means on this site, or what is wrong with it. */
export function CodeExplain({ code }: { code: string }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState<{ ok: boolean; words: string } | null>(null);

  useEffect(() => {
    const typed = code.trim();
    if (!typed) {
      setText(null);
      return;
    }
    const timer = window.setTimeout(() => {
      call('archives.explainCode', { code: typed }).then(
        (e) => setText({ ok: true, words: [e.categoryName, e.className, e.departmentName, e.seq === null ? null : t('arch.seqNo', { seq: e.seq })].filter(Boolean).join(' / ') }),
        (err: unknown) => setText({ ok: false, words: errorText(err, locale, t('common.error')) }),
      );
    }, 150);
    return () => window.clearTimeout(timer);
  }, [code, locale, t]);

  if (!text) return null;
  return <Typography.Text type={text.ok ? 'secondary' : 'danger'} data-testid="code-explain">{text.words}</Typography.Text>;
}
