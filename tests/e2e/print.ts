import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS } from './harness';

export const PRINTS = join(SHOTS, '..', 'prints');

export interface Printout {
  pdf: string;
  /** pdftotext -layout of the whole PDF */
  text: string;
  pages: number;
  /** page size in points, from pdfinfo, e.g. "419.528 x 595.276 pts" */
  size: string;
}

/**
 * What the print dialog would print: with a print preview open (renderer/src/print), print
 * media shows only #print-root on the paper its @page rule names. Chromium's page.pdf is
 * the same renderer Electron's printToPDF uses. Also writes page 1 as a PNG to look at.
 */
export async function printout(page: Page, name: string): Promise<Printout> {
  await page.locator('#print-root .print-sheet').waitFor({ state: 'attached' });
  // never while a print from the preview is still running (the browser refuses a second)
  await page.locator('#print-root:not([data-printing])').waitFor({ state: 'attached' });
  mkdirSync(PRINTS, { recursive: true });
  const pdf = join(PRINTS, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(PRINTS, name)]);
  return {
    pdf,
    text,
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0),
    size: /Page size:\s+(.+)/.exec(info)?.[1]?.trim() ?? '',
  };
}

/** A4 is 595 × 842 pt; A5 420 × 595; 241 × 140 mm is 683 × 397. */
export function mmToPt(mm: number): number {
  return (mm * 72) / 25.4;
}
