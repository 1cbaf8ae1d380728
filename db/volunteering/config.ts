import { z } from 'zod';
import type { Db } from '../connection.js';

/**
 * 时间银行 settings, in the domain's own table (key → JSON): how many points an hour earns, the
 * hours each star tier needs, and whether the hall display shows the 光荣榜 and how it names people.
 * Hours and points are separate figures: changing the rate changes future credits, never the past.
 */
export const honourNameStyles = ['title', 'masked'] as const;
export type HonourNameStyle = (typeof honourNameStyles)[number];

export const volConfigSchema = z
  .object({
    pointsPerHour: z.number().int('volPointsPerHour').min(1, 'volPointsPerHour').max(1000, 'volPointsPerHour'),
    /** Hours for 一星 … 五星, strictly increasing. */
    tierHours: z
      .array(z.number().int('volTiers').min(1, 'volTiers').max(100_000, 'volTiers'))
      .length(5, 'volTiers')
      .refine((t) => t.every((h, i) => i === 0 || h > t[i - 1]!), 'volTiers'),
    /** The 光荣榜 on the hall display: off by default (a center decides to show names in the hall). */
    honourRollOnDisplay: z.boolean(),
    /** 张先生/张女士 (title) or 张*华 (masked); never a full name or a phone. */
    honourNameStyle: z.enum(honourNameStyles),
    honourRollSize: z.number().int('volRollSize').min(3, 'volRollSize').max(20, 'volRollSize'),
  })
  .strict();
export type VolConfig = z.infer<typeof volConfigSchema>;

export const defaultVolConfig: VolConfig = {
  pointsPerHour: 10,
  tierHours: [20, 50, 100, 200, 500],
  honourRollOnDisplay: false,
  honourNameStyle: 'title',
  honourRollSize: 10,
};

export function readVolConfig(db: Db): VolConfig {
  const rows = db.prepare('SELECT key, value FROM vol_config').all() as Array<{ key: string; value: string }>;
  const stored: Record<string, unknown> = {};
  for (const r of rows) if (Object.hasOwn(defaultVolConfig, r.key)) stored[r.key] = JSON.parse(r.value);
  const parsed = volConfigSchema.safeParse({ ...defaultVolConfig, ...stored });
  return parsed.success ? parsed.data : defaultVolConfig;
}

/** Writes a checked whole config (the contract validated it). */
export function writeVolConfig(db: Db, config: VolConfig): VolConfig {
  const put = db.prepare('INSERT INTO vol_config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [k, v] of Object.entries(config)) put.run(k, JSON.stringify(v));
  })();
  return readVolConfig(db);
}

/** Points an approved credit of `minutes` earns: rounded to the nearest point, at least 1. */
export function pointsFor(minutes: number, pointsPerHour: number): number {
  return Math.max(1, Math.round((minutes * pointsPerHour) / 60));
}
