/**
 * Star tiers by approved hours (一星 at 20 h … 五星 at 500 h by default; 系统设置 in 时间银行 sets
 * the thresholds). Pure: the kiosk, the statement and the honour roll all ask here.
 */
export const tierNames = ['一星志愿者', '二星志愿者', '三星志愿者', '四星志愿者', '五星志愿者'] as const;
export const tierNamesEn = ['1-star volunteer', '2-star volunteer', '3-star volunteer', '4-star volunteer', '5-star volunteer'] as const;

export interface TierView {
  /** 0 = not yet a star, 1 … 5. */
  stars: number;
  name: string;
  nameEn: string;
  /** Hours for the next star (null at five stars) and how many are still missing. */
  nextAtHours: number | null;
  hoursToNext: number | null;
}

export function tierFor(minutes: number, tierHours: readonly number[]): TierView {
  const hours = minutes / 60;
  let stars = 0;
  for (const [i, h] of tierHours.entries()) if (hours >= h) stars = i + 1;
  const next = stars < tierHours.length ? tierHours[stars]! : null;
  return {
    stars,
    name: stars ? tierNames[stars - 1]! : '志愿者',
    nameEn: stars ? tierNamesEn[stars - 1]! : 'Volunteer',
    nextAtHours: next,
    hoursToNext: next === null ? null : Math.round((next - hours) * 10) / 10,
  };
}
