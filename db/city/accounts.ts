import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { CityRole } from './figures.js';

/**
 * The city's own staff accounts (in PostgreSQL, beside the data): 市级查看 (viewer: every center, read
 * only) and 中心管理员 (center_admin: their own center's exact figures). Passwords are generated, never
 * chosen, and stored as scrypt hashes.
 */
export async function ensureAccountsTable(client: pg.Client | pg.PoolClient | pg.Pool): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS city.staff (
    id serial PRIMARY KEY, name text NOT NULL UNIQUE, role text NOT NULL CHECK (role IN ('viewer', 'center_admin')),
    center_id integer REFERENCES city.centers(id), password_hash text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'viewer' OR center_id IS NOT NULL))`);
}

function hash(password: string, salt = randomBytes(16)): string {
  return `${salt.toString('base64')}:${scryptSync(password, salt, 32).toString('base64')}`;
}

export async function addCityAccount(client: pg.Client | pg.PoolClient | pg.Pool, name: string, role: CityRole, centerId: number | null): Promise<string> {
  const password = randomBytes(12).toString('base64url');
  await client.query('INSERT INTO city.staff (name, role, center_id, password_hash) VALUES ($1, $2, $3, $4)', [name, role, centerId, hash(password)]);
  return password;
}

export async function checkCityAccount(
  client: pg.Client | pg.PoolClient | pg.Pool,
  name: string,
  password: string,
): Promise<{ id: number; name: string; role: CityRole; centerId: number | null } | null> {
  const row = (await client.query('SELECT id, name, role, center_id, password_hash FROM city.staff WHERE name = $1', [name])).rows[0];
  // The same work whether or not the account exists: no timing difference to enumerate names by.
  const [salt, stored] = String(row?.password_hash ?? 'AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=').split(':');
  const actual = scryptSync(password, Buffer.from(salt!, 'base64'), 32);
  const ok = timingSafeEqual(actual, Buffer.from(stored!, 'base64'));
  return row && ok ? { id: row.id, name: row.name, role: row.role, centerId: row.center_id } : null;
}
