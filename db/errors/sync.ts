import type { ErrorEntry } from './index.js';

/** City sync (issue 16): enrolling with the hub and asking it about a resident. */
export const syncErrors = {
  SYNC_HUB_UNREACHABLE: {
    status: 502,
    zh: '连接不上市级平台（{hub}），请检查地址和网络后再试。本站点的工作不受影响。',
    en: 'Cannot reach the city hub ({hub}). Check the address and the network; this center keeps working.',
  },
  SYNC_CODE_REFUSED: { status: 409, zh: '市级平台没有接受这个注册码：{reason}', en: 'The city hub refused the enrolment code: {reason}' },
  SYNC_ALREADY_ENROLLED: {
    status: 409,
    zh: '本站点已经加入市级数据同步（{center}），不需要再注册。',
    en: 'This center is already enrolled with the city ({center}).',
  },
  SYNC_NOT_ENROLLED: { status: 409, zh: '本站点还没有加入市级数据同步，请先注册。', en: 'This center has not enrolled with the city yet.' },
  SYNC_RESNAPSHOT_PENDING: {
    status: 409,
    zh: '上一次重新发送的数据还没有全部送到市级平台，请等它发完再试。',
    en: 'The last full re-send has not reached the city yet; please wait until it has.',
  },
} as const satisfies Record<string, ErrorEntry>;

export const syncFieldMessages = {
  hubUrl: { zh: '请填写市级平台的地址，例如 http://192.168.1.20:8740。', en: 'Enter the hub address, e.g. http://192.168.1.20:8740.' },
  enrolCode: { zh: '注册码是 16 位字母和数字（可带 -），请向市级平台索取。', en: 'The enrolment code is 16 letters and digits (dashes allowed).' },
} as const satisfies Record<string, { zh: string; en: string }>;
