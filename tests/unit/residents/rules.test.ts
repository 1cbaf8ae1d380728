import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardCheckChar, cardQrPayload, generateCardNumber, parseCardCode, CARD_ALPHABET } from '../../../db/residents/cards.js';
import { idCheckChar, keyFileProvider, maskIdNumber, openIdNumber, parseIdNumber, sealIdNumber } from '../../../db/residents/idNumbers.js';
import { nameInitials } from '../../../db/residents/pinyinInitials.js';
import { provinces, isKnownPlace } from '../../../db/residents/regions.js';
import { searchPlaces, spokenPlaceName } from '../../../db/residents/placeSearch.js';
import { maskName, maskPhone, nameProblem, phoneProblem, residentBasicsSchema } from '../../../db/residents/schema.js';
import { fieldMessageCatalog } from '../../../db/errors/index.js';
import { stayDays } from '../../../db/residents/stays.js';
import { seasonLabel } from '../../../db/printing/layouts/serviceCard.js';
import { tempDir } from '../../helpers/tempDb.js';

/** A valid ID number for tests, built with the real checksum. */
export function fakeId(first17: string): string {
  return first17 + idCheckChar(first17);
}

describe('ID numbers (GB 11643)', () => {
  it('accepts a number whose check character matches and reads birth date and sex from it', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ birthYear: 1949, birthDate: '1949-12-31', sex: 'F', provinceCode: '11' });
    const male = fakeId('23010219560310001');
    expect(parseIdNumber(male)).toMatchObject({ birthYear: 1956, sex: 'M' });
    expect(parseIdNumber(male.toLowerCase())).not.toBeNull();
  });

  it('refuses a wrong check character, an impossible date, an unknown province, a future birth', () => {
    expect(parseIdNumber('110105194912310021')).toBeNull();
    expect(parseIdNumber(fakeId('11010519490230002'))).toBeNull();
    expect(parseIdNumber(fakeId('99010519491231002'))).toBeNull();
    expect(parseIdNumber(fakeId('11010520991231002'), new Date('2026-01-01'))).toBeNull();
    expect(parseIdNumber('12345')).toBeNull();
  });

  it('masks as 110***********1234 everywhere', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('encrypts at rest: a round trip gives the number back; the stored text does not contain it', () => {
    const dir = tempDir();
    const key = keyFileProvider(dir);
    const sealed = sealIdNumber('11010519491231002X', key);
    expect(sealed.cipher).not.toContain('19491231');
    expect(sealed.cipher.startsWith('v1:')).toBe(true);
    expect(openIdNumber(sealed.cipher, key)).toBe('11010519491231002X');
    // Same number, same HMAC (uniqueness works); fresh IV, different ciphertext.
    const again = sealIdNumber('11010519491231002x', key);
    expect(again.hmac).toBe(sealed.hmac);
    expect(again.cipher).not.toBe(sealed.cipher);
    expect(statSync(join(dir, 'keys', 'id.key')).mode & 0o777).toBe(0o600);
    // Another key cannot read it.
    const other = keyFileProvider(tempDir());
    expect(() => openIdNumber(sealed.cipher, other)).toThrow();
  });
});

describe('card numbers and QR payload', () => {
  it('are 8 unambiguous characters with a check character', () => {
    for (let i = 0; i < 200; i++) {
      const card = generateCardNumber();
      expect(card).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
      expect(parseCardCode(card)).toBe(card);
    }
    expect(CARD_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('accept the QR payload, lower case and spaces; catch a mistyped character', () => {
    const card = 'K7MP3Q9' + cardCheckChar('K7MP3Q9');
    expect(parseCardCode(cardQrPayload(card))).toBe(card);
    expect(parseCardCode(` ${card.slice(0, 4).toLowerCase()} ${card.slice(4)} `)).toBe(card);
    const typo = 'K7MP3Q8' + card[7];
    expect(parseCardCode(typo)).toBeNull();
    expect(parseCardCode('HNR1:')).toBeNull();
    expect(cardQrPayload(card)).toBe(`HNR1:${card}`);
  });
});

describe('names, phones, places', () => {
  it('pinyin initials: 张建国 → zjg, surnames read as surnames', () => {
    expect(nameInitials('张建国')).toBe('zjg');
    expect(nameInitials('单田芳')).toBe('stf');
    expect(nameInitials('曾秀兰')).toBe('zxl');
  });

  it('masks names and phones', () => {
    expect(maskName('张建国')).toBe('张*国');
    expect(maskName('李明')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPhone('13900001234')).toBe('139****1234');
  });

  it('lists all 34 province-level divisions with their cities', () => {
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    expect(isKnownPlace('黑龙江省', '伊春市')).toBe(true);
    expect(isKnownPlace('四川省', '攀枝花市')).toBe(true);
    expect(isKnownPlace('四川省', '伊春市')).toBe(false);
    expect(provinces.find((p) => p.name === '黑龙江省')!.cities).toHaveLength(13);
    expect(provinces.find((p) => p.name === '辽宁省')!.cities).toHaveLength(14);
  });

  it('finds a home place by pinyin initials, whole pinyin or Chinese, cities first', () => {
    expect(spokenPlaceName('延边朝鲜族自治州')).toBe('延边');
    expect(spokenPlaceName('恩施土家族苗族自治州')).toBe('恩施');
    expect(spokenPlaceName('内蒙古自治区')).toBe('内蒙古');
    expect(searchPlaces('heb')[0]).toEqual({ province: '黑龙江省', city: '哈尔滨市' });
    expect(searchPlaces('haerbin')).toEqual([{ province: '黑龙江省', city: '哈尔滨市' }]);
    expect(searchPlaces('HaErBin')).toEqual([{ province: '黑龙江省', city: '哈尔滨市' }]);
    expect(searchPlaces('pzh')).toEqual([{ province: '四川省', city: '攀枝花市' }]);
    // Municipalities pick province and city at once; a province alone leaves the city to pick.
    expect(searchPlaces('cq')[0]).toEqual({ province: '重庆市', city: '重庆市' });
    expect(searchPlaces('hlj')).toEqual([{ province: '黑龙江省', city: null }]);
    expect(searchPlaces('yb')[0]).toEqual({ province: '吉林省', city: '延边朝鲜族自治州' });
    expect(searchPlaces('伊春')).toEqual([{ province: '黑龙江省', city: '伊春市' }]);
    expect(searchPlaces('zhang', 3)).toHaveLength(3);
    expect(searchPlaces('')).toEqual([]);
    expect(searchPlaces('12')).toEqual([]);
    // Every place in the list can be found by its Chinese name.
    for (const p of provinces) for (const c of p.cities) expect(searchPlaces(c, 50)).toContainEqual({ province: p.name, city: c });
  });

  it('checks the kiosk basics screen on its own with the same messages', () => {
    const bad = residentBasicsSchema.safeParse({ name: '张建国', phone: '12900001234', idNumber: null, birthYear: null });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['phone', 'phonePrefix'],
      ['birthYear', 'birthYear'],
    ]);
    expect(residentBasicsSchema.safeParse({ name: '张建国', phone: '13900001234', idNumber: fakeId('23070219560310001') }).success).toBe(true);
  });

  it('says what is wrong with a phone or a name, and takes Latin names without cutting a long one (issue 12.5)', () => {
    expect(phoneProblem('')).toBe('phoneRequired');
    expect(phoneProblem('1390000123')).toBe('phoneLength');
    expect(phoneProblem('23955501234')).toBe('phonePrefix');
    expect(phoneProblem('12955501234')).toBe('phonePrefix');
    expect(phoneProblem('13955501234')).toBeNull();
    expect(nameProblem('张')).toBe('residentNameShort');
    expect(nameProblem('Maria Fernanda González-Ruiz')).toBeNull();
    expect(nameProblem("Sean O'Neil")).toBeNull();
    expect(nameProblem('阿依古丽·买买提')).toBeNull();
    expect(nameProblem('张3')).toBe('residentName');
    expect(nameProblem('王'.repeat(31))).toBe('residentNameLong');
    const long = residentBasicsSchema.safeParse({ name: 'A'.repeat(200), phone: '13900001234', birthYear: 1956 });
    expect(long.error!.issues.map((i) => i.message)).toEqual(['residentNameLong']);
    expect(fieldMessageCatalog.residentName.zh).toContain('外文字母');
    expect(fieldMessageCatalog.phonePrefix.zh).toContain('13 到 19');
  });

  it('counts stay days as people do and labels seasons', () => {
    expect(stayDays('2026-01-10T02:00:00.000Z', '2026-01-10T08:00:00.000Z', 'Asia/Shanghai')).toBe(1);
    expect(stayDays('2025-12-01T02:00:00.000Z', '2026-03-01T02:00:00.000Z', 'Asia/Shanghai')).toBe(91);
    // 20:00 UTC is already the next day in 三亚 (UTC+8) but not in Urumqi time (UTC+6): the center's zone decides.
    expect(stayDays('2026-01-10T02:00:00.000Z', '2026-01-10T17:00:00.000Z', 'Asia/Shanghai')).toBe(2);
    expect(stayDays('2026-01-10T02:00:00.000Z', '2026-01-10T17:00:00.000Z', 'Asia/Urumqi')).toBe(1);
    expect(seasonLabel(new Date('2026-11-20T00:00:00Z'))).toBe('2026–2027 冬季');
    expect(seasonLabel(new Date('2027-02-01T00:00:00Z'))).toBe('2026–2027 冬季');
    expect(seasonLabel(new Date('2027-07-01T00:00:00Z'))).toBe('2027 夏季');
  });
});
