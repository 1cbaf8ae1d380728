import { describe, expect, it } from 'vitest';
import { provinces } from '../../../db/residents/regions.js';
import { cityLabel, cityNamesEn, placeLabel, provinceLabel, provinceNamesEn } from '../../../db/residents/regionsEn.js';

describe('English names of provinces and cities', () => {
  it('has a standard English name for every province and every city the kiosk offers', () => {
    for (const p of provinces) {
      expect(provinceNamesEn[p.code], p.name).toMatch(/^[A-Z][A-Za-z' ]+$/);
      for (const c of p.cities) expect(cityNamesEn[c], c).toMatch(/^[A-Z][A-Za-z' ]+$/);
    }
  });

  it('uses the customary forms', () => {
    expect(provinceLabel('内蒙古自治区', 'en')).toBe('Inner Mongolia');
    expect(provinceLabel('陕西省', 'en')).toBe('Shaanxi');
    expect(provinceLabel('山西省', 'en')).toBe('Shanxi');
    expect(cityLabel('哈尔滨市', 'en')).toBe('Harbin');
    expect(cityLabel('西安市', 'en')).toBe("Xi'an");
    expect(cityLabel('重庆市', 'en')).toBe('Chongqing');
    expect(cityLabel('延边朝鲜族自治州', 'en')).toBe('Yanbian Korean Autonomous Prefecture');
  });

  it('keeps Chinese in Chinese mode and reads a place the way each language does', () => {
    expect(placeLabel('四川省', '攀枝花市', 'zh-CN')).toBe('四川省 攀枝花市');
    expect(placeLabel('四川省', '攀枝花市', 'en')).toBe('Panzhihua, Sichuan');
    expect(placeLabel('北京市', '北京市', 'en')).toBe('Beijing');
    expect(placeLabel('火星', '某市', 'en')).toBe('某市, 火星');
  });
});
