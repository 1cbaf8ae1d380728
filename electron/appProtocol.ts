import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin.js';

/**
 * The screens are served from app://houniao/ rather than file://: a real origin for CSP 'self',
 * fetch and history routing, and no file-system reach beyond dist/renderer.
 * Must run before the app's ready event.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** The three screens of the single-page app (vue-router history mode); every path below them is index.html. */
const SCREEN_PATH = /^\/(kiosk|staff|display|rating)(\/.*)?$/;

export type AppResolution = { status: 200; file: string } | { status: 400 | 403 | 404 | 405; reason: string };

/** Decides which file under rootDir answers a request, refusing anything that would leave it. Pure apart from the caller's stat. */
export function resolveAppRequest(url: string, method: string, rootDir: string): AppResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400, reason: 'unparsable URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return { status: 404, reason: `unknown host ${parsed.host}` };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: `method ${method}` };
  const root = resolve(rootDir);
  const index = resolve(root, 'index.html');
  if (parsed.pathname === '/' || SCREEN_PATH.test(parsed.pathname)) return { status: 200, file: index };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400, reason: 'bad percent-encoding' };
  }
  // Decoding can reintroduce "..", backslashes (a separator on Windows) or NUL; the containment check below catches the rest.
  if (path.includes('\0')) return { status: 400, reason: 'NUL in path' };
  const file = resolve(root, '.' + path);
  if (!file.startsWith(root + sep)) return { status: 403, reason: `outside the app folder: ${path}` };
  return { status: 200, file };
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function textResponse(status: number, text: string, headers: Record<string, string>): Response {
  return new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers one app:// request: the file with our CSP, or a plain error. */
export async function respondToAppRequest(request: Request, rootDir: string, csp: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  const resolution = resolveAppRequest(request.url, request.method, rootDir);
  if (resolution.status !== 200) return textResponse(resolution.status, '未找到 / Not found', headers);
  try {
    if (!(await stat(resolution.file)).isFile()) return textResponse(404, '未找到 / Not found', headers);
    const body = request.method === 'HEAD' ? null : await readFile(resolution.file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': mimeTypeOf(resolution.file) } });
  } catch {
    return textResponse(404, '未找到 / Not found', headers);
  }
}

/** Serves dist/renderer on app://houniao/. Call once, after the app is ready. */
export function serveAppProtocol(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request, rootDir, csp));
}
