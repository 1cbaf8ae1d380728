import { createHash, randomBytes, randomInt } from 'node:crypto';
import type pg from 'pg';
import type { Enrolment } from '../sync/state.js';

/**
 * Enrolment, city side. The city's technician makes a one-time code for a center; the center's
 * manager types it in 系统设置 → 市级数据同步 and the hub redeems it: a PostgreSQL login role of the
 * center's own (member of houniao_ingest, row-level security to its center_id), a random password, and
 * the city key. Codes are 16 characters from a 32-letter alphabet (80 bits): not guessable in practice.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');

export async function createEnrolmentCode(client: pg.Client | pg.PoolClient, centerName: string, validHours = 72): Promise<string> {
  let raw = '';
  for (let i = 0; i < 16; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  await client.query(`INSERT INTO city.enrolment_codes (code_hash, center_name, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
    hashCode(raw),
    centerName,
    validHours,
  ]);
  return raw.match(/.{4}/g)!.join('-');
}

export class EnrolmentError extends Error {
  constructor(readonly code: 'ENROL_CODE_INVALID' | 'ENROL_CODE_USED' | 'ENROL_CODE_EXPIRED') {
    super(code);
  }
}

/** Redeems a code in one transaction; the answer carries the center's credentials exactly once. */
export async function redeemEnrolmentCode(
  client: pg.Client | pg.PoolClient,
  code: string,
  publicDatabase: { host: string; port: number; database: string; ssl?: string | null },
): Promise<Enrolment> {
  await client.query('BEGIN');
  try {
    const found = await client.query<{ center_name: string; used_at: Date | null; expired: boolean }>(
      'SELECT center_name, used_at, expires_at < now() AS expired FROM city.enrolment_codes WHERE code_hash = $1 FOR UPDATE',
      [hashCode(code)],
    );
    const row = found.rows[0];
    if (!row) throw new EnrolmentError('ENROL_CODE_INVALID');
    if (row.used_at) throw new EnrolmentError('ENROL_CODE_USED');
    if (row.expired) throw new EnrolmentError('ENROL_CODE_EXPIRED');
    const center = await client.query<{ id: number }>("INSERT INTO city.centers (name, role_name) VALUES ($1, 'pending') RETURNING id", [row.center_name]);
    const centerId = center.rows[0]!.id;
    const role = `center_${centerId}`;
    const password = randomBytes(24).toString('base64url');
    await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(password)} IN ROLE houniao_ingest`);
    // A pusher whose link dies mid-batch must not hold its transaction (and locks) open on the server.
    await client.query(`ALTER ROLE ${role} SET idle_in_transaction_session_timeout = '60s'`);
    await client.query(`ALTER ROLE ${role} SET statement_timeout = '60s'`);
    await client.query('UPDATE city.centers SET role_name = $1 WHERE id = $2', [role, centerId]);
    await client.query('INSERT INTO city.cursors (center_id) VALUES ($1)', [centerId]);
    await client.query('UPDATE city.enrolment_codes SET used_at = now(), center_id = $1 WHERE code_hash = $2', [centerId, hashCode(code)]);
    const key = await client.query<{ k: string }>("SELECT encode(value, 'hex') AS k FROM city.secrets WHERE name = 'city_key'");
    await client.query('COMMIT');
    return {
      centerId,
      centerName: row.center_name,
      pg: { host: publicDatabase.host, port: publicDatabase.port, database: publicDatabase.database, user: role, password, ssl: publicDatabase.ssl ?? null },
      cityKey: key.rows[0]!.k,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
