/**
 * What head office's import has done for each site, for the sync dashboard: the sequence
 * applied up to, the last file applied, the files refused. With a PostgreSQL server configured
 * the import keeps this on the server (hq.cursor, hq.batch, hq.refusal), shared by every
 * head-office PC; otherwise in this PC's store. A server that does not answer leaves the
 * dashboard on this PC's own record (the server card says the server is down), so enrolling
 * and approving sites never wait on it.
 */
import type { OpContext } from '../api/op.js';
import { closeHqPg, hqPgOf } from '../headoffice-pg/config.js';
import { pgRefusal, type HqPg } from '../headoffice-pg/connect.js';
import { cursorOf, type Peer } from './queries.js';

export interface SiteBook {
  applied: number;
  lastFile: { file: string; seq_to: number; at: string } | null;
  refused: { file: string; reason: string; detail: string; moved_to: string | null; at: string }[];
}

const REFUSALS_SHOWN = 20;

async function fromStore(ctx: OpContext, p: Peer): Promise<SiteBook> {
  const last = await ctx.trx.selectFrom('sync_batch').select(['file', 'seq_to', 'at']).where('direction', '=', 'in').where('writer_id', '=', p.writer_id)
    .orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
  const refused = await ctx.trx.selectFrom('sync_refusal').select(['file', 'reason', 'detail', 'moved_to', 'at']).where('writer_code', '=', p.code)
    .orderBy('at', 'desc').limit(REFUSALS_SHOWN).execute();
  return { applied: await cursorOf(ctx.trx, p.writer_id), lastFile: last ?? null, refused };
}

async function fromServer(hq: HqPg, p: Peer): Promise<SiteBook> {
  const cursor = await hq.db.selectFrom('hq.cursor').select('seq').where('site_id', '=', p.writer_id).executeTakeFirst();
  const last = await hq.db.selectFrom('hq.batch').select(['file', 'seq_to', 'at']).where('site_id', '=', p.writer_id)
    .orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
  const refused = await hq.db.selectFrom('hq.refusal').select(['file', 'reason', 'detail', 'moved_to', 'at']).where('writer_code', '=', p.code)
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(REFUSALS_SHOWN).execute();
  return { applied: Number(cursor?.seq ?? 0), lastFile: last ?? null, refused };
}

/** Each site's import record, by writer id: from the server when one is configured and answers, else from this store. */
export async function importBooks(ctx: OpContext, sites: readonly Peer[]): Promise<Map<string, SiteBook>> {
  try {
    const hq = await hqPgOf(ctx.store);
    if (hq) {
      const out = new Map<string, SiteBook>();
      for (const p of sites) out.set(p.writer_id, await fromServer(hq, p));
      return out;
    }
  } catch (e) {
    // down or unreachable (its pooled connections dead): the server card says why
    if (!pgRefusal(e, '')) throw e;
    await closeHqPg(ctx.store);
  }
  const out = new Map<string, SiteBook>();
  for (const p of sites) out.set(p.writer_id, await fromStore(ctx, p));
  return out;
}
