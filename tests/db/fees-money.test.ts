/** Money helpers: integer fen from typed text, half-up rounding per line, and 大写金额 on the hard cases. */
import { describe, expect, it } from 'vitest';
import { MAX_FEN, capitalAmount, formatPrice, formatYuan, lineAmount, parsePrice, parseYuan } from '../../db/fees/money.js';

describe('parseYuan', () => {
  it('reads amounts digit by digit into fen', () => {
    expect(parseYuan('1234.5')).toBe(123450);
    expect(parseYuan('1,234.50')).toBe(123450);
    expect(parseYuan('￥12')).toBe(1200);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan(' 0.1 ')).toBe(10);
    // the classic float trap: 0.1 + 0.2 and 1.005 stay exact
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('99999999.99')).toBe(MAX_FEN);
  });
  it('refuses negative, malformed and absurd amounts', () => {
    for (const bad of ['-1', '1.234', 'abc', '', '1e5', '100000000', '1..2', '١٢', 'NaN', 'Infinity', '0x10']) expect(parseYuan(bad), bad).toBeNull();
  });
});

describe('prices and formatting', () => {
  it('parses prices to 1/10000 yuan and prints them back', () => {
    expect(parsePrice('2.35')).toBe(23500);
    expect(parsePrice('0.538')).toBe(5380);
    expect(parsePrice('1.2345')).toBe(12345);
    expect(parsePrice('1.23456')).toBeNull();
    expect(parsePrice('-1')).toBeNull();
    expect(formatPrice(23500)).toBe('2.35');
    expect(formatPrice(5380)).toBe('0.538');
    expect(formatPrice(12345)).toBe('1.2345');
    expect(formatPrice(10000)).toBe('1.00');
    expect(formatYuan(123450)).toBe('1,234.50');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(MAX_FEN)).toBe('99,999,999.99');
  });
});

describe('lineAmount rounds each line to the fen, half up', () => {
  it('rounds .5 fen up and below .5 down', () => {
    // 89.50 m² × 2.35 元 = 210.325 元 → 210.33
    expect(lineAmount(8950, 23500)).toBe(21033);
    // 89.49 m² × 2.35 = 210.3015 → 210.30
    expect(lineAmount(8949, 23500)).toBe(21030);
    // 1 度 × 0.005 元 = 0.5 fen → 1 fen; 0.0049 → 0
    expect(lineAmount(100, 50)).toBe(1);
    expect(lineAmount(100, 49)).toBe(0);
    // 123.45 吨 × 3.45 = 425.9025 → 425.90
    expect(lineAmount(12345, 34500)).toBe(42590);
    expect(lineAmount(0, 23500)).toBe(0);
  });
  it('keeps every digit of large products', () => {
    expect(lineAmount(100_000_000, 10_000_000_000)).toBe(100_000_000_000_000); // 1,000,000 m² × 1,000,000 元: the product (1e18) is past 2^53
  });
  it('refuses negative or fractional inputs', () => {
    expect(() => lineAmount(-1, 100)).toThrow(RangeError);
    expect(() => lineAmount(1.5, 100)).toThrow(RangeError);
  });
});

describe('capitalAmount (大写金额)', () => {
  const cases: [number, string][] = [
    [0, '零元整'],
    [100, '壹元整'],
    [123450, '壹仟贰佰叁拾肆元伍角整'], // domain.md's example: 角 without 分 ends in 整
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [105, '壹元零伍分'],
    [50, '伍角整'],
    [5, '伍分'],
    [55, '伍角伍分'],
    [1000, '壹拾元整'],
    [1050, '壹拾元零伍角整'], // a zero in the yuan place before 角: one 零 after 元, as the settlement rules' examples write it
    [45066, '肆佰伍拾元零陆角陆分'],
    [168032, '壹仟陆佰捌拾元零叁角贰分'], // the settlement rules' worked example
    [10700053, '壹拾万柒仟元零伍角叁分'], // and its second one
    [101000, '壹仟零壹拾元整'], // zero inside a group
    [100100, '壹仟零壹元整'],
    [1000100, '壹万零壹元整'], // zeros across the 万 boundary
    [1010000, '壹万零壹佰元整'],
    [10000000, '壹拾万元整'],
    [1000000000, '壹仟万元整'],
    [1000010000, '壹仟万零壹佰元整'],
    [10000000000, '壹亿元整'], // the 亿 boundary
    [10000100000, '壹亿零壹仟元整'],
    [10001000000, '壹亿零壹万元整'],
    [10100000000, '壹亿零壹佰万元整'],
    [12000000300, '壹亿贰仟万零叁元整'],
    [10000000001, '壹亿元零壹分'],
    [MAX_FEN, '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'], // the largest amount the desk allows
  ];
  for (const [fen, text] of cases) it(`${formatYuan(fen)} → ${text}`, () => expect(capitalAmount(fen)).toBe(text));
  it('refuses negative, fractional and astronomically large amounts', () => {
    expect(() => capitalAmount(-1)).toThrow(RangeError);
    expect(() => capitalAmount(1.5)).toThrow(RangeError);
    expect(() => capitalAmount(100_000_000_000_000)).toThrow(RangeError);
  });
});
