import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname as machineName, networkInterfaces } from 'node:os';

/**
 * Who may talk to the LAN transport, decided from the request's own headers before anything is
 * parsed further: the Host it was addressed to (DNS rebinding), the Origin of the page that sent
 * it (cross-site requests from any browser on the building's network or on the host) and whether
 * it is the host itself. Pure string handling, no URL parser: these are untrusted bytes.
 */

export interface GateOptions {
  trustLoopback?: boolean;
}

function isLoopbackAddress(addr: string): boolean {
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

/** The host itself: a loopback connection that does not say it stands in for a remote client. */
export function isHostRequest(req: IncomingMessage, { trustLoopback = true }: GateOptions = {}): boolean {
  if (!trustLoopback) return false;
  return isLoopbackAddress(req.socket.remoteAddress ?? '') && req.headers['x-houniao-remote'] === undefined;
}

export interface Authority {
  /** Lower-case; an IPv6 literal without its brackets. */
  hostname: string;
  port: number | null;
}

const REG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$/;

/** `host[:port]` as in a Host header or an origin; null when it is not one. */
export function parseAuthority(value: string): Authority | null {
  const text = value.trim().toLowerCase();
  if (!text || text.length > 300) return null;
  let hostname: string;
  let rest: string;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) return null;
    hostname = text.slice(1, end);
    if (isIP(hostname) !== 6) return null;
    rest = text.slice(end + 1);
  } else {
    const colon = text.indexOf(':');
    hostname = colon < 0 ? text : text.slice(0, colon);
    rest = colon < 0 ? '' : text.slice(colon);
    if (!REG_NAME.test(hostname)) return null;
  }
  if (!rest) return { hostname, port: null };
  if (!/^:\d{1,5}$/.test(rest)) return null;
  const port = Number(rest.slice(1));
  return port <= 65535 ? { hostname, port } : null;
}

/** The names this server answers to: loopback names and this machine's name always, plus whatever the caller configured. */
export interface HostRule {
  /** The address we listen on ('0.0.0.0' / '::' = every address of this machine). */
  listenHost: string;
  /** Extra names a technician gave the host (e.g. `houniao.local`), from serve's --public-name. */
  publicNames?: readonly string[];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

let interfaceCache: { at: number; addresses: Set<string>; names: Set<string> } | undefined;
/**
 * This machine's own addresses and its own name (`front-desk`, `front-desk.local`), re-read at
 * most every 10 s (DHCP may hand out a new address). A page elsewhere cannot make a browser in
 * the building resolve our machine name to us without owning the building's own name service.
 */
function own(): { addresses: Set<string>; names: Set<string> } {
  const now = Date.now();
  if (!interfaceCache || now - interfaceCache.at > 10_000) {
    const addresses = new Set<string>();
    for (const list of Object.values(networkInterfaces())) for (const nic of list ?? []) addresses.add(nic.address.toLowerCase().replace(/%.*$/, ''));
    const name = machineName().toLowerCase();
    interfaceCache = { at: now, addresses, names: new Set(name ? [name, `${name.replace(/\.local$/, '')}.local`] : []) };
  }
  return interfaceCache;
}

/**
 * Host may name only us: a loopback name, this machine's name, the address we listen on (any of
 * our own addresses when listening on all of them) or a configured name. Anything else — `evil.example` that
 * resolves to 127.0.0.1 or to our LAN address — is a DNS-rebinding page reading our answers.
 */
export function hostAllowed(header: string | undefined, rule: HostRule): boolean {
  if (!header) return false;
  const authority = parseAuthority(header);
  if (!authority) return false;
  const name = authority.hostname;
  if (LOOPBACK_NAMES.has(name) || (name.startsWith('127.') && isIP(name) === 4)) return true;
  if (rule.publicNames?.some((n) => n.toLowerCase() === name)) return true;
  if (own().names.has(name)) return true;
  const listen = rule.listenHost.toLowerCase().replace(/^\[|\]$/g, '');
  if (WILDCARD.has(listen)) return isIP(name) !== 0 && own().addresses.has(name);
  return name === listen;
}

/**
 * Origin, when a browser sends one, must be the very origin the request was addressed to:
 * `http://` + the Host header (default port 80 either way). `null`, another scheme, another name
 * or another port is a page from somewhere else — refused even on the host's own loopback.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  const host = hostHeader ? parseAuthority(hostHeader) : null;
  if (!host) return false;
  const m = /^http:\/\/([^/?#@]+)$/i.exec(origin.trim());
  const from = m ? parseAuthority(m[1]!) : null;
  if (!from) return false;
  return from.hostname === host.hostname && (from.port ?? 80) === (host.port ?? 80);
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}
