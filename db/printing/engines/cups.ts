import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrintError } from '../errors.js';
import type { SystemPrinter } from './types.js';

function run(cmd: string, args: string[], timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, env: { ...process.env, LANG: 'C' } }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve(String(stdout));
    });
  });
}

/** The printers CUPS knows (`lpstat -e`) and its default (`lpstat -d`); none when CUPS is absent. */
export async function listCupsPrinters(): Promise<SystemPrinter[]> {
  let names: string[];
  try {
    names = (await run('lpstat', ['-e'], 5000))
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
  let defaultName = '';
  try {
    defaultName = /:\s*(\S+)\s*$/.exec((await run('lpstat', ['-d'], 5000)).trim())?.[1] ?? '';
  } catch {
    // No default printer is fine.
  }
  return names.map((name) => ({ name, displayName: name, isDefault: name === defaultName }));
}

/** Hands a PDF to the CUPS queue `deviceName` with `lp` (serve mode on Linux). */
export async function printPdfWithLp(pdf: Buffer, deviceName: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'houniao-print-'));
  const file = join(dir, 'job.pdf');
  try {
    await writeFile(file, pdf);
    await run('lp', ['-d', deviceName, file]);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PrintError('本机没有安装系统打印服务（CUPS），无法使用系统打印机。请改用网络打印机或 PDF。');
    const detail = String((err as { stderr?: string }).stderr ?? '')
      .trim()
      .slice(0, 120);
    throw new PrintError(`系统打印机“${deviceName}”没有接受打印任务${detail ? `（${detail}）` : ''}，请检查打印机名称和状态。`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
