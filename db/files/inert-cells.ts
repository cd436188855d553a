/**
 * Text a spreadsheet would run as a formula: it starts with =, +, - or @ (or a tab or a
 * carriage return, which some programs skip before looking). Every Excel export writes such
 * text with a leading apostrophe, so it stays text when the file is opened, and also after
 * it is saved again as CSV and reopened. Numbers and dates are left as they are.
 */
const RUNNABLE = /^[=+\-@\t\r]/;

/** A cell value as an export writes it. */
export function inertCell<T>(value: T): T | string {
  return typeof value === 'string' && RUNNABLE.test(value) ? `'${value}` : value;
}

/** A row of cell values as an export writes them. */
export function inertRow<T>(values: readonly T[]): (T | string)[] {
  return values.map(inertCell);
}

/** Reading our own export back (an import): the text as it was before inertCell. */
export function fromInertText(text: string): string {
  return text.length > 1 && text[0] === "'" && RUNNABLE.test(text.slice(1)) ? text.slice(1) : text;
}
