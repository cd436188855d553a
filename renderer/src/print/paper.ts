/**
 * The papers a service-centre desk prints on. Sizes are the sheet as the printer sees it
 * (CSS @page size); `margin` is the printable inset. 241 mm continuous form is the
 * pin-feed stationery of receipt printers: 241 × 140 mm is half of its 11-inch page,
 * which is what a two-part (存根联 / 收据联) receipt tears off at.
 */
export type Paper = 'A4' | 'A4-landscape' | 'A5' | 'A5-landscape' | 'form-241';

export interface PaperSpec {
  widthMm: number;
  heightMm: number;
  marginMm: number;
}

export const PAPERS: Record<Paper, PaperSpec> = {
  A4: { widthMm: 210, heightMm: 297, marginMm: 12 },
  'A4-landscape': { widthMm: 297, heightMm: 210, marginMm: 12 },
  A5: { widthMm: 148, heightMm: 210, marginMm: 8 },
  'A5-landscape': { widthMm: 210, heightMm: 148, marginMm: 8 },
  'form-241': { widthMm: 241, heightMm: 140, marginMm: 6 },
};

/** The @page rule for a paper: the browser's print and Chromium's PDF both honour it. */
export function pageRule(paper: Paper): string {
  const p = PAPERS[paper];
  return `@page { size: ${p.widthMm}mm ${p.heightMm}mm; margin: ${p.marginMm}mm; }`;
}
