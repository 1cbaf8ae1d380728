import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { createApi, type Api, type ApiOptions } from '../../db/api/api.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'houniao-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real SQLite file with the app's pragmas and schema, closed after the test. */
export function tempDb(): { db: Db; file: string; dir: string } {
  const dir = tempDir();
  const file = join(dir, 'test.db');
  const db = openDatabase(file);
  cleanups.unshift(() => db.open && db.close());
  return { db, file, dir };
}

/** The real API over a real temp database. */
export function tempApi(options: Omit<ApiOptions, 'db' | 'dataDir'> = {}): { api: Api; db: Db; file: string; dir: string } {
  const t = tempDb();
  return { ...t, api: createApi({ db: t.db, dataDir: t.dir, ...options }) };
}

/** Calls an operation and insists it succeeded; returns its data. */
export async function ok<T = any>(api: Api, op: string, input: unknown = {}, token?: string): Promise<T> {
  const result = await api.call(op, input, { token });
  if (!result.ok) throw new Error(`${op} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

/** Calls an operation and insists it failed; returns the error body. */
export async function fails(api: Api, op: string, input: unknown = {}, token?: string) {
  const result = await api.call(op, input, { token });
  if (result.ok) throw new Error(`${op} unexpectedly succeeded: ${JSON.stringify(result.data)}`);
  return result.error;
}

/** Sets up the manager account and returns its session token. */
export async function adminToken(api: Api, pin = '135790'): Promise<string> {
  const s = await ok<{ token: string }>(api, 'staff.setup', { name: '管理员', pin });
  return s.token;
}
