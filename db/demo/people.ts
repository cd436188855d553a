/** Plausible people for the demo site: Chinese names, ages, resident IDs with valid check digits, phones, plates. */
import {
  COMPOUND_SURNAMES, GIVEN_FEMALE_FIRST, GIVEN_FEMALE_SECOND, GIVEN_FEMALE_WHOLE, GIVEN_MALE_FIRST,
  GIVEN_MALE_SECOND, GIVEN_MALE_WHOLE, ID_REGIONS, MOBILE_PREFIXES, PLATE_LETTERS, PLATE_PREFIXES, SURNAMES,
} from './pools.js';
import { chance, digits, int, pick, pickSkewed, pickWeighted, type Rand, DAY, ms, toDay } from './random.js';

export interface Person {
  name: string;
  surname: string;
  male: boolean;
  /** YYYYMMDD */
  birth: string;
}

export function givenName(rand: Rand, male: boolean): string {
  if (chance(rand, 0.45)) return pick(rand, male ? GIVEN_MALE_WHOLE : GIVEN_FEMALE_WHOLE);
  return pick(rand, male ? GIVEN_MALE_FIRST : GIVEN_FEMALE_FIRST) + pick(rand, male ? GIVEN_MALE_SECOND : GIVEN_FEMALE_SECOND);
}

export function person(rand: Rand, today: string, o: { surname?: string; male?: boolean; ageMin: number; ageMax: number }): Person {
  const surname = o.surname ?? (chance(rand, 0.015) ? pick(rand, COMPOUND_SURNAMES) : pickSkewed(rand, SURNAMES));
  const male = o.male ?? chance(rand, 0.5);
  const age = int(rand, o.ageMin, o.ageMax);
  const birth = toDay(ms(today) - age * 365.25 * DAY - int(rand, 0, 364) * DAY).replace(/-/g, '');
  return { name: surname + givenName(rand, male), surname, male, birth };
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID. */
export function residentIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body17[i]), 0);
  return '10X98765432'[sum % 11]!;
}

export function idDocument(rand: Rand, p: Person): { idType: 'none' | 'resident_id' | 'passport' | 'hk_macau' | 'taiwan'; idNumber?: string } {
  const r = rand();
  if (r < 0.84) {
    // sequence: odd for men, even for women
    const seq = int(rand, 0, 49) * 2 + (p.male ? 1 : 0) + 100 * int(rand, 0, 9);
    const body = `${pick(rand, ID_REGIONS)}${p.birth}${String(seq).padStart(3, '0')}`;
    return { idType: 'resident_id', idNumber: body + residentIdCheck(body) };
  }
  if (r < 0.87) return { idType: 'passport', idNumber: `E${digits(rand, 8)}` };
  if (r < 0.90) return { idType: 'hk_macau', idNumber: `${pick(rand, ['H', 'M'])}${digits(rand, 8)}` };
  if (r < 0.91) return { idType: 'taiwan', idNumber: digits(rand, 8) };
  return { idType: 'none' };
}

/** A mobile number, written the way people hand them over (spaces, dashes, +86). */
export function mobile(rand: Rand): string {
  const n = `${pick(rand, MOBILE_PREFIXES)}${digits(rand, 8)}`;
  const r = rand();
  if (r < 0.7) return n;
  if (r < 0.85) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (r < 0.95) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
  return `+86 ${n}`;
}

export const landline = (rand: Rand, ext: boolean) => `0755-${pick(rand, ['2', '8'])}${digits(rand, 7)}${ext ? `转${int(rand, 801, 899)}` : ''}`;

export function plate(rand: Rand, used: Set<string>): string {
  for (;;) {
    const prefix = pickWeighted(rand, PLATE_PREFIXES);
    let tail: string;
    if (chance(rand, 0.2)) {
      tail = `${pick(rand, ['D', 'F'])}${digits(rand, 5)}`; // new-energy: 6 characters
    } else {
      const chars = Array.from({ length: 5 }, (_, i) => (i < 2 && chance(rand, 0.25) ? pick(rand, [...PLATE_LETTERS]) : String(Math.floor(rand() * 10))));
      tail = chars.join('');
    }
    const p = `${prefix}${tail}`;
    if (!used.has(p)) {
      used.add(p);
      // as typed at the desk, now and then with the dot or a space
      return chance(rand, 0.1) ? `${prefix}·${tail}` : chance(rand, 0.05) ? `${prefix} ${tail.toLowerCase()}` : p;
    }
  }
}
