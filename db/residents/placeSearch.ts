import { pinyin } from 'pinyin-pro';
import { provinces } from './regions.js';

/**
 * The kiosk's home-place search: a resident types the pinyin of their city — initials (heb, pzh)
 * or the whole word (haerbin) — or its Chinese name, and taps it in a short list. Suffixes people
 * do not say (市, 地区, 盟, 自治州 and the peoples it names) are left out of the pinyin, so 延边
 * is "yb", not "ybcxzzzz". Pure: runs in the renderer and in tests alike.
 */
export interface PlaceMatch {
  province: string;
  /** null: the province itself matched; the person then picks the city from its list. */
  city: string | null;
}

interface Entry extends PlaceMatch {
  name: string;
  full: string;
  initials: string;
  /** 0 = city, 1 = province: cities are what people look for. */
  rank: number;
}

const PEOPLES = /(朝鲜|土家|苗|藏|羌|彝|蒙古|回|哈萨克|柯尔克孜|傣|景颇|傈僳|白|哈尼|壮|布依|侗|黎|维吾尔)族/g;

/** 延边朝鲜族自治州 → 延边, 哈尔滨市 → 哈尔滨, 内蒙古自治区 → 内蒙古, 神农架林区 → 神农架. */
export function spokenPlaceName(name: string): string {
  const short = name.replace(/(特别行政区|自治区|自治州|自治县|地区|林区|省|市|盟|县)$/, '').replace(PEOPLES, '');
  return short || name;
}

let index: Entry[] | null = null;

function entry(province: string, city: string | null, name: string, rank: number): Entry {
  const spoken = spokenPlaceName(name);
  const syllables = pinyin(spoken, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  return { province, city, name, full: syllables.join(''), initials: syllables.map((s) => s[0]).join(''), rank };
}

function buildIndex(): Entry[] {
  const out: Entry[] = [];
  for (const p of provinces) {
    // A municipality is its own (only) city: one entry that picks both.
    if (p.cities.length === 1) out.push(entry(p.name, p.cities[0]!, p.name, 0));
    else {
      out.push(entry(p.name, null, p.name, 1));
      for (const c of p.cities) out.push(entry(p.name, c, c, 0));
    }
  }
  return out;
}

/** Places matching what was typed, best first: exact initials or name, then prefixes, cities before provinces. */
export function searchPlaces(query: string, limit = 12): PlaceMatch[] {
  index ??= buildIndex();
  const q = query.trim().toLowerCase().replace(/ü/g, 'v').replace(/\s+/g, '');
  if (!q) return [];
  const han = /\p{Script=Han}/u.test(q);
  if (!han && !/^[a-z]+$/.test(q)) return [];
  const scored: Array<{ e: Entry; score: number }> = [];
  for (const e of index) {
    let score: number;
    if (han) {
      if (e.name.startsWith(q) || spokenPlaceName(e.name) === q) score = 0;
      else if (e.name.includes(q)) score = 2;
      else continue;
    } else if (e.initials === q || e.full === q) score = 0;
    else if (e.full.startsWith(q)) score = 1;
    else if (e.initials.startsWith(q)) score = 2;
    else continue;
    scored.push({ e, score: score * 2 + e.rank });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, limit).map(({ e }) => ({ province: e.province, city: e.city }));
}
