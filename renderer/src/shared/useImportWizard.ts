import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../app/errors';
import { useI18n } from '../i18n';
import { discardFile, downloadFile, uploadFile } from './transfer';
import { useJobRun } from './useJobRun';
import type { UploadState } from './WizardParts';

export type WizardStep = 'file' | 'map' | 'check' | 'import';
export const WIZARD_STEPS: WizardStep[] = ['file', 'map', 'check', 'import'];

/** What every spreadsheet import learns of a file before mapping its columns. */
export interface InspectedSheet<Field extends string = string> {
  file: { name: string };
  sheets: { name: string; rows: number }[];
  sheet: string;
  headerRow: number;
  columns: { index: number; letter: string; header: string }[];
  preview: { row: number; cells: string[] }[];
  dataRows: number;
  recognised: number;
  fields: { key: Field; zh: string; en: string }[];
  suggestion: Partial<Record<Field, number>>;
}

/**
 * The part every import wizard shares: the steps, the chunked upload of the chosen file,
 * its inspection (again when the sheet or header row changes), the column mapping, the
 * long steps run as jobs, and the files the wizard made — forgotten when it closes.
 * Each wizard adds its own checks, apply step and result on top.
 */
export function useImportWizard<I extends InspectedSheet>(opts: {
  open: boolean;
  inspect(args: { uploadId: string; sheet?: string; headerRow?: number }): Promise<I>;
  /** Called with each new inspection, after the mapping took its suggestion. */
  onInspected?(ins: I): void;
  /** Clears the wizard's own state when it starts again. */
  onReset?(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<WizardStep>('file');
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [inspected, setInspected] = useState<I | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<I['fields'][number]['key'], number>>>({});
  const [busy, setBusy] = useState(false);
  const files = useRef<string[]>([]);
  const jobs = useJobRun();

  function reset() {
    setStep('file');
    setUpload(null);
    setUploadId(null);
    setInspected(null);
    setMapping({});
    jobs.setError(null);
    jobs.setJob(null);
    jobs.setCancelled(false);
    opts.onReset?.();
  }

  useEffect(() => {
    if (opts.open) return;
    for (const id of files.current.splice(0)) discardFile(id);
    reset();
  }, [opts.open]);

  function took(ins: I) {
    setInspected(ins);
    setMapping(ins.suggestion);
    opts.onInspected?.(ins);
  }

  async function choose(file: File) {
    reset();
    setBusy(true);
    setUpload({ name: file.name, sent: 0, total: file.size });
    try {
      const id = await uploadFile(file, (sent, total) => setUpload({ name: file.name, sent, total }));
      files.current.push(id);
      setUploadId(id);
      took(await opts.inspect({ uploadId: id }));
      setStep('map');
    } catch (e) {
      setUpload(null); // refused (too large, not a spreadsheet…): the message says why
      jobs.fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function reinspect(sheet: string, headerRow?: number) {
    if (!uploadId) return;
    setBusy(true);
    jobs.setError(null);
    try {
      took(await opts.inspect({ uploadId, sheet, headerRow }));
    } catch (e) {
      jobs.fail(e);
    } finally {
      setBusy(false);
    }
  }

  /** Keeps a file the server made (an error report) to be forgotten with the wizard. */
  const keep = (fileId: string) => files.current.push(fileId);

  async function saveReport(fileId: string | undefined) {
    if (!fileId) return;
    try {
      await downloadFile(fileId);
    } catch (e) {
      void message.error(errorText(e, locale, t('common.error')));
    }
  }

  /** Back one step after a cancelled or failed job, its message cleared. */
  function back(to: WizardStep) {
    setStep(to);
    jobs.setError(null);
    jobs.setCancelled(false);
  }

  const sheetRequest = () => ({ uploadId: uploadId!, sheet: inspected!.sheet, headerRow: inspected!.headerRow, mapping });
  const running = busy || jobs.job !== null;
  return { ...jobs, step, setStep, upload, inspected, mapping, setMapping, running, reset, choose, reinspect, keep, saveReport, back, sheetRequest };
}
