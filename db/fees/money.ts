/**
 * Money at the desk, in integers only: amounts are fen (分), unit prices are 1/10000 yuan
 * ("e4", so 0.538 元/度 is 5380), quantities are hundredths. Text typed by a person is
 * parsed digit by digit, never through a float. Pure: the renderer uses the same rules.
 */

/** The largest amount the desk accepts on one line or one receipt: 99,999,999.99 元. */
export const MAX_FEN = 9_999_999_999;

const YUAN_RE = /^(\d{1,8})(?:\.(\d{0,2}))?$/;

/**
 * "1234.5" / "1,234.50" / "￥12" → fen. Null when it is not a plain non-negative amount
 * with at most two decimals (a minus sign, a third decimal, letters, or above MAX_FEN).
 */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const m = YUAN_RE.exec(t);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

/** A unit price with up to four decimals, "2.35" / "0.538" → 1/10000 yuan. Null if malformed. */
export function parsePrice(text: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{0,4}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** fen → "1,234.50" (with thousands separators) */
export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${yuan}.${String(a % 100).padStart(2, '0')}`;
}

/** 1/10000 yuan → "0.538" (trailing zeros trimmed, at least two decimals) */
export function formatPrice(e4: number): string {
  const s = `${Math.floor(e4 / 10000)}.${String(e4 % 10000).padStart(4, '0')}`;
  return s.replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1');
}

/**
 * One bill line's amount: quantity (hundredths) × unit price (1/10000 yuan), rounded to
 * the fen half up. quantity_centi × price_e4 is in 1/1,000,000 yuan = 1/10000 fen. BigInt
 * so no product can lose a digit. The bill generator does the same in SQL: (q*p + 5000) / 10000.
 */
export function lineAmount(quantityCenti: number, priceE4: number): number {
  if (!Number.isSafeInteger(quantityCenti) || !Number.isSafeInteger(priceE4) || quantityCenti < 0 || priceE4 < 0) {
    throw new RangeError('quantity and price must be non-negative integers');
  }
  return Number((BigInt(quantityCenti) * BigInt(priceE4) + 5000n) / 10000n);
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const IN_GROUP = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿'];

/** 0–9999 in capitals without leading zeros: 1010 → 壹仟零壹拾 */
function group4(n: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + IN_GROUP[pos]!;
  }
  return out;
}

/**
 * The amount in Chinese capital numerals as written on a receipt (大写金额):
 * 123450 → 壹仟贰佰叁拾肆元伍角整; 100 → 壹元整; 105 → 壹元零伍分; 0 → 零元整;
 * 1000010000 fen → 壹仟万零壹佰元整; 10700053 → 壹拾万柒仟元零伍角叁分. Zeros inside collapse to one 零; an amount with
 * no 分 ends in 整. Up to 9999 亿 yuan; negative amounts are refused.
 */
export function capitalAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('capitalAmount takes a non-negative integer fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (yuan >= 10 ** 12) throw new RangeError('amount too large');
  let int = '';
  let pendingZero = false;
  for (let g = 2; g >= 0; g--) {
    const part = Math.floor(yuan / 10 ** (4 * g)) % 10000;
    if (part === 0) {
      if (int) pendingZero = true;
      continue;
    }
    if (int && (pendingZero || part < 1000)) int += '零';
    pendingZero = false;
    int += group4(part) + GROUPS[g]!;
  }
  if (fen === 0) return '零元整';
  let out = int ? `${int}元` : '';
  // The payment-settlement rules' worked examples (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分,
  // ¥107,000.53 → 壹拾万柒仟元零伍角叁分): a zero in the yuan place before a 角 is written
  // as one 零 after 元, which is what auditors compare against.
  if (jiao) out += `${int && yuan % 10 === 0 ? '零' : ''}${DIGITS[jiao]}角`;
  else if (fenDigit && int) out += '零';
  if (fenDigit) out += `${DIGITS[fenDigit]}分`;
  else out += '整';
  return out;
}
