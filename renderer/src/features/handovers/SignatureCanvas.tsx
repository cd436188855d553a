import { Button, Flex, Typography } from 'antd';
import SignaturePad from 'signature_pad';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { useI18n } from '../../i18n';

export interface SignatureHandle {
  /** the drawing as a PNG data URL, or null when nothing is drawn */
  png(): string | null;
}

/** A signature drawn with mouse, pen or touch on a canvas (signature_pad). */
export const SignatureCanvas = forwardRef<SignatureHandle, { testId?: string; height?: number; hint?: string }>(function SignatureCanvas({ testId = 'signature-pad', height = 160, hint }, ref) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  useEffect(() => {
    const c = canvas.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')!.scale(ratio, ratio);
    const p = new SignaturePad(c, { penColor: '#1a1a1a', minWidth: 1, maxWidth: 2.6 });
    pad.current = p;
    return () => p.off();
  }, []);
  useImperativeHandle(ref, () => ({ png: () => (pad.current && !pad.current.isEmpty() ? pad.current.toDataURL('image/png') : null) }), []);
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{hint ?? t('ho.sign.pad')}</Typography.Text>
      <canvas ref={canvas} data-testid={testId} style={{ width: '100%', height, border: '1px dashed #8c8c8c', borderRadius: 6, background: '#fff', touchAction: 'none' }} />
      <Button size="small" style={{ alignSelf: 'flex-end' }} onClick={() => pad.current?.clear()}>{t('ho.sign.clear')}</Button>
    </Flex>
  );
});
