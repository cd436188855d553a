import type { Migration } from 'kysely';
import * as m0001 from './2026_12_05_0001_hq_bookkeeping.js';
import * as m0002 from './2026_12_05_0002_hq_reports.js';
import * as m0003 from './2026_12_05_0003_hq_screen_indexes.js';
import * as m0004 from './2026_12_06_0004_hq_catalogue_order.js';
import * as m0005 from './2026_12_06_0005_hq_month_figures.js';
import * as m0006 from './2026_12_06_0006_hq_catalogue_site_trigram.js';
import * as m0007 from './2026_12_06_0007_hq_catalogue_word_statistics.js';
import * as m0008 from './2026_12_06_0008_hq_batch_file.js';
import * as m0009 from './2026_12_07_0009_hq_catalogue_open_order.js';
import * as m0010 from './2026_12_07_0010_hq_catalogue_company_search.js';

/**
 * Head office's PostgreSQL migrations, in the order they run (recorded in
 * hq.kysely_migration). The site tables are mirrored from the desk's schema between the
 * first and the rest (mirror.ts): the views read them.
 */
export const FIRST = '2026_12_05_0001_hq_bookkeeping';
export const hqPgMigrations: Record<string, Migration> = {
  '2026_12_05_0001_hq_bookkeeping': m0001,
  '2026_12_05_0002_hq_reports': m0002,
  '2026_12_05_0003_hq_screen_indexes': m0003,
  '2026_12_06_0004_hq_catalogue_order': m0004,
  '2026_12_06_0005_hq_month_figures': m0005,
  '2026_12_06_0006_hq_catalogue_site_trigram': m0006,
  '2026_12_06_0007_hq_catalogue_word_statistics': m0007,
  '2026_12_06_0008_hq_batch_file': m0008,
  '2026_12_07_0009_hq_catalogue_open_order': m0009,
  '2026_12_07_0010_hq_catalogue_company_search': m0010,
};
