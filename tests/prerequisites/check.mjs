#!/usr/bin/env node
// Runs before every `npm test` (the "pretest" script): says in one short paragraph, in Chinese and
// English, which tools are missing and the one command that installs them, and exits non-zero
// before Vitest starts. No test skips itself because a tool is missing.
import { aptCommand, missingTools } from './tools.mjs';

const missing = missingTools();
const [major, minor] = process.versions.node.split('.').map(Number);
if (!(major > 24 || (major === 24 && minor >= 15) || (major === 22 && minor >= 22))) {
  console.warn(
    `注意：当前 Node.js ${process.versions.node}；本项目支持 Node.js 22（22.22 及以上）或 24（24.15 及以上）。测试仍会运行。\n` +
      `Note: Node.js ${process.versions.node} is running; supported are Node.js 22 (22.22+) and 24 (24.15+). The tests still run.`,
  );
}
if (missing.length === 0) {
  console.log('Test prerequisites: all found (chromium, poppler, zbar, CJK fonts, LibreOffice, PostgreSQL).');
  process.exit(0);
}
const zh = missing.map((t) => `${t.what.zh}（${t.neededBy.zh}）`).join('、');
const en = missing.map((t) => `${t.what.en} (for ${t.neededBy.en})`).join(', ');
console.error(
  [
    '',
    `测试需要的工具还没有安装：${zh}。请运行 npm run setup:test 安装（Debian/Ubuntu，需要 root 或 sudo），或手动运行：`,
    `Tools the tests need are missing: ${en}. Install them with npm run setup:test (Debian/Ubuntu, as root or with sudo), or run:`,
    '',
    `  ${aptCommand(missing)}`,
    '',
    `Windows: ${missing.map((t) => t.windows).join('; ')}.`,
    '',
  ].join('\n'),
);
process.exit(1);
