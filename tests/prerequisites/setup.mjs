#!/usr/bin/env node
// `npm run setup:test` and .ci/run: installs what the tests need on Debian/Ubuntu, from the one list
// in tools.mjs. As root it runs apt-get itself; otherwise through sudo.
import { spawnSync } from 'node:child_process';
import { debianPackages, missingTools, tools, which } from './tools.mjs';

const missing = missingTools();
if (missing.length === 0) {
  console.log(`Test prerequisites: all present (${tools.map((t) => t.id).join(', ')}).`);
  process.exit(0);
}
const packages = debianPackages(missing);
console.log(`Test prerequisites: installing ${packages.join(' ')} (for ${missing.map((t) => t.id).join(', ')})`);
if (!which(['apt-get'])) {
  console.error('这台电脑没有 apt-get（不是 Debian/Ubuntu）：请按 README 手动安装上面的工具。');
  console.error('No apt-get here (not Debian/Ubuntu): install the tools above by hand, as the README says.');
  process.exit(1);
}
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = asRoot ? [] : ['sudo'];
if (!asRoot && !which(['sudo'])) {
  console.error('需要 root 权限或 sudo。 / Needs root or sudo.');
  process.exit(1);
}
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
function apt(args) {
  const [file, ...rest] = [...prefix, 'apt-get', ...args];
  const result = spawnSync(file, rest, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) {
    console.error(`apt-get ${args[0]} failed (exit ${result.status}).`);
    process.exit(result.status || 1);
  }
}
apt(['update', '-qq']);
apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
const still = missingTools();
if (still.length) {
  console.error(`Still missing after the install: ${still.map((t) => t.id).join(', ')}`);
  process.exit(1);
}
console.log('Test prerequisites: installed.');
