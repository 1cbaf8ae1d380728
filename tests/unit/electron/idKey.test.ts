import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealedIdKeyProvider, safeStorageIsReal } from '../../../electron/idKey.js';
import { idKeyPaths, keyFileProvider, openIdNumber, recoveryCode, sealIdNumber } from '../../../db/residents/idNumbers.js';
import { restoreFromBackup, rotateBackup } from '../../../db/backup.js';
import { openDatabase } from '../../../db/connection.js';
import { databasePath } from '../../../db/paths.js';
import { tempDir } from '../../helpers/tempDb.js';
import { fakeSafeStorage } from './fakes.js';

const ID = '11010519491231002X';
const UNLOCKED = { keyringUnlocked: true };

describe('the ID-number key in the desktop app', () => {
  it('trusts DPAPI/Keychain, and on Linux only a real keyring', () => {
    expect(safeStorageIsReal(fakeSafeStorage('basic_text'), 'win32')).toBe(true);
    expect(safeStorageIsReal(fakeSafeStorage('gnome_libsecret'), 'linux')).toBe(true);
    expect(safeStorageIsReal(fakeSafeStorage('kwallet5'), 'linux')).toBe(true);
    expect(safeStorageIsReal(fakeSafeStorage('basic_text'), 'linux')).toBe(false);
    expect(safeStorageIsReal(fakeSafeStorage('gnome_libsecret', false), 'darwin')).toBe(false);
  });

  it('creates a key sealed by the keyring and leaves no plain key file (Linux with a keyring known unlocked); the same key comes back next start', () => {
    const dir = tempDir();
    const lines: string[] = [];
    const first = sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', (l) => lines.push(l), UNLOCKED)!;
    const sealed = sealIdNumber(ID, first);
    const paths = idKeyPaths(dir);
    expect(existsSync(paths.sealed)).toBe(true);
    expect(existsSync(paths.plain)).toBe(false);
    expect(readFileSync(paths.sealed).toString()).not.toContain(first().toString('base64'));
    if (process.platform !== 'win32') expect(statSync(paths.sealed).mode & 0o777).toBe(0o600);

    const again = sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {}, UNLOCKED)!;
    expect(openIdNumber(sealed.cipher, again)).toBe(ID);
  });

  it('takes over the key file serve mode made, so IDs stored before stay readable', () => {
    const dir = tempDir();
    const stored = sealIdNumber(ID, keyFileProvider(dir));
    const lines: string[] = [];
    const provider = sealedIdKeyProvider(dir, fakeSafeStorage(), 'win32', (l) => lines.push(l), {})!;
    expect(openIdNumber(stored.cipher, provider)).toBe(ID);
    expect(existsSync(idKeyPaths(dir).plain)).toBe(false);
    expect(lines.join('\n')).toContain('moved into the system keyring');
  });

  it('keeps the 0600 key file when there is no real keyring, and says so', () => {
    const dir = tempDir();
    const lines: string[] = [];
    expect(sealedIdKeyProvider(dir, fakeSafeStorage('basic_text'), 'linux', (l) => lines.push(l), {})).toBeNull();
    expect(lines.join('\n')).toContain('0600 key file');
  });

  it('refuses to start without the keyring that sealed the key, and serve mode refuses to make a new key', () => {
    const dir = tempDir();
    sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {}, UNLOCKED);
    expect(() => sealedIdKeyProvider(dir, fakeSafeStorage('basic_text'), 'linux', () => {}, UNLOCKED)).toThrow(/keyring/);
    expect(() => keyFileProvider(dir)()).toThrow(expect.objectContaining({ code: 'ID_KEY_SEALED' }));
    expect(existsSync(idKeyPaths(dir).plain)).toBe(false);
  });
});

/** safeStorage of another PC (or OS user): it opens only what it sealed itself. */
function otherPcSafeStorage() {
  const seal = (text: string) => Buffer.from(`other-pc:${Buffer.from(text).toString('hex')}`);
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: seal,
    decryptString: (buf: Buffer) => {
      const s = buf.toString();
      if (!s.startsWith('other-pc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(s.slice(9), 'hex').toString();
    },
  };
}

/** A keyring that is still locked (an automatic login on a Linux kiosk). */
function lockedKeyring() {
  return {
    ...fakeSafeStorage(),
    decryptString: () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    },
  };
}

describe('the sealed ID key opens only on this PC: recovery (issue 13.11)', () => {
  it('on Linux keeps the 0600 key file unless the keyring is known unlocked, and uses it when the keyring is locked at boot', () => {
    const dir = tempDir();
    const lines: string[] = [];
    const first = sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', (l) => lines.push(l), {})!;
    const stored = sealIdNumber(ID, first);
    const paths = idKeyPaths(dir);
    expect(existsSync(paths.sealed)).toBe(true);
    expect(existsSync(paths.plain)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(paths.plain).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toContain('keyring is locked at boot');
    // Next boot, auto-login: the keyring is locked, the sealed copy does not open; the file does.
    const booted = sealedIdKeyProvider(dir, lockedKeyring(), 'linux', (l) => lines.push(l), {})!;
    expect(openIdNumber(stored.cipher, booted)).toBe(ID);
    expect(lines.at(-1)).toContain('using the 0600 key file');
    // Known unlocked (HOUNIAO_KEYRING_UNLOCKED=1): the file goes, the sealed copy is the only one.
    sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {}, { keyringUnlocked: true });
    expect(existsSync(paths.plain)).toBe(false);
    // A key sealed earlier without the file gets its 0600 copy back once the keyring opens it.
    sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {}, {});
    expect(readFileSync(paths.plain, 'utf8').trim()).toBe(first().toString('base64'));
  });

  it('keeps the Linux fallback file in HOUNIAO_KEY_DIR when one is set, not in the data folder', () => {
    const dir = tempDir();
    const keyDir = tempDir();
    sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {}, { keyDir });
    expect(existsSync(idKeyPaths(dir).plain)).toBe(false);
    expect(existsSync(join(keyDir, 'id.key'))).toBe(true);
  });

  it('on a replacement PC the sealed key does not open and says how to recover; the recovery code and a backup bring every ID number back', async () => {
    // The old PC: a Windows desktop app, key sealed by DPAPI, plain file gone, a resident with an ID, a backup.
    const oldData = tempDir();
    const oldKey = sealedIdKeyProvider(oldData, fakeSafeStorage(), 'win32', () => {}, {})!;
    expect(existsSync(idKeyPaths(oldData).plain)).toBe(false);
    const code = recoveryCode(oldKey()); // what the manager printed from 系统设置
    const db = openDatabase(databasePath(oldData));
    const at = '2026-12-01T02:00:00.000Z';
    const sealed = sealIdNumber(ID, oldKey);
    db.prepare('INSERT INTO residents (card_no, name, phone, id_cipher, id_hmac, id_masked, created_at, updated_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      'K7MP3Q9X',
      '张建国',
      '13900001234',
      sealed.cipher,
      sealed.hmac,
      sealed.masked,
      at,
      at,
      at,
    );
    const backup = await rotateBackup(db, join(oldData, 'backups'), { key: oldKey });
    db.close();

    // Copying the whole data folder to the new PC is not enough: its OS cannot open the sealed key.
    const copied = tempDir();
    cpSync(oldData, copied, { recursive: true });
    expect(() => sealedIdKeyProvider(copied, otherPcSafeStorage(), 'win32', () => {}, {})).toThrow(/恢复码/);

    // The new PC, already started once (its own sealed key), restored with the code.
    const newData = tempDir();
    sealedIdKeyProvider(newData, otherPcSafeStorage(), 'win32', () => {}, {});
    const restored = restoreFromBackup({ backupFile: backup, code, dataDir: newData });
    expect(restored.setAside.some((f) => f.includes('id.key.sealed'))).toBe(true);
    const lines: string[] = [];
    const newKey = sealedIdKeyProvider(newData, otherPcSafeStorage(), 'win32', (l) => lines.push(l), {})!;
    expect(lines.join('\n')).toContain('moved into the system keyring');
    expect(existsSync(idKeyPaths(newData).plain)).toBe(false); // sealed by the new PC's OS now
    const db2 = openDatabase(databasePath(newData));
    const row = db2.prepare('SELECT id_cipher FROM residents').get() as { id_cipher: string };
    expect(openIdNumber(row.id_cipher, newKey)).toBe(ID);
    db2.close();
  });
});
