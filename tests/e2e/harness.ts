import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
export const SCREENSHOT_DIR = resolve('test-results/screens');

/** The browser: CHROME_PATH if set, then Debian's chromium, then Chrome, then Playwright's own download. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].filter(
    (p): p is string => Boolean(p),
  );
  for (const p of candidates) if (existsSync(p)) return p;
  try {
    const own = chromium.executablePath();
    return existsSync(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
}

export interface ServeProcess {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** `npm run serve`'s program, on a free port with a fresh data folder (or the one given). */
export async function startServe(options: { demo?: boolean; dataDir?: string; port?: number } = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'houniao-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  const args = ['dist/electron/serve.js', '--port', String(options.port ?? 0), '--data', dataDir];
  if (options.demo) args.push('--demo');
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /Listening on (http:\/\/\S+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output.join('')}`)));
  });
  return {
    url,
    dataDir,
    proc,
    output,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Collects console errors and page crashes; a screen that logs errors is a failing screen. */
/**
 * Chromium here has no Chinese voice: before the page loads, stand in a zh-CN one that records what it
 * is asked to say in `window.spoken` (the real speechSynthesis protocol: utterance, speak, onend).
 */
export async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    class FakeUtterance {
      text: string;
      voice: unknown = null;
      lang = '';
      volume = 1;
      rate = 1;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => [{ lang: 'zh-CN', name: '测试语音' }],
        speak: (u: FakeUtterance) => {
          if (u.text) spoken.push(u.text);
          setTimeout(() => u.onend?.(), 10);
        },
      },
    });
  });
}

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Signs in to the staff console: first run sets the manager PIN, later runs log in. */
export async function staffSignIn(page: Page, baseUrl: string, pin = '135790'): Promise<void> {
  await page.goto(`${baseUrl}/staff`);
  await page.getByTestId('pin-gate').waitFor();
  if (await page.getByTestId('setup-name').isVisible()) {
    await page.getByTestId('setup-name').fill('王站长');
    await page.getByTestId('pin-input').fill(pin);
    await page.getByTestId('pin-again').fill(pin);
  } else {
    await page.getByTestId('pin-input').fill(pin);
  }
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/**
 * The USB scanner stand-in: a scanner is a keyboard that sends the code and Enter a few ms per key.
 * Each key is stamped 5 ms after the one before, as the scanner's own reports are, so a busy test
 * machine that delivers the keys later cannot make one scan look like a person typing.
 * `deliveredLateMs` holds each key back that long, as a kiosk busy drawing or printing would.
 */
export async function scanCode(page: Page, code: string, { deliveredLateMs = 0 } = {}): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  for (const [i, key] of [...code, 'Enter'].entries()) {
    const timestamp = start + i * 0.005;
    const keyFields = key === 'Enter' ? { key, code: 'Enter', windowsVirtualKeyCode: 13 } : { key };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...keyFields, text: key === 'Enter' ? '\r' : key, timestamp });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...keyFields, timestamp: timestamp + 0.001 });
    if (deliveredLateMs) await new Promise((r) => setTimeout(r, deliveredLateMs));
  }
  await cdp.detach();
}
/** POSTs one operation to a running server the way the screens do; throws with the error body on failure. */
export async function callApi<T = any>(baseUrl: string, op: string, input: unknown = {}, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}/api/call/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${op}: ${JSON.stringify(body.error)}`);
  return body.data;
}

export interface E2eSuite {
  browser: Browser;
  /** The running server; a test that restarts it assigns the new one here. */
  serve: ServeProcess;
  call<T = any>(op: string, input?: unknown, token?: string): Promise<T>;
}

/** One browser and one fresh server for a test file: started before its tests, stopped and removed after. */
export function e2eSuite(options: Parameters<typeof startServe>[0] | (() => Promise<Parameters<typeof startServe>[0]>) = {}): E2eSuite {
  const suite = {
    call: (op: string, input?: unknown, token?: string) => callApi(suite.serve.url, op, input, token),
  } as E2eSuite;
  beforeAll(async () => {
    const serveOptions = typeof options === 'function' ? await options() : options;
    [suite.browser, suite.serve] = await Promise.all([launchBrowser(), startServe(serveOptions)]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.serve?.stop();
    if (suite.serve) removeDir(suite.serve.dataDir);
  });
  return suite;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical findings on the page as it is now (the context must bypass CSP to inject it). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(', ')}${v.nodes.length > 4 ? ` … ${v.nodes.length} in all` : ''}`,
    );
}
