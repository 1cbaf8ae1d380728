import { resolve } from 'node:path';
import { pruneBackups, rotateBackup } from '../db/backup.js';
import { openDatabase, type Db } from '../db/connection.js';
import { seedDemo } from '../db/demo/index.js';
import { backupDir, databasePath } from '../db/paths.js';
import { idKeyProviderFor, useIdKeyDir } from '../db/residents/idNumbers.js';
import { scheduleRetention } from '../db/residents/retention.js';
import { createApi, type Api } from '../db/api/api.js';
import type { PrintEngines } from '../db/printing/engines/types.js';
import { SyncPusher } from '../db/sync/pusher.js';

export interface HostOptions {
  dataDir: string;
  demo?: boolean;
  /** better-sqlite3 compiled for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** Hours between automatic backups; 0 turns them off (tests). */
  backupEveryHours?: number;
  log?: (line: string) => void;
  /** Electron's print engines (`createElectronPrintEngines()` in electron/printing/); serve mode uses Chromium + CUPS. */
  printEngines?: PrintEngines;
  /**
   * Where the ID-number key file lives when it must not sit in the data folder (serve mode's
   * `--key-dir`, or HOUNIAO_KEY_DIR): a copy of the data folder (or of its backups) then holds no
   * key. Ignored when the desktop app has sealed the key with the OS (setIdKeyProvider).
   */
  keyDir?: string | null;
  /** How often the city sync looks for work while idle; 0 turns it off (tests). */
  syncEveryMs?: number;
}

export interface Host {
  db: Db;
  api: Api;
  dataDir: string;
  close(): void;
}

/**
 * Everything a host terminal runs below the screens, shared by the Electron main process and
 * `npm run serve`: the database (migrated), demo data when asked, the API, scheduled backups and
 * the daily retention job (residents not seen for the set months are anonymised).
 */
export function startHost({
  dataDir,
  demo = false,
  nativeBinding,
  backupEveryHours = 24,
  log = console.log,
  printEngines,
  keyDir = process.env.HOUNIAO_KEY_DIR || null,
  syncEveryMs = 5_000,
}: HostOptions): Host {
  useIdKeyDir(dataDir, keyDir ? resolve(keyDir) : null, log);
  const db = openDatabase(databasePath(dataDir), nativeBinding ? { nativeBinding } : {});
  if (demo && seedDemo(db)) log('已写入演示数据 / Demo data seeded into the empty database.');
  const api = createApi({ db, dataDir, printing: printEngines ? { engines: printEngines } : {} });
  let timer: NodeJS.Timeout | undefined;
  if (backupEveryHours > 0) {
    // Encrypted with a key derived from the ID key (never stored beside the backups); old ones go after 14 days.
    pruneBackups(backupDir(dataDir));
    const backup = () =>
      rotateBackup(db, backupDir(dataDir), { key: idKeyProviderFor(dataDir) }).then(
        (file) => log(`备份完成 / Backup written: ${file}`),
        (err) => log(`备份失败 / Backup failed: ${String(err)}`),
      );
    timer = setInterval(backup, backupEveryHours * 3600_000);
    timer.unref();
  }
  const stopRetention = scheduleRetention(db, log);
  // City sync: idle until the center enrols (系统设置 → 市级数据同步); never in the way of a kiosk.
  const pusher = new SyncPusher({ db, idKey: idKeyProviderFor(dataDir), log });
  if (syncEveryMs > 0) pusher.start(syncEveryMs);
  return {
    db,
    api,
    dataDir,
    close() {
      if (timer) clearInterval(timer);
      stopRetention();
      void pusher.stop();
      void api.print.close(); // the PDF browser, if one was started
      db.close();
    },
  };
}
