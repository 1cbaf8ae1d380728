import { parentPort, workerData } from 'node:worker_threads';
import { createApi } from '../../../db/api/api.js';
import { SessionStore } from '../../../db/api/sessions.js';
import { openDatabase } from '../../../db/connection.js';

/**
 * One front desk in its own thread with its own SQLite connection, as a second process would have.
 * It lends `rounds` units one after another, each the moment the shared `go` counter says so, so that
 * two such desks ask for the same unit at the same instant.
 */
const { file, dir, residentId, rounds, go, now } = workerData as { file: string; dir: string; residentId: number; rounds: number; go: SharedArrayBuffer; now: string };
const db = openDatabase(file);
const api = createApi({ db, dataDir: dir, clock: () => new Date(now), sessions: new SessionStore(86_400_000) });
const signal = new Int32Array(go);

const login = await api.call('staff.login', { staffId: 1, pin: '135790' });
if (!login.ok) throw new Error(JSON.stringify(login.error));
const token = (login.data as { token: string }).token;
parentPort!.postMessage({ ready: true });

for (let round = 1; round <= rounds; round++) {
  while (Atomics.load(signal, 0) < round) Atomics.wait(signal, 0, round - 1, 1000);
  const r = await api.call('loans.checkout', { residentId, unitCode: `LY-${String(round).padStart(4, '0')}`, depositFen: 20000, depositMethod: 'cash', print: false }, { token });
  parentPort!.postMessage({ round, ok: r.ok, code: r.ok ? null : r.error.code, message: r.ok ? null : r.error.message });
}
db.close();
