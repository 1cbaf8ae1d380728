import type { Db } from './connection.js';
import {
  publicSettingKeys,
  settingDefinitions,
  type PublicSettings,
  type SettingKey,
  type SettingValues,
} from './api/contract/settings.js';

/** All settings: stored values over defaults. A stored value that no longer fits its schema falls back to the default. */
export function readSettings(db: Db): SettingValues {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(settingDefinitions) as SettingKey[]) {
    const def = settingDefinitions[key];
    const raw = stored.get(key);
    let value: unknown = def.default;
    if (raw !== undefined) {
      const parsed = def.schema.safeParse(JSON.parse(raw));
      if (parsed.success) value = parsed.data;
    }
    out[key] = value;
  }
  return out as SettingValues;
}

export function readPublicSettings(db: Db): PublicSettings {
  const all = readSettings(db);
  return Object.fromEntries(publicSettingKeys.map((k) => [k, all[k]])) as PublicSettings;
}

export function readSetting<K extends SettingKey>(db: Db, key: K): SettingValues[K] {
  return readSettings(db)[key];
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
