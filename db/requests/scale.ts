/**
 * The national 好差评 five-level scale (一次一评), shared by 接诉即办 ratings (db/requests/requests.ts)
 * and the counter ratings (db/requests/ratings.ts). Stored as 1–5, 5 the best. Levels at or below
 * {@link BAD_RATING_MAX} need a reason and make a follow-up (a 回访 task).
 */
export const RATING_SCALE = [
  { value: 5, zh: '非常满意', en: 'Very satisfied' },
  { value: 4, zh: '满意', en: 'Satisfied' },
  { value: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { value: 2, zh: '不满意', en: 'Dissatisfied' },
  { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
] as const;

/** A level's colour in charts: green for 非常满意 down to red for 非常不满意 (never the palette's red first). */
export const RATING_COLORS: Readonly<Record<number, string>> = { 5: '#1b7f3b', 4: '#5c9e4f', 3: '#b59a1f', 2: '#d9622b', 1: '#b71c1c' };

/** English for the level names the reports write in Chinese. */
export const RATING_TERMS_EN: Readonly<Record<string, string>> = Object.fromEntries(RATING_SCALE.map((l) => [l.zh, l.en]));

export type RatingValue = (typeof RATING_SCALE)[number]['value'];

/** 不满意 (2) and 非常不满意 (1): a reason is required and the case is followed up. */
export const BAD_RATING_MAX = 2;

export const isBadRating = (v: number): boolean => v <= BAD_RATING_MAX;

/** Satisfaction as the share of ratings at 基本满意 or better (the 好评率 of 好差评). */
export const isSatisfied = (v: number): boolean => v >= 3;

export function ratingLabel(v: number): { zh: string; en: string } {
  const r = RATING_SCALE.find((x) => x.value === v);
  return r ? { zh: r.zh, en: r.en } : { zh: String(v), en: String(v) };
}
