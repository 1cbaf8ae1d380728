import type { Messages } from '../messages.js';

/** 系统设置: retention held back, encrypted backups and the ID key's recovery code (issues 11.6, 12.18, 12.20, 13.11). */
export const zh = {
  records: {
    retentionHeld: '{count} 位居民已超过保存期限，但还有未还物资、押金或预约，暂不删除。请先为他们办理归还或取消预约：',
    heldLoans: '未还物资 {n} 件',
    heldDeposit: '押金 {yuan} 元',
    heldHolds: '预约 {n} 个',
    backupEncrypted: '备份文件已加密，只有用本机的密钥或下面的恢复码才能打开。',
    keyTitle: '身份证号密钥恢复码',
    keyHint: '更换电脑或重装系统后，需要这个恢复码才能读出已登记的身份证号，也才能打开备份。请打印或抄写下来，锁在安全的地方，不要和电脑放在一起。',
    keyNever: '还没有导出过恢复码，请尽快导出并妥善保管。',
    keyLast: '上次导出：{at}',
    keyShow: '显示恢复码',
    keyHide: '收起恢复码',
    keyPrint: '打印恢复码',
    keySave: '保存为文件',
    keyWarning: '看完请收起。拿到恢复码和备份文件的人，可以读出所有身份证号。',
  },
};

export const en: Messages<typeof zh> = {
  records: {
    retentionHeld: '{count} residents are past the retention period but still have items, deposits or holds, so they were not erased. Please settle these first:',
    heldLoans: '{n} item(s) not returned',
    heldDeposit: 'deposit ¥{yuan}',
    heldHolds: '{n} hold(s)',
    backupEncrypted: "Backup files are encrypted; only this computer's key or the recovery code below opens them.",
    keyTitle: 'Recovery code for the ID-number key',
    keyHint:
      'After a computer is replaced or reinstalled, this code is needed to read the stored ID numbers and to open the backups. Print it or write it down and lock it away, not next to the computer.',
    keyNever: 'The recovery code has not been exported yet. Please export it soon and keep it safe.',
    keyLast: 'Last exported: {at}',
    keyShow: 'Show the recovery code',
    keyHide: 'Hide the recovery code',
    keyPrint: 'Print the recovery code',
    keySave: 'Save as a file',
    keyWarning: 'Hide it when done. Anyone with the code and a backup file can read every ID number.',
  },
};
