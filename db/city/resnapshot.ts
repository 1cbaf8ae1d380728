import type pg from 'pg';

/**
 * The city asks a center for every row again (city migration 5): the center's pusher sees the
 * request at its next round and queues a full re-snapshot. For the technician after restoring the
 * city database from an older backup (`npm run hub -- --resnapshot <center id>`); ingest also sets it
 * by itself when a batch shows a gap. Returns whether such a center exists.
 */
export async function requestResnapshot(client: pg.Client | pg.PoolClient, centerId: number): Promise<boolean> {
  const r = await client.query('UPDATE city.centers SET resnapshot_requested_at = coalesce(resnapshot_requested_at, now()) WHERE id = $1', [centerId]);
  return (r.rowCount ?? 0) > 0;
}
