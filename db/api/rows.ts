import { uuidv7 } from '../ids.js';

/** The id, site and stamps every new row of site data starts with. */
export function newRow(siteId: string, now: Date) {
  const at = now.toISOString();
  return { id: uuidv7(now.getTime()), site_id: siteId, created_at: at, updated_at: at };
}
