import { describe, expect, it } from 'vitest';
import { rawRequest, startHostile, upgrade } from './harness.js';

/**
 * Malformed bytes at the LAN transport, as a device on the building's network could send them.
 * Every one gets an HTTP answer — a status and, with it, the API's typed error body with a code
 * from the catalogue and its zh + en messages — and the server is still there afterwards.
 */
interface Case {
  name: string;
  send: (host: string) => string | Buffer | Buffer[];
  status: number;
  code: string;
}

const close = 'Connection: close\r\n';
const get = (target: string, host: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${close}${extra}\r\n`;
const post = (target: string, host: string, body: string, headers = 'Content-Type: application/json\r\n') =>
  `POST ${target} HTTP/1.1\r\nHost: ${host}\r\n${close}${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const TWO_MB = 2 * 1024 * 1024;

export const corpus: Case[] = [
  // Request targets that threw out of URL parsing in the old server and took the process down.
  { name: 'GET //', send: (h) => get('//', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'GET //@', send: (h) => get('//@', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'GET /\\\\', send: (h) => get('/\\\\', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'GET //evil.example/api/health', send: (h) => get('//evil.example/api/health', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'GET //@/api/call/settings.public', send: (h) => get('//@/api/call/settings.public', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'authority-form GET 127.0.0.1:80', send: (h) => get('127.0.0.1:80', h), status: 400, code: 'BAD_REQUEST' },
  { name: 'authority-form CONNECT 127.0.0.1:80', send: (h) => `CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: ${h}\r\n\r\n`, status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'absolute-form naming another host', send: (h) => get('http://evil.example/api/health', h), status: 403, code: 'HOST_REFUSED' },
  { name: 'absolute-form with an empty authority', send: (h) => get('http:///api/health', h), status: 400, code: 'BAD_REQUEST' },
  { name: 'asterisk-form OPTIONS *', send: (h) => `OPTIONS * HTTP/1.1\r\nHost: ${h}\r\n${close}\r\n`, status: 400, code: 'BAD_REQUEST' },
  // Request lines the HTTP parser refuses.
  { name: 'garbage request line', send: () => 'GARBAGE\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
  { name: 'HTTP/0.9 style, no version', send: () => 'GET /api/health\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
  { name: 'unknown HTTP version HTTP/9.9', send: (h) => `GET /api/health HTTP/9.9\r\nHost: ${h}\r\n\r\n`, status: 400, code: 'BAD_REQUEST' },
  { name: 'NUL byte in the target', send: (h) => get('/api/\u0000health', h), status: 400, code: 'BAD_REQUEST' },
  { name: 'unknown method', send: (h) => `BREW /api/health HTTP/1.1\r\nHost: ${h}\r\n\r\n`, status: 400, code: 'BAD_REQUEST' },
  { name: 'request line of 20 KB', send: (h) => get('/' + 'a'.repeat(20_000), h), status: 431, code: 'HEADERS_TOO_LARGE' },
  // Headers.
  { name: 'header line without a colon', send: (h) => get('/api/health', h, 'Bad Header\r\n'), status: 400, code: 'BAD_REQUEST' },
  { name: 'space before the colon', send: (h) => get('/api/health', h, 'X-A : b\r\n'), status: 400, code: 'BAD_REQUEST' },
  { name: 'bare CR inside a header value', send: (h) => get('/api/health', h, 'X-A: b\rc\r\n'), status: 400, code: 'BAD_REQUEST' },
  { name: 'one header of 20 KB', send: (h) => get('/api/health', h, `X-Big: ${'x'.repeat(20_000)}\r\n`), status: 431, code: 'HEADERS_TOO_LARGE' },
  {
    name: '500 headers of 100 bytes',
    send: (h) => get('/api/health', h, Array.from({ length: 500 }, (_, i) => `X-H${i}: ${'y'.repeat(100)}\r\n`).join('')),
    status: 431,
    code: 'HEADERS_TOO_LARGE',
  },
  { name: 'no Host header (HTTP/1.1)', send: () => `GET /api/health HTTP/1.1\r\n${close}\r\n`, status: 400, code: 'BAD_REQUEST' },
  { name: 'no Host header (HTTP/1.0)', send: () => 'GET /api/health HTTP/1.0\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
  { name: 'Host of another name (DNS rebinding)', send: (h) => get('/api/health', 'evil.example:' + h.split(':')[1]), status: 403, code: 'HOST_REFUSED' },
  { name: 'Host with userinfo', send: (h) => get('/api/health', 'x@' + h), status: 403, code: 'HOST_REFUSED' },
  { name: 'Host with a port over 65535', send: () => get('/api/health', '127.0.0.1:99999'), status: 403, code: 'HOST_REFUSED' },
  { name: 'Host that is an unbracketed IPv6 literal', send: () => get('/api/health', '::1'), status: 403, code: 'HOST_REFUSED' },
  {
    name: 'Content-Length not a number',
    send: (h) => `POST /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'two different Content-Length headers',
    send: (h) => `POST /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'Content-Length with Transfer-Encoding (smuggling)',
    send: (h) => `POST /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'broken chunked encoding',
    send: (h) => `POST /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'Expect other than 100-continue', send: (h) => get('/api/health', h, 'Expect: tea\r\n'), status: 417, code: 'EXPECTATION_FAILED' },
  // The API's own paths, asked wrongly.
  { name: 'malformed percent-encoding %E0%A4%A in /api/call/<op>', send: (h) => post('/api/call/%E0%A4%A', h, '{}'), status: 400, code: 'BAD_REQUEST' },
  { name: 'lone % in /api/call/<op>', send: (h) => post('/api/call/%', h, '{}'), status: 400, code: 'BAD_REQUEST' },
  { name: 'overlong UTF-8 %C0%AF in /api/call/<op>', send: (h) => post('/api/call/%C0%AF', h, '{}'), status: 400, code: 'BAD_REQUEST' },
  { name: 'operation name of 300 characters', send: (h) => post('/api/call/' + 'a'.repeat(300), h, '{}'), status: 400, code: 'BAD_REQUEST' },
  { name: 'unknown operation', send: (h) => post('/api/call/nope', h, '{}'), status: 404, code: 'UNKNOWN_OPERATION' },
  { name: 'GET /api/call/<op>', send: (h) => get('/api/call/settings.public', h), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'PUT /api/call/<op>', send: (h) => `PUT /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\n${close}Content-Length: 0\r\n\r\n`, status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'PROPFIND /api/call/<op>', send: (h) => `PROPFIND /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\n${close}\r\n`, status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'DELETE /api/health', send: (h) => `DELETE /api/health HTTP/1.1\r\nHost: ${h}\r\n${close}\r\n`, status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'POST /api/health', send: (h) => post('/api/health', h, '{}'), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'POST /kiosk', send: (h) => post('/kiosk', h, '{}'), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'unknown /api/ path', send: (h) => get('/api/nope', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'nested /api/call/a/b', send: (h) => post('/api/call/a/b', h, '{}'), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'GET /api/events without upgrade', send: (h) => get('/api/events', h), status: 426, code: 'UPGRADE_REQUIRED' },
  { name: 'traversal /../../etc/passwd', send: (h) => get('/../../../../etc/passwd', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'encoded traversal /assets/%2e%2e/…', send: (h) => get('/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'malformed percent-encoding in a file path', send: (h) => get('/assets/%E0%A4%A', h), status: 400, code: 'BAD_REQUEST' },
  // Bodies.
  { name: 'POST text/plain', send: (h) => post('/api/call/settings.public', h, '{}', 'Content-Type: text/plain\r\n'), status: 415, code: 'CONTENT_TYPE_REFUSED' },
  { name: 'POST without Content-Type', send: (h) => post('/api/call/settings.public', h, '', ''), status: 415, code: 'CONTENT_TYPE_REFUSED' },
  {
    name: 'POST form-urlencoded',
    send: (h) => post('/api/call/settings.public', h, 'a=1', 'Content-Type: application/x-www-form-urlencoded\r\n'),
    status: 415,
    code: 'CONTENT_TYPE_REFUSED',
  },
  { name: 'POST body that is not JSON', send: (h) => post('/api/call/settings.public', h, '{not json'), status: 400, code: 'VALIDATION_FAILED' },
  {
    name: 'POST body of 2 MB (Content-Length)',
    send: (h) => [
      Buffer.from(`POST /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nContent-Length: ${TWO_MB}\r\n\r\n`),
      Buffer.alloc(TWO_MB, 0x20),
    ],
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  {
    name: 'POST body of 2 MB (chunked)',
    send: (h) => [
      Buffer.from(`POST /api/call/settings.public HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`),
      ...Array.from({ length: 32 }, () => Buffer.from(`10000\r\n${' '.repeat(0x10000)}\r\n`)),
      Buffer.from('0\r\n\r\n'),
    ],
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  // WebSocket upgrades.
  { name: 'upgrade to //', send: (h) => upgrade('//', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'upgrade to //@', send: (h) => upgrade('//@', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'upgrade to /api/health', send: (h) => upgrade('/api/health', h), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'upgrade to a malformed percent-encoding', send: (h) => upgrade('/api/call/%E0%A4%A', h), status: 400, code: 'BAD_REQUEST' },
  { name: 'upgrade to an absolute-form target of another host', send: (h) => upgrade('http://evil.example/api/events', h), status: 403, code: 'HOST_REFUSED' },
  { name: 'upgrade to /api/events with a bad key', send: (h) => upgrade('/api/events', h, { 'Sec-WebSocket-Key': 'short' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'upgrade to /api/events with version 99', send: (h) => upgrade('/api/events', h, { 'Sec-WebSocket-Version': '99' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'upgrade to /api/events from a foreign Origin', send: (h) => upgrade('/api/events', h, { Origin: 'http://evil.example' }), status: 403, code: 'ORIGIN_REFUSED' },
  { name: 'upgrade to /api/events with a foreign Host', send: (h) => upgrade('/api/events', 'evil.example:' + h.split(':')[1]), status: 403, code: 'HOST_REFUSED' },
  { name: 'upgrade to /api/events as an unpaired remote', send: (h) => upgrade('/api/events', h, { 'X-Houniao-Remote': '1' }), status: 401, code: 'TERMINAL_NOT_PAIRED' },
];

describe('raw TCP: malformed requests all get a typed answer and the server lives', () => {
  it('answers every request of the corpus with its status and a catalogue code, then still reports its health', { timeout: 120_000 }, async () => {
    const { port } = await startHostile();
    const host = `127.0.0.1:${port}`;
    const wrong: string[] = [];
    for (const c of corpus) {
      const answer = await rawRequest(port, c.send(host));
      const got = `${answer.status} ${answer.json?.error?.code ?? `(no code; ended ${answer.ended})`}`;
      const typed =
        answer.json?.ok === false &&
        /[\u4e00-\u9fff]/.test(answer.json.error?.message ?? '') &&
        /[A-Za-z]/.test(answer.json.error?.messageEn ?? '') &&
        (answer.headers['content-type'] ?? '').includes('application/json');
      if (got !== `${c.status} ${c.code}` || !typed) wrong.push(`${c.name}: wanted ${c.status} ${c.code}, got ${got}${typed ? '' : ' (not a typed zh + en body)'}`);
    }
    expect(wrong).toEqual([]);
    const health = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: ${host}\r\n${close}\r\n`);
    expect(health.status).toBe(200);
    expect(health.json?.ok).toBe(true);
  });

  it('still serves the same-origin paths: health, a call, a screen, an asset, an absolute-form target naming us', async () => {
    const { port } = await startHostile();
    const host = `127.0.0.1:${port}`;
    expect((await rawRequest(port, get('/api/health', host))).status).toBe(200);
    expect((await rawRequest(port, get(`http://${host}/api/health`, host))).status).toBe(200);
    const call = await rawRequest(port, post('/api/call/settings.public', host, '{}', `Content-Type: application/json; charset=utf-8\r\nOrigin: http://${host}\r\n`));
    expect(call.status).toBe(200);
    expect(call.json?.ok).toBe(true);
    expect((await rawRequest(port, get('/kiosk', host))).status).toBe(200);
    expect((await rawRequest(port, get('/assets/app.js', host))).status).toBe(200);
    expect((await rawRequest(port, get('/api/health', `localhost:${port}`))).status).toBe(200);
  });
});
