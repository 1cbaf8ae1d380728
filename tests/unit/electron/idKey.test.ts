import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sealedIdKeyProvider, safeStorageIsReal } from '../../../electron/idKey.js';
import { idKeyPaths, keyFileProvider, openIdNumber, sealIdNumber } from '../../../db/residents/idNumbers.js';
import { tempDir } from '../../helpers/tempDb.js';
import { fakeSafeStorage } from './fakes.js';

const ID = '11010519491231002X';

describe('the ID-number key in the desktop app', () => {
  it('trusts DPAPI/Keychain, and on Linux only a real keyring', () => {
    expect(safeStorageIsReal(fakeSafeStorage('basic_text'), 'win32')).toBe(true);
    expect(safeStorageIsReal(fakeSafeStorage('gnome_libsecret'), 'linux')).toBe(true);
    expect(safeStorageIsReal(fakeSafeStorage('kwallet5'), 'linux')).toBe(true);
    expect(safeStorageIsReal(fakeSafeStorage('basic_text'), 'linux')).toBe(false);
    expect(safeStorageIsReal(fakeSafeStorage('gnome_libsecret', false), 'darwin')).toBe(false);
  });

  it('creates a key sealed by the keyring and leaves no plain key file; the same key comes back next start', () => {
    const dir = tempDir();
    const lines: string[] = [];
    const first = sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', (l) => lines.push(l))!;
    const sealed = sealIdNumber(ID, first);
    const paths = idKeyPaths(dir);
    expect(existsSync(paths.sealed)).toBe(true);
    expect(existsSync(paths.plain)).toBe(false);
    expect(readFileSync(paths.sealed).toString()).not.toContain(first().toString('base64'));
    if (process.platform !== 'win32') expect(statSync(paths.sealed).mode & 0o777).toBe(0o600);

    const again = sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {})!;
    expect(openIdNumber(sealed.cipher, again)).toBe(ID);
  });

  it('takes over the key file serve mode made, so IDs stored before stay readable', () => {
    const dir = tempDir();
    const stored = sealIdNumber(ID, keyFileProvider(dir));
    const lines: string[] = [];
    const provider = sealedIdKeyProvider(dir, fakeSafeStorage(), 'win32', (l) => lines.push(l))!;
    expect(openIdNumber(stored.cipher, provider)).toBe(ID);
    expect(existsSync(idKeyPaths(dir).plain)).toBe(false);
    expect(lines.join('\n')).toContain('moved into the system keyring');
  });

  it('keeps the 0600 key file when there is no real keyring, and says so', () => {
    const dir = tempDir();
    const lines: string[] = [];
    expect(sealedIdKeyProvider(dir, fakeSafeStorage('basic_text'), 'linux', (l) => lines.push(l))).toBeNull();
    expect(lines.join('\n')).toContain('0600 key file');
  });

  it('refuses to start without the keyring that sealed the key, and serve mode refuses to make a new key', () => {
    const dir = tempDir();
    sealedIdKeyProvider(dir, fakeSafeStorage(), 'linux', () => {});
    expect(() => sealedIdKeyProvider(dir, fakeSafeStorage('basic_text'), 'linux', () => {})).toThrow(/keyring/);
    expect(() => keyFileProvider(dir)()).toThrow(expect.objectContaining({ code: 'ID_KEY_SEALED' }));
    expect(existsSync(idKeyPaths(dir).plain)).toBe(false);
  });
});
