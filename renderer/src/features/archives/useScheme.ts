import type { OpOutput } from '../../../../db/api/types';
import { call } from '../../api';
import { useLoad } from '../../app/useLoad';

export type Scheme = OpOutput<'archives.scheme'>;
export type SchemeCategory = Scheme['categories'][number];

/** The site's classification scheme with counts; `reload` after filing an item. */
export function useScheme() {
  return useLoad(() => call('archives.scheme'), []);
}

/** Select options for the three levels of a code, from the scheme (active entries only when filing). */
export function levelOptions(scheme: Scheme | null, category: number | undefined, activeOnly: boolean) {
  const active = <T extends { active: number }>(xs: T[]) => (activeOnly ? xs.filter((x) => x.active === 1) : xs);
  const categories = active(scheme?.categories ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  const cat = scheme?.categories.find((c) => c.code === category);
  const classes = active(cat?.classes ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  const departments = active(scheme?.departments ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }));
  return { categories, classes, departments };
}
