import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreFromBackup } from '../db/backup.js';
import { defaultDataDir } from '../db/paths.js';

/**
 * `npm run restore -- --backup FILE --code "XXXX-XXXX-…" [--data DIR] [--key-dir DIR]`: puts an
 * encrypted backup back as the data folder's database and the recovery code back as its ID key
 * (issue 12.20 / 13.11). Run it with the app closed. Whatever was there is set aside, not deleted.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      backup: { type: 'string' },
      code: { type: 'string' },
      data: { type: 'string' },
      'key-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help || !values.backup || !values.code) {
    console.log(`用法 / Usage: npm run restore -- --backup 备份文件.hnbak --code "恢复码" [--data 数据目录] [--key-dir 密钥目录]
  --backup   backups 文件夹里的 houniao-….hnbak 文件
  --code     系统设置里导出的恢复码（14 组，每组 4 个字符），或导出的恢复码文件的路径
  --data     数据目录（默认与桌面程序相同）
  --key-dir  身份证号密钥放在数据目录之外时的目录（也可用 HOUNIAO_KEY_DIR）
请先关闭候鸟驿站程序再恢复。原有的数据库和密钥会改名保留，不会删除。`);
    process.exit(values.help ? 0 : 2);
  }
  const dataDir = resolve(values.data ?? defaultDataDir());
  const keyDir = values['key-dir'] ?? process.env.HOUNIAO_KEY_DIR ?? null;
  // A path to the exported file works as well as the typed code.
  const code = existsSync(values.code) ? readFileSync(values.code, 'utf8') : values.code;
  const result = restoreFromBackup({ backupFile: resolve(values.backup), code, dataDir, keyDir: keyDir ? resolve(keyDir) : null });
  console.log(`已恢复 / Restored: ${result.database}`);
  console.log(`身份证号密钥 / ID key: ${result.keyFile}`);
  for (const f of result.setAside) console.log(`原文件已改名保留 / Set aside: ${f}`);
  console.log('桌面版下次启动时会把密钥重新交给系统钥匙串保管 / The desktop app seals the key with the OS at its next start.');
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
