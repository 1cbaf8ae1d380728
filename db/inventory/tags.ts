/**
 * Asset labels. The QR holds a versioned payload with only the tag (`HNA1:LY-0001`) so a label never
 * carries personal data and a future format can be told apart; scanners may also type the bare tag.
 */
export const ASSET_PAYLOAD_PREFIX = 'HNA1:';

export function assetPayload(tag: string): string {
  return ASSET_PAYLOAD_PREFIX + tag;
}

/** The tag a scan or typed entry stands for: `HNA1:LY-0001`, `hna1:ly-0001` or `LY-0001` → `LY-0001`. */
export function parseAssetCode(code: string): string {
  const text = code.trim();
  const bare = text.toUpperCase().startsWith(ASSET_PAYLOAD_PREFIX) ? text.slice(ASSET_PAYLOAD_PREFIX.length) : text;
  return bare.trim().toUpperCase();
}

export function formatTag(prefix: string, no: number): string {
  return `${prefix}-${String(no).padStart(4, '0')}`;
}
