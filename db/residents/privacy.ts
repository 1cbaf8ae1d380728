/**
 * The privacy notice shown before anything is typed (PIPL: who keeps the data, why, how long).
 * Its version is stored with each consent so a changed notice can be told apart later.
 */
export const PRIVACY_NOTICE_VERSION = '2026-1';

export function privacyNotice(centerName: string, retentionMonths: number): { version: string; zh: string[]; en: string[] } {
  return {
    version: PRIVACY_NOTICE_VERSION,
    zh: [
      `您填写的信息由${centerName}保管，只存放在本中心的电脑上，不上传到网络。`,
      '用途：为您办理来离登记、发放服务卡、借用物资和排队叫号，以及匿名统计。',
      '身份证号可以不填；填写后会加密保存，屏幕和纸上只显示部分号码。',
      `您离开后 ${retentionMonths} 个月内没有再来，您的个人信息会被自动删除。您也可以随时请工作人员删除。`,
    ],
    en: [
      `Your details are kept by ${centerName}, only on this center's computer, never uploaded.`,
      'They are used for arrival and departure records, your service card, equipment loans, queue tickets and anonymous statistics.',
      'Your ID number is optional; if given it is stored encrypted and only shown partly.',
      `If you do not come back within ${retentionMonths} months of leaving, your personal details are deleted automatically. You can ask the staff to delete them at any time.`,
    ],
  };
}
