import { provinces, type Province } from '../residents/regions.js';
import { spokenPlaceName } from '../residents/placeSearch.js';

/**
 * A roster's home place as people write it — 黑龙江省哈尔滨市, 黑龙江 哈尔滨, 哈尔滨, 内蒙古 包头市,
 * or 省 and 市 in two columns — turned into the region list's names. Only the spelling is
 * resolved here; whether the place is known is still the residents schema's check.
 */
const strip = (s: string) => s.replace(/[\s,，、/·-]/g, '');

/** Spoken names computed once: a 10,000-row roster asks for them a few million times. */
const spoken = new Map<string, string>();
const spokenOf = (name: string) => {
  let s = spoken.get(name);
  if (s === undefined) spoken.set(name, (s = spokenPlaceName(name)));
  return s;
};

function provinceAt(s: string): { p: Province; rest: string } | null {
  for (const p of provinces) if (s.startsWith(p.name)) return { p, rest: s.slice(p.name.length) };
  for (const p of provinces) {
    const short = spokenOf(p.name);
    if (short.length >= 2 && s.startsWith(short)) return { p, rest: s.slice(short.length) };
  }
  return null;
}

function cityMatches(rest: string, city: string): boolean {
  if (rest.startsWith(city)) return true;
  const short = spokenOf(city);
  return rest.length >= 2 && (city.startsWith(rest) || (short.length >= 2 && rest.startsWith(short)));
}

function cityIn(p: Province, rest: string): string | null {
  if (p.cities.length === 1) return p.cities[0]!;
  return p.cities.find((c) => cityMatches(rest, c)) ?? null;
}

/** A city named on its own (哈尔滨, 吉林市): the one province that has it, else null. */
function cityAnywhere(s: string): { province: string; city: string } | null {
  const hits: Array<{ province: string; city: string }> = [];
  for (const p of provinces) for (const c of p.cities) if (s === c || s === spokenOf(c) || s.startsWith(c)) hits.push({ province: p.name, city: c });
  return hits.length === 1 ? hits[0]! : null;
}

/** The region list's province and city, or the text as given (the schema then says it is unknown). */
const resolved = new Map<string, { province: string; city: string; text: string }>();

export function resolvePlace(province: string, city: string, origin: string): { province: string; city: string; text: string } {
  const cacheKey = `${province}\u0000${city}\u0000${origin}`;
  let hit = resolved.get(cacheKey);
  if (!hit) {
    if (resolved.size > 5000) resolved.clear();
    resolved.set(cacheKey, (hit = resolveUncached(province, city, origin)));
  }
  return { ...hit };
}

function resolveUncached(province: string, city: string, origin: string): { province: string; city: string; text: string } {
  const text = (province && strip(city).startsWith(strip(province)) ? strip(city) : strip(`${province}${city}`)) || strip(origin);
  const raw = { province: province || origin, city: city || origin, text: [province, city].filter(Boolean).join(' ') || origin };
  if (!text) return { province: '', city: '', text: '' };
  // 吉林市 is a city before it is the province 吉林.
  const whole = cityAnywhere(text);
  const at = provinceAt(text);
  if (whole && (!at || at.p.name !== whole.province || at.rest === '市')) return { ...whole, text: raw.text };
  if (at) {
    const c = cityIn(at.p, at.rest);
    return { province: at.p.name, city: c ?? (at.rest || ''), text: raw.text };
  }
  if (whole) return { ...whole, text: raw.text };
  return raw;
}
