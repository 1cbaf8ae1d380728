/**
 * Where our screens come from. Node's URL gives custom schemes an opaque origin ("null"), while
 * Chromium gives a registered standard scheme a real one, so origins are built from protocol + host.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'houniao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const WEB_PROTOCOLS = new Set(['http:', 'https:', `${APP_SCHEME}:`]);

/** "app://houniao" for "app://houniao/kiosk?x"; null for anything unparsable or of another kind (file:, data:, about:). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!WEB_PROTOCOLS.has(parsed.protocol) || !parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export type TrustCheck = (url: string) => boolean;

/** Accepts a URL (or a bare origin) only when its origin is one of ours. */
export function createTrustCheck(origins: readonly string[]): TrustCheck {
  const trusted = new Set(origins.map((o) => originOf(o)).filter((o): o is string => o !== null));
  return (url) => {
    const origin = originOf(url);
    return origin !== null && trusted.has(origin);
  };
}

/** Production screens come from app://houniao; `npm run dev` screens from the Vite server. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  if (devServerUrl) {
    const dev = originOf(devServerUrl);
    if (!dev) throw new Error(`VITE_DEV_SERVER_URL is not an http(s) URL: ${devServerUrl}`);
    return [dev];
  }
  return [APP_ORIGIN];
}
