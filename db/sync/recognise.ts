import type { Db } from '../connection.js';
import type { KeyProvider } from '../residents/idNumbers.js';
import { cityClient } from './connect.js';
import { residentKeyOf } from './residentKey.js';
import { readSyncState } from './state.js';

/**
 * "本市其他站点曾登记（N 个季度）": how many seasons this person stayed at the city's other centers —
 * a count and nothing else; no profile data moves between centers. Null when the center is not
 * enrolled or the city cannot be asked right now (the screen then shows nothing; it never waits long).
 */
export async function otherCenterSeasons(db: Db, residentId: number, idKey: KeyProvider | null, log: (line: string) => void = () => {}): Promise<number | null> {
  const state = readSyncState(db);
  if (!state.enabled || !state.pg || !state.cityKey) return null;
  const key = residentKeyOf(db, residentId, state.cityKey, idKey);
  if (!key) return null;
  const client = cityClient(state, { connectTimeoutMs: 3_000, queryTimeoutMs: 3_000, log });
  try {
    await client.connect();
    const result = await client.query<{ n: number }>('SELECT city.recognise($1) AS n', [key]);
    return Number(result.rows[0]?.n ?? 0);
  } catch (err) {
    log(`sync: could not ask the city about a resident: ${(err as Error).message}`);
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
