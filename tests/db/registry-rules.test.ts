/**
 * The registry's pure rules: room codes as people type them, exact areas, phone numbers,
 * ID masking and check digits, floors and plates.
 */
import { describe, expect, it } from 'vitest';
import { floorOf, formatArea, isValidResidentId, maskIdNumber, normalizePhone, normalizePlate, parseAreaCenti, parseRoomCode } from '../../db/registry/rules.js';
import { typedCodePrefix } from '../../db/registry/search.js';
import { VALID_IDS } from '../helpers/registry.js';

const THREE = 'building-unit-room' as const;
const TWO = 'building-room' as const;
const r3_2_501 = { building: '3', unit: '2', roomNo: '501', code: '3-2-501', digits: '32501' };

describe('parseRoomCode', () => {
  it('reads 3-2-501 and the other ways a desk writes the same room', () => {
    for (const typed of ['3-2-501', ' 3-2-501 ', '3 2 501', '3  2   501', '3栋2单元501室', '3栋2单元501', '3号楼2单元501', '3/2/501', '3－2－501', '3—2—501', '3.2.501']) {
      expect(parseRoomCode(typed, THREE), typed).toEqual(r3_2_501);
    }
  });

  it('reads full-width digits and letters as ASCII, and upper-cases letters', () => {
    expect(parseRoomCode('３－２－５０１', THREE)).toEqual(r3_2_501);
    expect(parseRoomCode('ａ-1-1203', THREE)).toEqual({ building: 'A', unit: '1', roomNo: '1203', code: 'A-1-1203', digits: 'A11203' });
  });

  it('refuses the wrong number of parts for the pattern', () => {
    expect(parseRoomCode('3-501', THREE)).toBeNull();
    expect(parseRoomCode('3-2-5-01', THREE)).toBeNull();
    expect(parseRoomCode('32501', THREE)).toBeNull();
    expect(parseRoomCode('', THREE)).toBeNull();
    expect(parseRoomCode('3-2-501', TWO)).toBeNull();
  });

  it('reads building-room codes for sites without units', () => {
    expect(parseRoomCode('12-1203', TWO)).toEqual({ building: '12', unit: null, roomNo: '1203', code: '12-1203', digits: '121203' });
    expect(parseRoomCode('S栋101', TWO)).toEqual({ building: 'S', unit: null, roomNo: '101', code: 'S-101', digits: 'S101' });
  });

  it('refuses parts that are not letters or digits, or too long', () => {
    expect(parseRoomCode('3-二-501', THREE)).toBeNull();
    expect(parseRoomCode('3-2-50%', THREE)).toBeNull();
    expect(parseRoomCode('123456789-2-501', THREE)).toBeNull(); // building codes are at most 8
    expect(parseRoomCode('3-2-12345678901', THREE)).toBeNull(); // room numbers at most 10
  });
});

describe('typedCodePrefix (search)', () => {
  it('turns what is typed so far into the code prefix to look up', () => {
    expect(typedCodePrefix('3-2-5')).toBe('3-2-5');
    expect(typedCodePrefix('3栋2单元')).toBe('3-2-');
    expect(typedCodePrefix('3 2 501')).toBe('3-2-501');
    expect(typedCodePrefix('３－２－５')).toBe('3-2-5');
    expect(typedCodePrefix('3栋2单元501室')).toBe('3-2-501');
    expect(typedCodePrefix('a-1-')).toBe('A-1-');
  });

  it('leaves names and plain digits alone', () => {
    expect(typedCodePrefix('王芳')).toBeNull();
    expect(typedCodePrefix('32501')).toBeNull();
    expect(typedCodePrefix('欧阳 晓梅')).toBeNull();
  });
});

describe('parseAreaCenti', () => {
  it('parses areas as typed into exact hundredths of m²', () => {
    expect(parseAreaCenti('89.5')).toBe(8950);
    expect(parseAreaCenti('89.50')).toBe(8950);
    expect(parseAreaCenti('89.500')).toBe(8950);
    expect(parseAreaCenti('89')).toBe(8900);
    expect(parseAreaCenti('1,203.25')).toBe(120325);
    expect(parseAreaCenti(' 89.5㎡ ')).toBe(8950);
    expect(parseAreaCenti('89.5 m²')).toBe(8950);
    expect(parseAreaCenti('89.5平方米')).toBe(8950);
    expect(parseAreaCenti('0')).toBe(0);
  });

  it('parses spreadsheet numbers without floating-point drift', () => {
    expect(parseAreaCenti(89.5)).toBe(8950);
    // 0.29 * 100 = 28.999999999999996 and 1.13 * 100 = 112.99999999999999 in floating point
    expect(parseAreaCenti('0.29')).toBe(29);
    expect(parseAreaCenti(0.29)).toBe(29);
    expect(parseAreaCenti('1.13')).toBe(113);
    expect(parseAreaCenti(1.13)).toBe(113);
    expect(parseAreaCenti('4.35')).toBe(435);
    for (const v of ['0.01', '0.07', '0.57', '1.15', '2.01', '8.2', '9.95', '123.45', '999999.99']) {
      const centi = parseAreaCenti(v)!;
      expect(Number.isInteger(centi), v).toBe(true);
      expect(formatArea(centi), v).toBe(Number(v).toFixed(2)); // round-trips exactly
    }
  });

  it('refuses what is not a plain number with at most two decimals', () => {
    for (const bad of ['89.567', 'abc', '', ' ', '-5', '89.', '.5', '1e3', '89,5.0.1', '八十九', '89.5.1', 'NaN']) {
      expect(parseAreaCenti(bad), JSON.stringify(bad)).toBeNull();
    }
    for (const bad of [1e21, -1, Number.NaN, Number.POSITIVE_INFINITY, 89.567, 1e-7]) expect(parseAreaCenti(bad), String(bad)).toBeNull();
  });

  it('refuses areas beyond what the store holds (1,000,000 m²)', () => {
    expect(parseAreaCenti('999999.99')).toBe(99_999_999);
    expect(parseAreaCenti('2000000')).toBeNull();
    expect(parseAreaCenti(9_999_999.99)).toBeNull();
  });
});

describe('normalizePhone', () => {
  it('keeps the digits of a mainland mobile written with spaces, dashes or +86', () => {
    for (const typed of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '+8613800138000', '0086 13800138000', '（138）00138000']) {
      expect(normalizePhone(typed), typed).toBe('13800138000');
    }
  });

  it('accepts landlines with area code and an extension (转)', () => {
    expect(normalizePhone('0755-86001234')).toBe('075586001234');
    expect(normalizePhone('(0755) 8600 1234')).toBe('075586001234');
    expect(normalizePhone('0571-8888 6666 转 123')).toBe('057188886666转123');
    expect(normalizePhone('010-62345678')).toBe('01062345678');
    expect(normalizePhone('86001234')).toBe('86001234'); // local number without area code
  });

  it('treats empty as no phone and refuses malformed numbers', () => {
    expect(normalizePhone('')).toBe('');
    expect(normalizePhone('  ')).toBe('');
    for (const bad of ['12345', '1380013800', '138001380001', '12800138000', 'abc', '138-0013-800a', '0755', '0755-123', '转123', '000000000000', '0755-06001234']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
});

describe('ID numbers', () => {
  it('masks all but the first three and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('E12345678')).toBe('E12**5678');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });

  it('accepts resident IDs whose check character is right, including X', () => {
    for (const id of VALID_IDS) expect(isValidResidentId(id), id).toBe(true);
    expect(VALID_IDS[0].endsWith('X')).toBe(true);
  });

  it('refuses a wrong check character, wrong length, or letters in the body', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false); // X expected
    expect(isValidResidentId('440524188001010015')).toBe(false); // 4 expected
    expect(isValidResidentId('11010519491231002x')).toBe(false); // lower case is the caller's job
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('1101051949123100211')).toBe(false);
    expect(isValidResidentId('A1010519491231002X')).toBe(false);
  });
});

describe('floorOf and normalizePlate', () => {
  it('reads the floor from three- and four-digit room numbers only', () => {
    expect(floorOf('501')).toBe(5);
    expect(floorOf('1203')).toBe(12);
    expect(floorOf('101')).toBe(1);
    expect(floorOf('B102')).toBeNull();
    expect(floorOf('12')).toBeNull();
    expect(floorOf('10101')).toBeNull();
  });

  it('writes plates in upper case without spaces or the dot', () => {
    expect(normalizePlate('粤b 12345')).toBe('粤B12345');
    expect(normalizePlate('京A·12345')).toBe('京A12345');
    expect(normalizePlate(' 粤B-D12345 ')).toBe('粤BD12345');
  });
});
