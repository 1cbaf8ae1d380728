import { pinyin } from 'pinyin-pro';
import { nameChars } from './nameChars.js';

/**
 * Offline candidates for the touch pinyin keyboard: toneless pinyin → name characters, in the
 * order of nameChars (surnames first, by frequency). Built once, on first use, from pinyin-pro's
 * readings of each character (all readings, so 单 is found under both "dan" and "shan").
 */
let index: Map<string, string[]> | null = null;

function buildIndex(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const ch of nameChars) {
    const readings = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }) as string[];
    for (const r of new Set(readings.map((x) => x.toLowerCase()))) {
      const list = map.get(r) ?? [];
      list.push(ch);
      map.set(r, list);
    }
  }
  return map;
}

/** Characters for what was typed: exact syllable first, then syllables it begins ("zh" → 张 赵 周…). */
export function candidatesFor(typed: string, limit = 24): string[] {
  index ??= buildIndex();
  const key = typed.toLowerCase().replace(/ü/g, 'v');
  if (!key) return [];
  const out: string[] = [...(index.get(key) ?? [])];
  if (out.length < limit) {
    for (const [syllable, chars] of index) {
      if (syllable !== key && syllable.startsWith(key)) for (const c of chars) if (!out.includes(c)) out.push(c);
      if (out.length >= limit * 2) break;
    }
  }
  const order = (c: string) => nameChars.indexOf(c);
  const exact = new Set(index.get(key) ?? []);
  return out.sort((a, b) => Number(exact.has(b)) - Number(exact.has(a)) || order(a) - order(b)).slice(0, limit);
}
