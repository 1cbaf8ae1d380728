import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tools, which } from '../prerequisites/tools.mjs';

const root = resolve(import.meta.dirname, '../..');
const check = join(root, 'tests/prerequisites/check.mjs');

/** A PATH holding every tool the tests need except those named; the check runs with it alone. */
function pathWithout(hidden: string[]): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'houniao-path-'));
  for (const name of ['chromium', 'pdftoppm', 'pdftotext', 'zbarimg', 'fc-list', 'soffice']) {
    if (hidden.includes(name)) continue;
    const found = which([name]);
    if (found) symlinkSync(found, join(dir, name));
  }
  const env: NodeJS.ProcessEnv = { PATH: dir, HOME: process.env.HOME };
  return { dir, env };
}

describe('the test prerequisite check (npm test runs it first)', () => {
  it('is what npm test runs before Vitest, and .ci/run installs through the same list', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toContain('tests/prerequisites/check.mjs');
    expect(pkg.scripts['setup:test']).toContain('tests/prerequisites/setup.mjs');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('npm run -s setup:test');
  });

  it('passes when every tool is there', () => {
    const { dir, env } = pathWithout([]);
    const result = spawnSync(process.execPath, [check], { env, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('all found');
  });

  it('names a hidden tool and the one install command, in Chinese and English, and exits non-zero', () => {
    const { dir, env } = pathWithout(['zbarimg']);
    const result = spawnSync(process.execPath, [check], { env, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('zbarimg');
    expect(result.stderr).toContain('测试需要的工具还没有安装');
    expect(result.stderr).toContain('Tools the tests need are missing');
    expect(result.stderr).toContain('apt-get install -y --no-install-recommends zbar-tools');
    expect(result.stderr).not.toContain('poppler-utils');
    expect(result.stderr).toContain('npm run setup:test');
  });

  it('names every missing tool once when several are hidden', () => {
    const { dir, env } = pathWithout(['chromium', 'pdftoppm', 'soffice']);
    const result = spawnSync(process.execPath, [check], { env, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/install -y --no-install-recommends chromium poppler-utils libreoffice-calc-nogui\n/);
    expect(tools.map((t) => t.id)).toEqual(['chromium', 'poppler', 'zbar', 'cjk-fonts', 'libreoffice', 'postgresql']);
  });
});
