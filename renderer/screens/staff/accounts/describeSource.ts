import type { FailureSource } from '../../../../db/api/contract/staff.js';

/** Where a failed attempt came from, in words: 本机, 终端“2号窗口”, 网络地址 192.168.1.66. */
export function describeSource(source: FailureSource, t: (key: string, params?: Record<string, unknown>) => string): string {
  if (source.kind === 'host') return t('auth.source.host');
  if (source.kind === 'terminal') return t('auth.source.terminal', { name: source.name });
  return t('auth.source.address', { address: source.address });
}
