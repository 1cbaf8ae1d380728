import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/connection.js';
import { signUp } from '../../../db/activities/signups.js';

/**
 * One kiosk's host connection in the concurrency test: its own better-sqlite3 connection to the
 * shared file. Each round it waits at the barrier with the others, then signs up its residents.
 */
const { file, barrier } = workerData as { file: string; barrier: SharedArrayBuffer };
const db = openDatabase(file);
const gate = new Int32Array(barrier);

parentPort!.on('message', (msg: { round: number; activityId: number; residentIds: number[]; now: string } | 'close') => {
  if (msg === 'close') {
    db.close();
    parentPort!.postMessage('closed');
    return;
  }
  // Everyone ready: arrive at the barrier, then wait until the test opens it for this round.
  Atomics.add(gate, 1, 1);
  Atomics.wait(gate, 0, msg.round - 1);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const outcomes = msg.residentIds.map((residentId, i) => {
    // A person at a kiosk between two sign-ups: the other kiosks get their turn at the lock.
    if (i > 0) Atomics.wait(pause, 0, 0, 2);
    const o = signUp(db, { activityId: msg.activityId, residentId, source: 'kiosk' }, new Date(msg.now), 'Asia/Shanghai');
    return { residentId, ...o };
  });
  parentPort!.postMessage(outcomes);
});
parentPort!.postMessage('ready');
