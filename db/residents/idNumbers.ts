import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError } from '../errors/index.js';
import { maskIdNumber, normaliseIdNumber } from './idChecksum.js';

export { idCheckChar, maskIdNumber, normaliseIdNumber, parseIdNumber, type IdFacts } from './idChecksum.js';

/**
 * 居民身份证号码 (GB 11643-1999): checksum, the facts it carries, and how it is kept at rest.
 *
 * At rest an ID number exists only as AES-256-GCM ciphertext plus a keyed HMAC (for "is this ID
 * already registered?") plus a masked copy for screens. Both keys (and the backup key, see
 * db/backup.ts) derive from one 32-byte master key from a KeyProvider:
 *  - serve mode and tests: `<dataDir>/keys/id.key`, created 0600 on first use (keyFileProvider), or
 *    `<keyDir>/id.key` when the key is kept outside the data folder (`--key-dir` /
 *    HOUNIAO_KEY_DIR, registered with `useIdKeyDir`): a copy of the data folder then holds no key;
 *  - Electron: the shell calls `setIdKeyProvider(() => key)` before the host starts, with a key it
 *    keeps encrypted by `safeStorage` (electron/idKey.ts).
 * The manager exports the master key once as a recovery code (`recoveryCode`); it restores the key
 * on a replacement PC (`restoreFromBackup` in db/backup.ts).
 */
export type KeyProvider = () => Buffer;

/** Where the master key lives: `plain` (serve mode, 0600) or `sealed` (Electron, safeStorage-encrypted). */
export function idKeyPaths(dataDir: string): { dir: string; plain: string; sealed: string } {
  const dir = join(dataDir, 'keys');
  return { dir, plain: join(dir, 'id.key'), sealed: join(dir, 'id.key.sealed') };
}

/** The plain key file: in `keyDir` when one is given, else in the data folder. */
export function plainKeyPath(dataDir: string, keyDir?: string | null): string {
  return keyDir ? join(keyDir, 'id.key') : idKeyPaths(dataDir).plain;
}

/** Writes a key file 0600 (its folder 0700), atomically, never over another key. */
export function writeKeyFile(file: string, key: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // wx: two processes starting at once must not overwrite each other's key.
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx', flush: true });
}

export function readKeyFile(file: string): Buffer {
  try {
    chmodSync(file, 0o600);
  } catch {
    /* Windows: permissions are the folder's ACL */
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`ID key file ${file} is damaged (expected 32 bytes)`);
  return key;
}

export function keyFileProvider(dataDir: string, options: { keyDir?: string | null; log?: (line: string) => void } = {}): KeyProvider {
  let cached: Buffer | null = null;
  return () => {
    if (cached) return cached;
    const { plain: inDataDir, sealed } = idKeyPaths(dataDir);
    const file = plainKeyPath(dataDir, options.keyDir);
    if (file !== inDataDir && !existsSync(file) && existsSync(inDataDir)) {
      // Moving the key out of the data folder: the IDs stored so far stay readable.
      writeKeyFile(file, readKeyFile(inDataDir));
      rmSync(inDataDir);
      options.log?.(`身份证号密钥已移出数据目录 / The ID key was moved out of the data folder to ${file}.`);
    }
    if (!existsSync(file) && existsSync(sealed)) {
      // The desktop app keeps this folder's key in the system keyring; a fresh key here would make
      // every stored ID number unreadable, so refuse instead.
      throw new ApiError('ID_KEY_SEALED');
    }
    if (!existsSync(file)) {
      try {
        writeKeyFile(file, randomBytes(32));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    cached = readKeyFile(file);
    return cached;
  };
}

let overrideProvider: KeyProvider | null = null;
const fileProviders = new Map<string, KeyProvider>();

/** The Electron hook: a key from safeStorage replaces the key file for every data folder. */
export function setIdKeyProvider(provider: KeyProvider | null): void {
  overrideProvider = provider;
  derivedCache = new WeakMap();
}

/** Serve mode's `--key-dir`: the key of `dataDir` lives in `keyDir` (outside the data folder). */
export function useIdKeyDir(dataDir: string, keyDir: string | null, log?: (line: string) => void): void {
  if (keyDir) fileProviders.set(dataDir, keyFileProvider(dataDir, { keyDir, ...(log ? { log } : {}) }));
  else fileProviders.delete(dataDir);
}

export function idKeyProviderFor(dataDir: string): KeyProvider {
  if (overrideProvider) return overrideProvider;
  let p = fileProviders.get(dataDir);
  if (!p) fileProviders.set(dataDir, (p = keyFileProvider(dataDir)));
  return p;
}

/**
 * The master key as a code a person can print or copy by hand: 52 characters of base 32 (the card
 * alphabet, no 0/O/1/I) plus 4 check characters, in 14 groups of four.
 */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const checkChars = (key: Buffer) => toBase32(createHash('sha256').update('houniao recovery v1').update(key).digest().subarray(0, 3)).slice(0, 4);

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += CODE_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function recoveryCode(key: Buffer): string {
  const body = toBase32(key) + checkChars(key);
  return body.match(/.{4}/g)!.join('-');
}

/** A typed or scanned recovery code (any case, spaces or dashes) → the key, or null when it is not one. */
export function parseRecoveryCode(text: string): Buffer | null {
  const s = text.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== 56 || [...s].some((ch) => !CODE_ALPHABET.includes(ch))) return null;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of s.slice(0, 52)) {
    value = (value << 5) | CODE_ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const key = Buffer.from(bytes.slice(0, 32));
  return key.length === 32 && checkChars(key) === s.slice(52) ? key : null;
}

/** Finds a recovery code in an exported file's text (or takes the text as the code). */
export function findRecoveryCode(text: string): Buffer | null {
  for (const m of text.matchAll(/[0-9A-Za-z]{4}(?:[-\s][0-9A-Za-z]{4}){13}/g)) {
    const key = parseRecoveryCode(m[0]);
    if (key) return key;
  }
  return parseRecoveryCode(text);
}

/** Does `key` open the ID numbers stored in `db`? null when none are stored (nothing to check against). */
export function keyOpensIds(db: { prepare(sql: string): { get(): unknown } }, key: Buffer): boolean | null {
  const row = db.prepare('SELECT id_cipher FROM residents WHERE id_cipher IS NOT NULL LIMIT 1').get() as { id_cipher: string } | undefined;
  if (!row) return null;
  try {
    openIdNumber(row.id_cipher, () => key);
    return true;
  } catch {
    return false;
  }
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
