import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));
vi.mock('electron', () => electron);

import { mimeTypeOf, registerAppScheme, resolveAppRequest, respondToAppRequest, serveAppProtocol } from '../../../electron/appProtocol.js';
import { contentSecurityPolicy } from '../../../electron/security.js';
import { tempDir } from '../../helpers/tempDb.js';

/** A built-renderer folder: index page, one script, and a secret next to it that must stay out of reach. */
function renderer() {
  const base = tempDir();
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>候鸟驿站</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  return root;
}

const csp = contentSecurityPolicy({ allowWebSocket: false });

describe('app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('is handled by a function that serves the renderer folder', async () => {
    const root = renderer();
    serveAppProtocol(root, csp);
    const [scheme, handler] = electron.protocol.handle.mock.calls[0];
    expect(scheme).toBe('app');
    const response: Response = await handler(new Request('app://houniao/kiosk'));
    expect(await response.text()).toContain('候鸟驿站');
  });
});

describe('resolveAppRequest', () => {
  const root = '/srv/app/renderer';

  it('answers the three screens and the root with the single-page app', () => {
    for (const path of ['/', '/kiosk', '/staff', '/staff/settings', '/display', '/kiosk/ask?x=1']) {
      expect(resolveAppRequest(`app://houniao${path}`, 'GET', root), path).toEqual({ status: 200, file: '/srv/app/renderer/index.html' });
    }
  });

  it('maps other paths to files below the renderer folder', () => {
    expect(resolveAppRequest('app://houniao/assets/app-1a2b.js', 'GET', root)).toEqual({ status: 200, file: '/srv/app/renderer/assets/app-1a2b.js' });
    expect(resolveAppRequest('app://houniao/%E5%9B%BE.png', 'HEAD', root)).toEqual({ status: 200, file: '/srv/app/renderer/图.png' });
  });

  it('refuses every way out of the renderer folder', () => {
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/a/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2F..%2Fetc%2Fpasswd']) {
      const resolution = resolveAppRequest(`app://houniao${path}`, 'GET', root);
      if (resolution.status === 200) expect(resolution.file.startsWith('/srv/app/renderer/'), path).toBe(true);
      else expect(resolution.status, path).toBe(403);
    }
    expect(resolveAppRequest('app://houniao/..%2fsecret.txt', 'GET', root).status).toBe(403);
    expect(resolveAppRequest('app://houniao/x%00.js', 'GET', root).status).toBe(400);
    expect(resolveAppRequest('app://houniao/%E0%A4%A', 'GET', root).status).toBe(400);
  });

  it('serves only its own host, and only reads', () => {
    expect(resolveAppRequest('app://other/kiosk', 'GET', root).status).toBe(404);
    expect(resolveAppRequest('app://houniao/kiosk', 'POST', root).status).toBe(405);
  });
});

describe('respondToAppRequest', () => {
  it('sends files with their type and our CSP, and the app for screen paths', async () => {
    const root = renderer();
    const script = await respondToAppRequest(new Request('app://houniao/assets/app-1a2b.js'), root, csp);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(csp);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('console.log(1)');

    const screen = await respondToAppRequest(new Request('app://houniao/display'), root, csp);
    expect(screen.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(screen.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await screen.text()).toContain('<title>候鸟驿站</title>');
  });

  it('never serves what is outside, missing, or a folder', async () => {
    const root = renderer();
    const outside = await respondToAppRequest(new Request('app://houniao/..%2fsecret.txt'), root, csp);
    expect(outside.status).toBe(403);
    expect(await outside.text()).not.toContain('do not serve');
    expect((await respondToAppRequest(new Request('app://houniao/assets/missing.js'), root, csp)).status).toBe(404);
    expect((await respondToAppRequest(new Request('app://houniao/assets'), root, csp)).status).toBe(404);
  });

  it('knows the types a Vite build produces', () => {
    expect(mimeTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a.WOFF2')).toBe('font/woff2');
    expect(mimeTypeOf('a.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});
