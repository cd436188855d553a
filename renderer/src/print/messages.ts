/** The print preview's words, merged into both catalogues (renderer/src/i18n). */
export const printZh = {
  'print.print': '打印',
  'print.savePdf': '存为 PDF',
  'print.saved': '已保存：{path}',
  'print.browserPdfHint': '在打印对话框的“目标打印机”中选择“另存为 PDF”。',
  'print.paper.A4': 'A4 纵向',
  'print.paper.A4-landscape': 'A4 横向',
  'print.paper.A5': 'A5 纵向',
  'print.paper.A5-landscape': 'A5 横向',
  'print.paper.form-241': '241 mm 连续打印纸',
} as const;

export const printEn: Record<keyof typeof printZh, string> = {
  'print.print': 'Print',
  'print.savePdf': 'Save as PDF',
  'print.saved': 'Saved: {path}',
  'print.browserPdfHint': 'In the print dialog, choose “Save as PDF” as the destination.',
  'print.paper.A4': 'A4 portrait',
  'print.paper.A4-landscape': 'A4 landscape',
  'print.paper.A5': 'A5 portrait',
  'print.paper.A5-landscape': 'A5 landscape',
  'print.paper.form-241': '241 mm continuous form',
};
