import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

/** The design's boundaries are lint rules (eslint.config.js); these prove each rule fires and stays quiet where it should. */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../../..') });

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('boundary lint rules', () => {
  it('renderer/ may import types from any db/ module, but run-time code only from the shared pure ones', async () => {
    const file = 'renderer/screens/kiosk/Example.ts';
    expect(await rulesHit("import { openDatabase } from '../../../db/connection.js';\nexport const x = openDatabase;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await rulesHit("import type { Db } from '../../../db/connection.js';\nexport type X = Db;\n", file)).toEqual([]);
    expect(await rulesHit("import { localClock } from '../../../db/wallClock.js';\nexport const x = localClock;\n", file)).toEqual([]);
    expect(await rulesHit("import { ApiError } from '../../../db/errors/index.js';\nexport const x = ApiError;\n", file)).toEqual([]);
    expect(await rulesHit("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", file)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('db/ never imports electron, the shell or the screens; domains do not reach up into db/api for errors', async () => {
    expect(await rulesHit("import { app } from 'electron';\nexport const x = app;\n", 'db/residents/example.ts')).toContain('no-restricted-imports');
    expect(await rulesHit("import { log } from '../../electron/log.js';\nexport const x = log;\n", 'db/residents/example.ts')).toContain('no-restricted-imports');
  });

  it('raw ipcMain/ipcRenderer only in the IPC adapter and the preload', async () => {
    const code = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
    expect(await rulesHit(code, 'electron/windows.ts')).toContain('no-restricted-syntax');
    expect(await rulesHit(code, 'electron/ipc.ts')).toEqual([]);
  });

  it('new URL(…) only inside a try', async () => {
    const bare = 'export function f(t: string) {\n  return new URL(t).pathname;\n}\n';
    const guarded = 'export function f(t: string) {\n  try {\n    return new URL(t).pathname;\n  } catch {\n    return null;\n  }\n}\n';
    expect(await rulesHit(bare, 'electron/lan/example.ts')).toContain('no-restricted-syntax');
    expect(await rulesHit(guarded, 'electron/lan/example.ts')).toEqual([]);
  });
});
