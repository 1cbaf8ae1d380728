import { parentPort, workerData } from 'node:worker_threads';
import { createApi } from '../../../db/api/api.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { openDatabase } from '../../../db/connection.js';

/**
 * One 爱心超市 desk in its own thread with its own SQLite connection. Each round, the moment the
 * shared `go` counter says so, it redeems `itemIds[round - 1]` (or the one item every round) for
 * the resident, so two desks ask for the same last item or the same last points at once.
 */
const { file, dir, residentId, itemIds, rounds, go, now } = workerData as {
  file: string;
  dir: string;
  residentId: number;
  itemIds: number[];
  rounds: number;
  go: SharedArrayBuffer;
  now: string;
};
const db = openDatabase(file);
const api = createApi({ db, dataDir: dir, clock: () => new Date(now), sessions: new SessionStore(86_400_000) });
const signal = new Int32Array(go);

const login = await api.call('staff.login', { staffId: 1, pin: '135790' });
if (!login.ok) throw new Error(JSON.stringify(login.error));
const token = (login.data as { token: string }).token;
parentPort!.postMessage({ ready: true });

for (let round = 1; round <= rounds; round++) {
  while (Atomics.load(signal, 0) < round) Atomics.wait(signal, 0, round - 1, 1000);
  const itemId = itemIds[Math.min(round, itemIds.length) - 1]!;
  const r = await api.call('volunteering.redeem', { residentId, lines: [{ itemId, quantity: 1 }], print: false }, { token });
  parentPort!.postMessage({ round, ok: r.ok, code: r.ok ? null : r.error.code });
}
db.close();
