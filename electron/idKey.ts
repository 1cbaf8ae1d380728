import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { idKeyPaths, type KeyProvider } from '../db/residents/idNumbers.js';

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

/**
 * The master key for ID numbers in the desktop app: kept encrypted by the OS (safeStorage) in
 * `keys/id.key.sealed`. A plain key file left by serve mode is taken over (sealed, then removed) so
 * IDs already stored stay readable. Returns null — keep the 0600 key file — when safeStorage has no
 * real backend, which the log says plainly.
 */
export function sealedIdKeyProvider(dataDir: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform, log: (line: string) => void): KeyProvider | null {
  const paths = idKeyPaths(dataDir);
  if (!safeStorageIsReal(safeStorage, platform)) {
    if (existsSync(paths.sealed)) {
      throw new Error(`身份证号密钥已由系统钥匙串加密，但现在钥匙串不可用 / The ID key is sealed but the system keyring is not available now (${paths.sealed}).`);
    }
    log('[main] 系统钥匙串不可用，身份证号密钥保存在权限 0600 的密钥文件中 / No system keyring: the ID-number key stays in a 0600 key file.');
    return null;
  }
  let key: Buffer;
  if (existsSync(paths.sealed)) {
    key = Buffer.from(safeStorage.decryptString(readFileSync(paths.sealed)), 'base64');
  } else {
    const takingOver = existsSync(paths.plain);
    key = takingOver ? Buffer.from(readFileSync(paths.plain, 'utf8').trim(), 'base64') : randomBytes(32);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    const tmp = `${paths.sealed}.tmp`;
    writeFileSync(tmp, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flush: true });
    renameSync(tmp, paths.sealed);
    if (takingOver) {
      rmSync(paths.plain);
      log('[main] 身份证号密钥已移入系统钥匙串 / The ID-number key file was moved into the system keyring.');
    }
  }
  if (key.length !== 32) throw new Error(`ID key ${paths.sealed} is damaged (expected 32 bytes)`);
  return () => key;
}
