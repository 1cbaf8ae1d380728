import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../errors/index.js';
import { maskIdNumber, normaliseIdNumber } from './idChecksum.js';

export { idCheckChar, maskIdNumber, normaliseIdNumber, parseIdNumber, type IdFacts } from './idChecksum.js';

/**
 * 居民身份证号码 (GB 11643-1999): checksum, the facts it carries, and how it is kept at rest.
 *
 * At rest an ID number exists only as AES-256-GCM ciphertext plus a keyed HMAC (for "is this ID
 * already registered?") plus a masked copy for screens. Both keys derive from one 32-byte master
 * key from a KeyProvider:
 *  - serve mode and tests: `<dataDir>/keys/id.key`, created 0600 on first use (keyFileProvider);
 *  - Electron: the shell calls `setIdKeyProvider(() => key)` before the host starts, with a key it
 *    keeps encrypted by `safeStorage` (falling back to the key file when safeStorage has no real
 *    backend on Linux).
 */
export type KeyProvider = () => Buffer;

/** Where the master key lives: `plain` (serve mode, 0600) or `sealed` (Electron, safeStorage-encrypted). */
export function idKeyPaths(dataDir: string): { dir: string; plain: string; sealed: string } {
  const dir = join(dataDir, 'keys');
  return { dir, plain: join(dir, 'id.key'), sealed: join(dir, 'id.key.sealed') };
}

export function keyFileProvider(dataDir: string): KeyProvider {
  let cached: Buffer | null = null;
  return () => {
    if (cached) return cached;
    const { dir, plain: file, sealed } = idKeyPaths(dataDir);
    if (!existsSync(file) && existsSync(sealed)) {
      // The desktop app keeps this folder's key in the system keyring; a fresh key here would make
      // every stored ID number unreadable, so refuse instead.
      throw new ApiError('ID_KEY_SEALED');
    }
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // wx: two processes starting at once must not overwrite each other's key.
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    try {
      chmodSync(file, 0o600);
    } catch {
      /* Windows: permissions are the folder's ACL */
    }
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`ID key file ${file} is damaged (expected 32 bytes)`);
    cached = key;
    return key;
  };
}

let overrideProvider: KeyProvider | null = null;
const fileProviders = new Map<string, KeyProvider>();

/** The Electron hook: a key from safeStorage replaces the key file for every data folder. */
export function setIdKeyProvider(provider: KeyProvider | null): void {
  overrideProvider = provider;
  derivedCache = new WeakMap();
}

export function idKeyProviderFor(dataDir: string): KeyProvider {
  if (overrideProvider) return overrideProvider;
  let p = fileProviders.get(dataDir);
  if (!p) fileProviders.set(dataDir, (p = keyFileProvider(dataDir)));
  return p;
}

interface DerivedKeys {
  enc: Buffer;
  mac: Buffer;
}
let derivedCache = new WeakMap<Buffer, DerivedKeys>();

function derive(master: Buffer): DerivedKeys {
  let keys = derivedCache.get(master);
  if (!keys) {
    keys = {
      enc: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'houniao id-number enc v1', 32)),
      mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'houniao id-number mac v1', 32)),
    };
    derivedCache.set(master, keys);
  }
  return keys;
}

/** What is stored for one ID number. */
export interface SealedId {
  cipher: string;
  hmac: string;
  masked: string;
}

export function sealIdNumber(raw: string, key: KeyProvider): SealedId {
  const id = normaliseIdNumber(raw);
  const { enc } = derive(key());
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', enc, iv);
  const ct = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]);
  return {
    cipher: `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`,
    hmac: hmacIdNumber(id, key),
    masked: maskIdNumber(id),
  };
}

export function hmacIdNumber(raw: string, key: KeyProvider): string {
  return createHmac('sha256', derive(key()).mac).update(normaliseIdNumber(raw)).digest('base64');
}

export function openIdNumber(stored: string, key: KeyProvider): string {
  const [version, body] = stored.split(':');
  if (version !== 'v1' || !body) throw new Error('unknown ID cipher version');
  const buf = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', derive(key()).enc, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}
