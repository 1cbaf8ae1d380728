import type pg from 'pg';
import { cityMigrations, type CityMigration } from './migrations.js';

/**
 * Applies the city's PostgreSQL migrations in order, each in its own transaction, under an advisory
 * lock so two hubs starting at once do not race. Returns the version reached.
 */
export async function applyCityMigrations(client: pg.Client | pg.PoolClient, migrations: CityMigration[] = cityMigrations): Promise<number> {
  await client.query('SELECT pg_advisory_lock(7301)');
  try {
    await client.query('CREATE TABLE IF NOT EXISTS public.houniao_schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM public.houniao_schema_migrations')).rows.map((r) => r.version));
    const latest = migrations.at(-1)?.version ?? 0;
    const newest = Math.max(0, ...done);
    if (newest > latest)
      throw new Error(`城市数据库版本 (${newest}) 比本程序 (${latest}) 更新，请安装新版本。 / The city database (schema ${newest}) is newer than this app (${latest}).`);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO public.houniao_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return latest;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7301)');
  }
}
