import type Database from 'better-sqlite3';
import DatabaseCtor from 'better-sqlite3';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from './paths.js';
import { findRecoveryCode, idKeyPaths, keyOpensIds, plainKeyPath, writeKeyFile, type KeyProvider } from './residents/idNumbers.js';

/**
 * Backups (issues 11.6, 12.20).
 *
 * A backup is ONE self-contained file, `backups/houniao-<time>.hnbak`: SQLite's online backup of the
 * live database (safe while the app writes, and unlike db.serialize safe under Electron's V8
 * sandbox), switched to journal_mode=DELETE and vacuumed (no -wal/-shm ever appears beside it, no
 * free pages), then encrypted with AES-256-GCM under a backup key derived from the ID master key.
 * That key is never stored beside the backups: in the desktop app it is sealed by the OS
 * (safeStorage), in serve mode it lives in `--key-dir` outside the data folder (if the technician
 * set one). The manager's recovery code (系统设置) opens the backups on a replacement PC.
 *
 * Rotation keeps the newest 14 files and nothing older than 14 days, so a person erased today is
 * gone from every backup within 14 days. Stray -wal/-shm files and half-written copies are removed.
 */
const MAGIC = Buffer.from('HNBAK01\n');
export const BACKUP_KEEP = 14;
export const BACKUP_KEEP_DAYS = 14;

export function backupKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'houniao backup v1', 32));
}

/** A plain, self-contained copy of the live database at `dest` (journal_mode=DELETE, vacuumed). */
export async function backupDatabase(db: Database.Database, dest: string): Promise<string> {
  mkdirSync(dirname(dest), { recursive: true });
  await db.backup(dest);
  // Through the live connection (its native binding is the one that works under Electron): the
  // copy leaves WAL mode, so opening it later makes no -wal/-shm, and loses its free pages.
  db.prepare('ATTACH DATABASE ? AS backup_copy').run(dest);
  try {
    db.pragma('backup_copy.journal_mode = DELETE');
    db.exec('VACUUM backup_copy');
  } finally {
    db.exec('DETACH DATABASE backup_copy');
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dest + suffix, { force: true });
  return dest;
}

export function encryptBackup(plain: Buffer, master: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', backupKey(master), iv);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

/** The SQLite file inside an encrypted backup; throws a plain message when the key is not the right one. */
export function decryptBackup(file: Buffer, master: Buffer): Buffer {
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('不是候鸟驿站的加密备份文件 / Not an encrypted 候鸟驿站 backup.');
  const iv = file.subarray(MAGIC.length, MAGIC.length + 12);
  const tag = file.subarray(MAGIC.length + 12, MAGIC.length + 28);
  const decipher = createDecipheriv('aes-256-gcm', backupKey(master), iv);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(file.subarray(MAGIC.length + 28)), decipher.final()]);
  } catch {
    throw new Error('这个恢复码（密钥）打不开此备份，或备份文件已损坏 / This key does not open the backup, or the file is damaged.');
  }
}

/** An encrypted backup at `dest`: written beside as `.part`, renamed when complete. */
export async function writeEncryptedBackup(db: Database.Database, dest: string, key: KeyProvider): Promise<string> {
  const master = key(); // before any file is written: no key, no backup
  const plainCopy = `${dest}.part.db`;
  try {
    await backupDatabase(db, plainCopy);
    const tmp = `${dest}.part`;
    writeFileSync(tmp, encryptBackup(readFileSync(plainCopy), master), { mode: 0o600, flush: true });
    renameSync(tmp, dest);
  } finally {
    rmSync(plainCopy, { force: true });
  }
  return dest;
}

const BACKUP_NAME = /^houniao-(\d{4}-\d{2}-\d{2}T[\d-]+Z)\.(db|hnbak)$/;

/** A timestamped encrypted backup in `dir`; older ones beyond `keep` files or `keepDays` days are removed. */
export async function rotateBackup(db: Database.Database, dir: string, options: { key: KeyProvider; keep?: number; keepDays?: number; now?: Date }): Promise<string> {
  const now = options.now ?? new Date();
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = await writeEncryptedBackup(db, join(dir, `houniao-${stamp}.hnbak`), options.key);
  pruneBackups(dir, { keep: options.keep ?? BACKUP_KEEP, keepDays: options.keepDays ?? BACKUP_KEEP_DAYS, now });
  return file;
}

/** Removes backups beyond the newest `keep` or older than `keepDays`, and every stray -wal/-shm/part file. */
export function pruneBackups(dir: string, { keep = BACKUP_KEEP, keepDays = BACKUP_KEEP_DAYS, now = new Date() } = {}): string[] {
  if (!existsSync(dir)) return [];
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString().replace(/[:.]/g, '-');
  const removed: string[] = [];
  const names = readdirSync(dir);
  const backups = names.filter((f) => BACKUP_NAME.test(f)).sort((a, b) => (a.match(BACKUP_NAME)![1]! < b.match(BACKUP_NAME)![1]! ? 1 : -1));
  backups.forEach((f, i) => {
    if (i >= keep || f.match(BACKUP_NAME)![1]! < cutoff) removed.push(f);
  });
  for (const f of names) if (/^houniao-.*(-wal|-shm|-journal|\.part|\.part\.db)$/.test(f)) removed.push(f);
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return removed;
}

/**
 * Restoring onto a replacement PC (or after a disk failure): the backup is decrypted with the
 * recovery code into `<dataDir>/houniao.db`, and the code becomes this data folder's ID key (in
 * `keyDir` if given). A database already there is kept aside, never overwritten; so is a different
 * key, and a key sealed by a desktop app on this PC is set aside so that the desktop app takes over
 * the restored key at its next start. Refuses a code that does not open the backup's ID numbers.
 */
export function restoreFromBackup(options: { backupFile: string; code: string; dataDir: string; keyDir?: string | null; now?: Date }): {
  database: string;
  keyFile: string;
  setAside: string[];
} {
  const master = findRecoveryCode(options.code);
  if (!master) throw new Error('恢复码不正确，请逐组核对 / The recovery code is not valid; check it group by group.');
  const plain = decryptBackup(readFileSync(options.backupFile), master);
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const setAside: string[] = [];
  const aside = (file: string) => {
    if (!existsSync(file)) return;
    renameSync(file, `${file}.before-restore-${stamp}`);
    setAside.push(`${file}.before-restore-${stamp}`);
  };
  const dbFile = databasePath(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  const tmp = `${dbFile}.restoring`;
  writeFileSync(tmp, plain, { mode: 0o600, flush: true });
  const check = new DatabaseCtor(tmp);
  try {
    if (check.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('备份文件已损坏 / The backup is damaged.');
    if (keyOpensIds(check, master) === false) throw new Error('这个恢复码打不开备份中的身份证号 / This code does not open the ID numbers in the backup.');
  } catch (err) {
    check.close();
    rmSync(tmp, { force: true });
    throw err;
  }
  check.close();
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) aside(f);
  renameSync(tmp, dbFile);
  const keyFile = plainKeyPath(options.dataDir, options.keyDir);
  const existing = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null;
  if (existing !== master.toString('base64')) {
    aside(keyFile);
    writeKeyFile(keyFile, master);
  }
  aside(idKeyPaths(options.dataDir).sealed);
  return { database: dbFile, keyFile, setAside };
}
