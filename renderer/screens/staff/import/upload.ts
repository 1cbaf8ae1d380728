/** Raw bytes per request: 384 KiB is 512 KiB of base64, well inside the LAN server's request limit. */
export const PIECE_BYTES = 384 * 1024;

/** Bytes as base64 without building one huge string of characters first. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file in pieces for `imports.upload`. */
export function* pieces(bytes: Uint8Array): Generator<{ part: string; last: boolean; done: number }> {
  if (bytes.length === 0) yield { part: '', last: true, done: 0 };
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
    const end = Math.min(bytes.length, at + PIECE_BYTES);
    yield { part: toBase64(bytes.subarray(at, end)), last: end >= bytes.length, done: end };
  }
}
