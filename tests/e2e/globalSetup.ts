import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './harness.js';

/** Builds the app once for the whole e2e run: the tests drive what users get, not the sources. */
export default function setup(): void {
  if (!findChromium()) {
    throw new Error('e2e tests need Chromium: install it (Debian: apt-get install -y chromium) or set CHROME_PATH.');
  }
  if (process.env.HOUNIAO_E2E_SKIP_BUILD && existsSync('dist/electron/serve.js')) return;
  execSync('npm run -s build', { stdio: 'inherit' });
}
