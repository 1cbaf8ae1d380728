import type { Db } from './connection.js';
import { publicSettingKeys, settingDefinitions, type PublicSettings, type SettingKey, type SettingValues } from './api/contract/settings.js';

/** A stored value over its default; one that no longer fits its schema falls back to the default. */
function storedOrDefault<K extends SettingKey>(key: K, raw: string | undefined): SettingValues[K] {
  const def = settingDefinitions[key];
  if (raw === undefined) return def.default as SettingValues[K];
  const parsed = def.schema.safeParse(JSON.parse(raw));
  return (parsed.success ? parsed.data : def.default) as SettingValues[K];
}

/** All settings: stored values over defaults. */
export function readSettings(db: Db): SettingValues {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(settingDefinitions) as SettingKey[]) out[key] = storedOrDefault(key, stored.get(key));
  return out as SettingValues;
}

export function readPublicSettings(db: Db): PublicSettings {
  const all = readSettings(db);
  return Object.fromEntries(publicSettingKeys.map((k) => [k, all[k]])) as PublicSettings;
}

/** One setting, reading one row (hot paths like 取号 and 借出 need a single value). */
export function readSetting<K extends SettingKey>(db: Db, key: K): SettingValues[K] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return storedOrDefault(key, row?.value);
}

/**
 * Writes already-validated values in one transaction. Returns the keys whose value really changed.
 */
export function writeSettings(db: Db, values: Partial<SettingValues>, now = new Date()): SettingKey[] {
  const before = readSettings(db);
  const changed: SettingKey[] = [];
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(values) as Array<[SettingKey, unknown]>) {
      if (value === undefined || !Object.hasOwn(settingDefinitions, key)) continue;
      const json = JSON.stringify(value);
      if (json !== JSON.stringify(before[key])) changed.push(key);
      upsert.run(key, json, now.toISOString());
    }
  })();
  return changed;
}
