import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decryptBackup, pruneBackups, restoreFromBackup, rotateBackup } from '../../../db/backup.js';
import { openDatabase } from '../../../db/connection.js';
import { databasePath } from '../../../db/paths.js';
import { idKeyProviderFor, keyFileProvider, parseRecoveryCode, recoveryCode, useIdKeyDir } from '../../../db/residents/idNumbers.js';
import { createApi } from '../../../db/api/api.js';
import { adminToken, fails, ok, tempDir } from '../../helpers/tempDb.js';
import { CONSENT, ID, person } from '../residents/fixture.js';

const NOW = new Date('2026-12-01T02:00:00Z');

/** A center's data folder with a resident whose ID number is stored, and its API. */
async function centerWithId(keyDir: string | null = null) {
  const dataDir = tempDir();
  useIdKeyDir(dataDir, keyDir);
  const db = openDatabase(databasePath(dataDir));
  const api = createApi({ db, dataDir, clock: () => NOW });
  const token = await adminToken(api);
  await ok(api, 'residents.kiosk.register', { consent: CONSENT, resident: person({ idNumber: ID('23070219560310001') }) });
  return { dataDir, db, api, token };
}

describe('backups: one encrypted, self-contained file (issues 12.20, 11.6)', () => {
  it('writes one file that is not SQLite in clear, holds a DELETE-mode database, and leaves no -wal/-shm anywhere', async () => {
    const { dataDir, db, api, token } = await centerWithId();
    const { file } = await ok(api, 'system.backupNow', {}, token);
    expect(file).toMatch(/\.hnbak$/);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('张建国'))).toBe(false);
    expect(bytes.includes(Buffer.from('13900001234'))).toBe(false);
    // Opened with the key: a plain SQLite file in DELETE mode; opening it makes no -wal beside it.
    const plain = decryptBackup(bytes, idKeyProviderFor(dataDir)());
    expect(plain.subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    const copyFile = join(tempDir(), 'copy.db');
    writeFileSync(copyFile, plain);
    const copy = new Database(copyFile);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT name FROM residents').get()).toEqual({ name: '张建国' });
    copy.prepare("UPDATE residents SET name = '改过'").run();
    copy.close();
    expect(readdirSync(join(copyFile, '..'))).toEqual(['copy.db']);
    expect(readdirSync(join(dataDir, 'backups'))).toEqual([file.split(/[\\/]/).pop()]);
    db.close();
  });

  it('rotation keeps nothing older than 14 days and removes stray -wal/-shm files and old plain copies', async () => {
    const { dataDir, db } = await centerWithId();
    const dir = join(dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    for (const f of [
      'houniao-2026-11-01T00-00-00-000Z.db',
      'houniao-2026-11-01T00-00-00-000Z.db-wal',
      'houniao-2026-11-01T00-00-00-000Z.db-shm',
      'houniao-2026-11-30T00-00-00-000Z.db-wal',
    ])
      writeFileSync(join(dir, f), 'x');
    await rotateBackup(db, dir, { key: idKeyProviderFor(dataDir), now: NOW });
    await rotateBackup(db, dir, { key: idKeyProviderFor(dataDir), now: new Date('2026-12-10T02:00:00Z') });
    expect(readdirSync(dir).sort()).toEqual(['houniao-2026-12-01T02-00-00-000Z.hnbak', 'houniao-2026-12-10T02-00-00-000Z.hnbak']);
    // 15 days after the first: it is gone, so whoever was erased before it is in no backup.
    expect(pruneBackups(dir, { now: new Date('2026-12-16T03:00:00Z') })).toEqual(['houniao-2026-12-01T02-00-00-000Z.hnbak']);
    db.close();
  });

  it('restores onto a replacement PC with the recovery code the manager exported: ID numbers stay readable', async () => {
    const { db, api, token } = await centerWithId();
    const exported = await ok<{ code: string; fileText: string; previouslyExportedAt: string | null }>(api, 'system.exportIdKey', {}, token);
    expect(exported.code).toMatch(/^([2-9A-HJ-NP-Z]{4}-){13}[2-9A-HJ-NP-Z]{4}$/);
    expect(exported.previouslyExportedAt).toBeNull();
    expect((await ok(api, 'system.keyStatus', {}, token)).lastExportedAt).toBe(NOW.toISOString());
    const { file } = await ok(api, 'system.backupNow', {}, token);
    const [hit] = await ok(api, 'residents.search', { q: 'zjg' }, token);
    db.close();

    // The new PC: an empty data folder whose app already made a key of its own on first start.
    const newData = tempDir();
    keyFileProvider(newData)();
    const wrong = recoveryCode(Buffer.alloc(32, 7));
    expect(() => restoreFromBackup({ backupFile: file, code: wrong, dataDir: newData })).toThrow(/打不开/);
    expect(() => restoreFromBackup({ backupFile: file, code: 'ABCD-EFGH', dataDir: newData })).toThrow(/恢复码不正确/);
    const restored = restoreFromBackup({ backupFile: file, code: exported.fileText, dataDir: newData });
    expect(restored.setAside).toHaveLength(1); // the new PC's own key, kept aside
    useIdKeyDir(newData, null);
    const db2 = openDatabase(databasePath(newData));
    const api2 = createApi({ db: db2, dataDir: newData, clock: () => NOW });
    const t2 = await ok(api2, 'staff.login', { staffId: 1, pin: '135790' });
    expect((await ok(api2, 'residents.revealId', { id: hit.id, reason: '换电脑后核对' }, t2.token)).idNumber).toBe(ID('23070219560310001'));
    db2.close();
  });

  it('keeps the ID key outside the data folder with --key-dir: the data folder and its backups then hold no key', async () => {
    const keyDir = tempDir();
    // A data folder that already has a key inside moves it out on first use.
    const dataDir = tempDir();
    const before = keyFileProvider(dataDir)();
    useIdKeyDir(dataDir, keyDir);
    expect(idKeyProviderFor(dataDir)()).toEqual(before);
    expect(existsSync(join(dataDir, 'keys', 'id.key'))).toBe(false);
    expect(existsSync(join(keyDir, 'id.key'))).toBe(true);
    const c = await centerWithId(tempDir());
    const { file } = await ok(c.api, 'system.backupNow', {}, c.token);
    const found = readdirSync(c.dataDir, { recursive: true }).map(String);
    expect(found.some((f) => f.includes('id.key'))).toBe(false);
    expect(file.startsWith(c.dataDir)).toBe(true);
    c.db.close();
  });

  it('round-trips the recovery code and refuses a mistyped one; only the manager may export it', async () => {
    const key = Buffer.from([...Array(32).keys()]);
    const code = recoveryCode(key);
    expect(parseRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toEqual(key);
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    expect(parseRecoveryCode(typo)).toBeNull();
    const { api, db, token } = await centerWithId();
    await ok(api, 'staff.create', { name: '李晓梅', pin: '2468', role: 'staff' }, token);
    const staffTok = (await ok(api, 'staff.login', { staffId: 2, pin: '2468' })).token;
    expect((await fails(api, 'system.exportIdKey', {}, staffTok)).code).toBe('FORBIDDEN');
    db.close();
  });
});
