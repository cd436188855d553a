/**
 * Reference codes: 一级类目.二级属类.三级属类—案卷顺序号, e.g. 3.4.07—12 = 文书类 /
 * 各类收文发文 / 综合行政部 / box 12. Staff type the dash in many ways; the canonical form
 * uses the em dash (—) as the manual prints it.
 */
export interface CodeParts {
  category: number;
  cls: number | null;
  department: string | null;
  seq: number | null;
}

export const CODE_DASH = '—';

export function formatCode(category: number, cls: number, department: string, seq: number): string {
  return `${category}.${cls}.${department}${CODE_DASH}${seq}`;
}

/** Why a typed code is not a code: the part that is wrong, for a message that explains. */
export type CodeProblem =
  | { part: 'category'; text: string }
  | { part: 'class'; text: string }
  | { part: 'department'; text: string }
  | { part: 'seq'; text: string }
  | { part: 'shape'; text: string };

/**
 * Parse a full or partial code as typed ("3", "3.4", "3.4.07", "3.4.07-12", "3.4.7—12",
 * "３．４．０７－１２"). Partial codes are prefixes for search. Returns the parts or the
 * first problem found.
 */
export function parseCode(input: string): { ok: true; parts: CodeParts } | { ok: false; problem: CodeProblem } {
  const text = input.trim()
    .replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[．。、]/g, '.')
    .replace(/\s*[-－–—―~～]+\s*/g, CODE_DASH);
  if (!text) return { ok: false, problem: { part: 'shape', text: input } };
  const [head, seqText, ...rest] = text.split(CODE_DASH);
  if (rest.length) return { ok: false, problem: { part: 'shape', text: input } };
  const levels = head!.split('.');
  if (levels.length > 3 || levels.some((l) => l === '')) return { ok: false, problem: { part: 'shape', text: input } };
  const [l1, l2, l3] = levels;
  if (!/^\d{1,2}$/.test(l1!)) return { ok: false, problem: { part: 'category', text: l1! } };
  if (l2 !== undefined && !/^\d{1,2}$/.test(l2)) return { ok: false, problem: { part: 'class', text: l2 } };
  if (l3 !== undefined && !/^\d{1,2}$/.test(l3)) return { ok: false, problem: { part: 'department', text: l3 } };
  if (seqText !== undefined && (l3 === undefined || !/^\d{1,5}$/.test(seqText) || Number(seqText) === 0)) {
    return { ok: false, problem: { part: l3 === undefined ? 'shape' : 'seq', text: seqText || input } };
  }
  return {
    ok: true,
    parts: {
      category: Number(l1),
      cls: l2 === undefined ? null : Number(l2),
      department: l3 === undefined ? null : l3.padStart(2, '0'),
      seq: seqText === undefined ? null : Number(seqText),
    },
  };
}
