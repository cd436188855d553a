/**
 * ExcelJS, loaded the first time a workbook is written or read, not when the desk starts:
 * loading it is about a sixth of the program's start-up, and most sessions open no ledger.
 */
import type ExcelJS from 'exceljs';

export type ExcelModule = typeof ExcelJS;

let loading: Promise<ExcelModule> | null = null;

export function excel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((m) => m.default); // a CommonJS package: its exports are the default
  return loading;
}
