import type { ErrorEntry } from './index.js';

/** 金点子 (issue 17.6). */
export const suggestionsErrors = {
  SUGGESTION_EMPTY: { status: 400, zh: '请先写下您的建议，再提交。', en: 'Please write your suggestion before sending it.' },
  SUGGESTION_TOO_LONG: { status: 400, zh: '建议内容请不超过 {max} 个字。', en: 'Please keep the suggestion to at most {max} characters.' },
  SUGGESTION_MOVE_NOT_ALLOWED: {
    status: 409,
    zh: '这条金点子现在不能改成这个状态，请刷新后再试。',
    en: 'This suggestion cannot move to that state now. Please reload and try again.',
  },
  SUGGESTION_ANSWER_EMPTY: {
    status: 400,
    zh: '请填写答复和公开展示的内容（公开内容不要写姓名和电话）。',
    en: 'Please fill in the answer and the public wording (no names or phone numbers in the public wording).',
  },
} as const satisfies Record<string, ErrorEntry>;

export const suggestionsFieldMessages = {
  suggestionText: { zh: '建议内容应为 1 到 500 个字。', en: 'The suggestion must be 1 to 500 characters.' },
  suggestionAnswer: { zh: '答复应为 1 到 500 个字。', en: 'The answer must be 1 to 500 characters.' },
} as const satisfies Record<string, { zh: string; en: string }>;
