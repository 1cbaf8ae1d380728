import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/security.js';

const repo = new URL('../../../', import.meta.url).pathname;

function sourcesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesBelow(path);
    return /\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts') ? [path] : [];
  });
}

/** The argument text of each `new BrowserWindow(` call: up to its matching parenthesis. */
function constructorCalls(source: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf('new BrowserWindow('); at !== -1; at = source.indexOf('new BrowserWindow(', at + 1)) {
    let depth = 0;
    let end = at + 'new BrowserWindow'.length;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    calls.push(source.slice(at, end + 1));
  }
  return calls;
}

describe('every BrowserWindow the app creates', () => {
  const files = sourcesBelow(join(repo, 'electron'));
  const calls = files.flatMap((file) => constructorCalls(readFileSync(file, 'utf8')).map((call) => ({ file: relative(repo, file), call })));

  it('is found (the screens and the hidden print windows)', () => {
    expect(calls.map((c) => c.file).sort()).toEqual(['electron/printing/engines.ts', 'electron/printing/engines.ts', 'electron/windows.ts']);
  });

  it('states contextIsolation, sandbox and nodeIntegration explicitly, at the constructor, and turns off auxclick', () => {
    for (const { file, call } of calls) {
      const where = `${file}: ${call.slice(0, 60)}…`;
      expect(call, where).toMatch(/webPreferences:\s*\{/);
      expect(call, where).toMatch(/contextIsolation:\s*true/);
      expect(call, where).toMatch(/sandbox:\s*true/);
      expect(call, where).toMatch(/nodeIntegration:\s*false/);
      expect(call, where).toMatch(/webviewTag:\s*false/);
      expect(call, where).toMatch(/disableBlinkFeatures:\s*'Auxclick'/);
      // Spread first, explicit values after: nothing passed in can turn them back on.
      const spread = call.indexOf('...');
      if (spread !== -1) expect(spread, where).toBeLessThan(call.indexOf('contextIsolation'));
    }
  });

  it('never turns a protection off anywhere in electron/', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const bad of [
        /contextIsolation:\s*false/,
        /sandbox:\s*false/,
        /nodeIntegration:\s*true/,
        /webSecurity:\s*false/,
        /allowRunningInsecureContent:\s*true/,
        /webviewTag:\s*true/,
        /--no-sandbox/,
      ]) {
        expect(text, `${relative(repo, file)} ${bad}`).not.toMatch(bad);
      }
    }
  });
});

describe('the Content-Security-Policy', () => {
  const html = readFileSync(join(repo, 'renderer', 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"\s*\/?>/.exec(html);

  it('is also a <meta> in index.html, the same as the header without frame-ancestors', () => {
    expect(meta).not.toBeNull();
    expect(meta![1]).toBe(contentSecurityPolicy({ allowWebSocket: true, forMeta: true }));
    expect(meta![1]).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy({ allowWebSocket: false })).toContain("frame-ancestors 'none'");
  });

  it('comes before any script in <head>', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('Content-Security-Policy')).toBeGreaterThan(-1);
    const firstScript = html.indexOf('<script');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(firstScript);
  });

  it('allows no inline script, no eval and nothing remote', () => {
    const policy = meta![1];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    expect(policy).toContain("object-src 'none'");
  });
});
