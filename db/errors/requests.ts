import type { ErrorEntry } from './index.js';

/** 接诉即办 (issue 17): residents' requests, triage, handlers, deadlines, the resident's rating. */
export const requestsErrors = {
  REQUEST_NOT_FOUND: {
    status: 404,
    zh: '没有找到这件诉求，请核对回执上的二维码后再扫一次，或到服务台咨询。',
    en: 'This request was not found. Please scan the QR on your receipt again, or ask at the front desk.',
  },
  REQUEST_CATEGORY_UNKNOWN: { status: 404, zh: '没有这个诉求类别，请重新选择。', en: 'There is no such category. Please choose again.' },
  REQUEST_CATEGORY_EXISTS: { status: 409, zh: '已经有名为“{name}”的诉求类别，请换一个名称。', en: 'There is already a category called "{name}". Please choose another name.' },
  REQUEST_HANDLER_UNKNOWN: { status: 404, zh: '没有这位承办人，请从承办人名单中选择。', en: 'There is no such handler. Please choose one from the handlers list.' },
  REQUEST_HANDLER_EXISTS: { status: 409, zh: '承办人名单里已经有“{name}”，请不要重复添加。', en: '"{name}" is already on the handlers list.' },
  REQUEST_STATE: {
    status: 409,
    zh: '这件诉求现在是“{state}”，不能“{action}”。请刷新后再看。',
    en: 'This request is now "{stateEn}"; "{actionEn}" is not possible. Please reload and check.',
  },
  REQUEST_NEEDS_LEVEL: { status: 409, zh: '请先给这件诉求分级（绿、黄、红），再派给承办人。', en: 'Please give this request a level (green, yellow, red) before assigning it.' },
  REQUEST_TOP_LEVEL: {
    status: 409,
    zh: '这件诉求已经是红色（街道吹哨/部门），不能再升级。',
    en: 'This request is already red (district / department); it cannot be escalated further.',
  },
  REQUEST_SAME_CATEGORY: { status: 409, zh: '这件诉求已经是“{name}”类，请选择另一个类别。', en: 'This request is already in "{name}". Please choose another category.' },
  REQUEST_ALREADY_RATED: {
    status: 409,
    zh: '这件诉求您已经评价过了，谢谢您！每件诉求只评价一次。',
    en: 'You have already rated this request, thank you. Each request is rated once.',
  },
  REQUEST_NOT_RATABLE: {
    status: 409,
    zh: '这件诉求还没有办理结果，有结果后才能评价。',
    en: 'This request has no result yet; you can rate it once there is one.',
  },
  REQUEST_NOT_YOURS: {
    status: 403,
    zh: '这件诉求不是用这张服务卡提交的，请扫描回执上的二维码。',
    en: 'This request was not made with this card. Please scan the QR on the receipt.',
  },
  REQUEST_ERASED: { status: 410, zh: '这件诉求的内容已按居民信息删除规则删除。', en: "The text of this request was erased under the residents' data rules." },
} as const satisfies Record<string, ErrorEntry>;

export const requestsFieldMessages = {
  requestDescription: {
    zh: '请写几句您要反映的事情（1 到 500 个字），可以点上面的常用语。',
    en: 'Please describe what you want to report (1 to 500 characters); the quick phrases above help.',
  },
  requestReason: { zh: '请写明原因（至少 2 个字）。', en: 'Please give the reason (at least 2 characters).' },
  requestAnswer: { zh: '请写明办理结果（2 到 500 个字），居民会在自助机上看到。', en: 'Please write the result (2 to 500 characters); the resident will see it at the kiosk.' },
  requestNote: { zh: '备注应为 1 到 500 个字。', en: 'A note must be 1 to 500 characters.' },
  requestRatingReason: {
    zh: '选择“不满意”时请说一说原因（至少 2 个字），我们会回访。',
    en: 'Please tell us why you are not satisfied (at least 2 characters); we will follow up.',
  },
  requestCategoryName: { zh: '类别名称应为 1 到 30 个字。', en: 'A category name must be 1 to 30 characters.' },
  requestHandlerName: { zh: '承办人名称应为 1 到 30 个字。', en: 'A handler name must be 1 to 30 characters.' },
  requestDeadlineHours: { zh: '办理时限应为 1 到 720 小时。', en: 'The deadline must be 1 to 720 hours.' },
  requestPhrase: { zh: '每条常用语 1 到 30 个字，最多 12 条。', en: 'Each quick phrase 1 to 30 characters, at most 12.' },
} as const satisfies Record<string, { zh: string; en: string }>;
