// The one list of what `npm test` needs besides Node and npm. `check.mjs` (run before every `npm test`)
// and `setup.mjs` (`npm run setup:test`, also used by .ci/run) both read it, so it exists once.
// Plain JavaScript with Node built-ins only: it runs before `npm ci` has installed anything.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first of `names` found on PATH (or null). */
export function which(names, env = process.env) {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const file = executable(join(dir, name + ext));
        if (file) return file;
      }
    }
  }
  return null;
}

/** initdb and pg_ctl live in /usr/lib/postgresql/<version>/bin on Debian, not on PATH. */
function postgresBin(env) {
  const onPath = which(['initdb'], env);
  if (onPath && which(['pg_ctl'], env)) return onPath;
  try {
    const root = '/usr/lib/postgresql';
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      const initdb = executable(join(root, v, 'bin', 'initdb'));
      if (initdb && executable(join(root, v, 'bin', 'pg_ctl'))) return initdb;
    }
  } catch {}
  return null;
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return null;
  }
}

function run(file, args, env) {
  try {
    return execFileSync(file, args, { env, stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).toString();
  } catch {
    return null;
  }
}

/**
 * Each tool: how to find it, the Debian/Ubuntu packages that bring it, and which tests need it.
 * `find(env)` returns where it was found, or null.
 */
export const tools = [
  {
    id: 'chromium',
    what: { zh: 'Chromium 浏览器', en: 'Chromium' },
    neededBy: { zh: '端到端测试、打印成 PDF 的测试', en: 'end-to-end tests and the tests that print to PDF' },
    debian: ['chromium'],
    windows: 'Google Chrome or Chromium, with CHROME_PATH set to its chrome.exe',
    find: (env) => (env.CHROME_PATH && executable(env.CHROME_PATH)) || which(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'], env),
  },
  {
    id: 'poppler',
    what: { zh: 'pdftoppm / pdftotext（poppler-utils）', en: 'pdftoppm / pdftotext (poppler-utils)' },
    neededBy: { zh: '检查打印版面和报表 PDF 的测试', en: 'the tests that read printed layouts and report PDFs' },
    debian: ['poppler-utils'],
    windows: 'poppler for Windows, its bin folder on PATH',
    find: (env) => which(['pdftoppm'], env) && which(['pdftotext'], env),
  },
  {
    id: 'zbar',
    what: { zh: 'zbarimg（zbar-tools）', en: 'zbarimg (zbar-tools)' },
    neededBy: { zh: '识读打印出的二维码的测试', en: 'the tests that decode printed QR codes' },
    debian: ['zbar-tools'],
    windows: 'ZBar for Windows, zbarimg.exe on PATH',
    find: (env) => which(['zbarimg'], env),
  },
  {
    id: 'cjk-fonts',
    what: { zh: '中文字体（fonts-noto-cjk）', en: 'Chinese fonts (fonts-noto-cjk)' },
    neededBy: { zh: '截图和打印版面里的汉字', en: 'Chinese text in screenshots and printed layouts' },
    debian: ['fonts-noto-cjk', 'fontconfig'],
    windows: 'nothing: Windows ships Chinese fonts',
    find: (env) => {
      if (process.platform === 'win32') return 'system fonts';
      const fcList = which(['fc-list'], env);
      if (!fcList) return null;
      const out = run(fcList, [':lang=zh', 'family'], env);
      return out && out.trim() ? fcList : null;
    },
  },
  {
    id: 'libreoffice',
    what: { zh: 'LibreOffice（soffice，无界面版）', en: 'LibreOffice (soffice, headless)' },
    neededBy: { zh: '用 LibreOffice 打开导出的 Excel 报表的测试', en: 'the tests that open exported Excel files in LibreOffice' },
    debian: ['libreoffice-calc-nogui'],
    windows: 'LibreOffice, with its program folder (soffice.exe) on PATH',
    find: (env) => which(['soffice', 'libreoffice'], env),
  },
  {
    id: 'postgresql',
    what: { zh: 'PostgreSQL 数据库服务器', en: 'the PostgreSQL server' },
    neededBy: { zh: '市级数据同步的测试（在临时目录里启动一个真实的 PostgreSQL）', en: 'the city sync tests (they start a real PostgreSQL in a temp folder)' },
    debian: ['postgresql'],
    windows: 'PostgreSQL 15 or newer, its bin folder (initdb.exe, pg_ctl.exe) on PATH',
    find: (env) => postgresBin(env),
  },
];

/** The tools `find` does not find. */
export function missingTools(env = process.env) {
  return tools.filter((tool) => !tool.find(env));
}

/** Debian/Ubuntu packages for the given tools, each once. */
export function debianPackages(list) {
  return [...new Set(list.flatMap((tool) => tool.debian))];
}

export function aptCommand(list) {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${debianPackages(list).join(' ')}`;
}
