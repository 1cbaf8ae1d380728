/**
 * The national 好差评 five-level scale (一次一评), shared by counter ratings and the requests' 评单.
 * Codes 5..1; a rating is bad at 2 or below (不满意, 非常不满意): it needs a reason and a follow-up.
 */
export const ratingLevels = [
  { value: 5, zh: '非常满意', en: 'Very satisfied' },
  { value: 4, zh: '满意', en: 'Satisfied' },
  { value: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { value: 2, zh: '不满意', en: 'Dissatisfied' },
  { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
] as const;

export type RatingLevel = (typeof ratingLevels)[number]['value'];

export const isBadRating = (value: number): boolean => value <= 2;
