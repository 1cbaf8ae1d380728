import { pinyin } from 'pinyin-pro';
import { commonChars } from './commonChars.js';
import { nameChars } from './nameChars.js';
import { feedbackChars } from './feedbackChars.js';

/**
 * Offline candidates for the touch pinyin keyboard: toneless pinyin → characters, in the order of
 * the character set (names: surnames first, by frequency; text: address, branch and health words
 * first, then name characters). Built once per set, on first use, from pinyin-pro's readings of
 * each character (all readings, so 单 is found under both "dan" and "shan").
 */
/** 'feedback': residents' own words (ratings' reasons, 金点子), everyday characters first. */
export type Charset = 'name' | 'text' | 'feedback';

const charsets: Record<Charset, () => string> = {
  name: () => nameChars,
  text: () => [...new Set([...commonChars, ...nameChars])].join(''),
  feedback: () => [...new Set([...feedbackChars, ...commonChars, ...nameChars])].join(''),
};
const indexes = new Map<Charset, { chars: string; map: Map<string, string[]> }>();

function indexOf(charset: Charset): { chars: string; map: Map<string, string[]> } {
  let built = indexes.get(charset);
  if (built) return built;
  const chars = charsets[charset]();
  const map = new Map<string, string[]>();
  for (const ch of chars) {
    const readings = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }) as string[];
    for (const r of new Set(readings.map((x) => x.toLowerCase()))) {
      const list = map.get(r) ?? [];
      list.push(ch);
      map.set(r, list);
    }
  }
  built = { chars, map };
  indexes.set(charset, built);
  return built;
}

/** Characters for what was typed: exact syllable first, then syllables it begins ("zh" → 张 赵 周…). */
export function candidatesFor(typed: string, limit = 24, charset: Charset = 'name'): string[] {
  const { chars, map: index } = indexOf(charset);
  const key = typed.toLowerCase().replace(/ü/g, 'v');
  if (!key) return [];
  const out: string[] = [...(index.get(key) ?? [])];
  if (out.length < limit) {
    for (const [syllable, found] of index) {
      if (syllable !== key && syllable.startsWith(key)) for (const c of found) if (!out.includes(c)) out.push(c);
      if (out.length >= limit * 2) break;
    }
  }
  const order = (c: string) => chars.indexOf(c);
  const exact = new Set(index.get(key) ?? []);
  return out.sort((a, b) => Number(exact.has(b)) - Number(exact.has(a)) || order(a) - order(b)).slice(0, limit);
}
