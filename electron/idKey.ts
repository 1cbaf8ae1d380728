import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { idKeyPaths, plainKeyPath, readKeyFile, writeKeyFile, type KeyProvider } from '../db/residents/idNumbers.js';

/** The part of Electron's `safeStorage` this module uses (a stand-in in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store backs it; 'basic_text' means a hard-coded password, i.e. no protection. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Whether safeStorage really protects a secret on this machine (DPAPI, Keychain, a Linux keyring). */
export function safeStorageIsReal(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

export interface SealOptions {
  /**
   * Linux only: the technician states that this user's keyring is unlocked at every login (a
   * password login that unlocks it through PAM, not an automatic login). Only then is the 0600 key
   * file removed after sealing; otherwise it stays as the fallback for a boot where the keyring is
   * still locked. HOUNIAO_KEYRING_UNLOCKED=1.
   */
  keyringUnlocked?: boolean;
  /** Where the 0600 key file lives when it must not sit in the data folder (HOUNIAO_KEY_DIR). */
  keyDir?: string | null;
}

const recoveryHint = '请用管理员导出的恢复码恢复（npm run restore，见 README“备份与恢复”） / Restore it with the recovery code the manager exported (npm run restore, see README).';

/**
 * The master key for ID numbers in the desktop app, kept encrypted by the OS (safeStorage) in
 * `keys/id.key.sealed`. safeStorage opens it only for this OS user on this PC, so:
 *  - the manager exports a recovery code once (系统设置 → system.exportIdKey), the way back on a
 *    replacement PC; a plain key file there (left by `npm run restore` or serve mode) is taken over;
 *  - on Windows and macOS the plain file is removed once sealed; on Linux it is kept (0600) unless
 *    the keyring is known to be unlocked at login, because a kiosk that logs in automatically may
 *    find its keyring locked: then the sealed copy cannot be opened and the file is used instead.
 * Returns null — use the 0600 key file — when safeStorage has no real backend, which the log says.
 */
export function sealedIdKeyProvider(
  dataDir: string,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  log: (line: string) => void,
  options: SealOptions = {
    keyringUnlocked: process.env.HOUNIAO_KEYRING_UNLOCKED === '1',
    keyDir: process.env.HOUNIAO_KEY_DIR || null,
  },
): KeyProvider | null {
  const paths = idKeyPaths(dataDir);
  const plain = plainKeyPath(dataDir, options.keyDir);
  const keepPlain = platform === 'linux' && !options.keyringUnlocked;
  if (!safeStorageIsReal(safeStorage, platform)) {
    if (existsSync(paths.sealed) && !existsSync(plain)) {
      throw new Error(`身份证号密钥已由系统钥匙串加密，但现在钥匙串不可用 / The ID key is sealed but the system keyring is not available now (${paths.sealed}). ${recoveryHint}`);
    }
    log('[main] 系统钥匙串不可用，身份证号密钥保存在权限 0600 的密钥文件中 / No system keyring: the ID-number key stays in a 0600 key file.');
    return null;
  }
  let key: Buffer;
  if (existsSync(paths.sealed)) {
    try {
      key = Buffer.from(safeStorage.decryptString(readFileSync(paths.sealed)), 'base64');
    } catch (err) {
      // A locked keyring, another OS user, another PC: the sealed copy does not open.
      if (existsSync(plain)) {
        log(`[main] 系统钥匙串打不开身份证号密钥（${String(err)}），改用 0600 密钥文件 / The keyring did not open the sealed key; using the 0600 key file.`);
        return fileKey(plain);
      }
      throw new Error(`身份证号密钥打不开：它只能由当初的电脑和系统用户解开 / The sealed ID key opens only for the OS user and PC that sealed it. ${recoveryHint}`, {
        cause: err,
      });
    }
    if (key.length !== 32) throw new Error(`ID key ${paths.sealed} is damaged (expected 32 bytes)`);
    if (keepPlain && !existsSync(plain)) writeKeyFile(plain, key);
  } else {
    const takingOver = existsSync(plain);
    key = takingOver ? readKeyFile(plain) : randomBytes(32);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    const tmp = `${paths.sealed}.tmp`;
    writeFileSync(tmp, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flush: true });
    renameSync(tmp, paths.sealed);
    if (takingOver) log('[main] 身份证号密钥已移入系统钥匙串 / The ID-number key file was moved into the system keyring.');
    if (keepPlain && !takingOver) writeKeyFile(plain, key);
  }
  if (keepPlain) {
    log('[main] Linux：身份证号密钥另存一份 0600 密钥文件，以防开机时钥匙串未解锁 / Linux: a 0600 copy of the ID key stays in case the keyring is locked at boot.');
  } else if (existsSync(plain) && readKeyFile(plain).equals(key)) {
    rmSync(plain);
  }
  return () => key;
}

function fileKey(file: string): KeyProvider {
  const key = readKeyFile(file);
  return () => key;
}
