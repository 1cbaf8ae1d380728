import { describe, expect, it } from 'vitest';
import { hostname, networkInterfaces } from 'node:os';
import { hostAllowed, isJsonContentType, originAllowed, parseAuthority } from '../../../electron/lan/guard.js';

describe('LAN guard: Host, Origin and content type as untrusted strings', () => {
  it('parses host[:port] and refuses anything else', () => {
    expect(parseAuthority('127.0.0.1:8731')).toEqual({ hostname: '127.0.0.1', port: 8731 });
    expect(parseAuthority('[::1]:80')).toEqual({ hostname: '::1', port: 80 });
    expect(parseAuthority('Houniao.Local')).toEqual({ hostname: 'houniao.local', port: null });
    for (const bad of ['', ':80', 'a b', 'x@127.0.0.1', '127.0.0.1:', '127.0.0.1:99999', '127.0.0.1:80:80', '[::1', '[evil]', '::1', 'a/b', '-x', '%41', 'é.example']) {
      expect([bad, parseAuthority(bad)]).toEqual([bad, null]);
    }
  });

  it('accepts loopback, our listen address, our machine name and configured names; refuses a rebinding name', () => {
    const onLoopback = { listenHost: '127.0.0.1' };
    for (const ok of ['127.0.0.1:1', 'localhost:8731', '[::1]:8731', 'LOCALHOST', `${hostname()}:8731`]) expect([ok, hostAllowed(ok, onLoopback)]).toEqual([ok, true]);
    for (const bad of [undefined, '', 'evil.example:8731', 'localhost.evil.example', '127.0.0.1.evil.example', '192.168.1.20:8731', '0.0.0.0:8731'])
      expect([bad, hostAllowed(bad, onLoopback)]).toEqual([bad, false]);
    expect(hostAllowed('192.168.1.20:8731', { listenHost: '192.168.1.20' })).toBe(true);
    expect(hostAllowed('houniao.local', { listenHost: '0.0.0.0', publicNames: ['Houniao.local'] })).toBe(true);
    expect(hostAllowed('192.0.2.77', { listenHost: '0.0.0.0' })).toBe(false); // not an address of this machine
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((nic) => nic && !nic.internal && nic.family === 'IPv4');
    // Listening on every address: each of this machine's own addresses is a name it answers to.
    expect(hostAllowed(`${lan?.address ?? '127.0.0.1'}:8731`, { listenHost: '0.0.0.0' })).toBe(true);
  });

  it('takes an Origin only when it is http:// plus the Host the request was sent to', () => {
    expect(originAllowed(undefined, '127.0.0.1:8731')).toBe(true);
    expect(originAllowed('http://127.0.0.1:8731', '127.0.0.1:8731')).toBe(true);
    expect(originAllowed('http://LOCALHOST:8731', 'localhost:8731')).toBe(true);
    expect(originAllowed('http://127.0.0.1', '127.0.0.1:80')).toBe(true);
    for (const bad of [
      'null',
      '',
      'http://127.0.0.1:8732',
      'http://localhost:8731',
      'https://127.0.0.1:8731',
      'http://127.0.0.1:8731/',
      'http://x@127.0.0.1:8731',
      'file://',
      'http://evil.example',
    ])
      expect([bad, originAllowed(bad, '127.0.0.1:8731')]).toEqual([bad, false]);
    expect(originAllowed('http://127.0.0.1:8731', undefined)).toBe(false);
  });

  it('knows application/json with parameters and nothing that only looks like it', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    for (const bad of [undefined, '', 'text/plain', 'application/jsonp', 'application/json-patch+json', 'text/json']) expect(isJsonContentType(bad)).toBe(false);
  });
});
