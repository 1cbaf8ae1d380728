import { pinyin } from 'pinyin-pro';

/** 张建国 → "zjg"; surnames read as surnames (单 → s, 曾 → z). Letters in the name are kept. */
export function nameInitials(name: string): string {
  return pinyin(name.replace(/[\s·•]/g, ''), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
