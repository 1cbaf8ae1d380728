import { reactive } from 'vue';

/** What one staff action asks before it runs. */
export interface ActionQuestion {
  title: string;
  message?: string;
  /** When given, the person must write a reason (kept in the audit log) before confirming. */
  reasonLabel?: string;
  /** What the text box starts with (e.g. the current value being changed). */
  initial?: string;
  confirmLabel: string;
  danger?: boolean;
}

interface DialogState {
  question: ActionQuestion | null;
  reason: string;
  answer: ((reason: string | null) => void) | null;
}

/** One dialog for the whole staff console; ActionDialog.vue (in StaffLayout) renders it. */
export const actionDialog = reactive<DialogState>({ question: null, reason: '', answer: null });

/**
 * Ask before a consequential staff action, in the page instead of window.prompt/confirm (which a
 * kiosk shell may suppress and which cannot be made large or Chinese-first). Resolves with the reason
 * written ('' when none was asked for), or null when the person cancelled.
 */
export function askAction(question: ActionQuestion): Promise<string | null> {
  actionDialog.answer?.(null); // a question still open is cancelled by the new one
  return new Promise((resolve) => {
    actionDialog.question = question;
    actionDialog.reason = question.initial ?? '';
    actionDialog.answer = (reason) => {
      actionDialog.question = null;
      actionDialog.answer = null;
      resolve(reason);
    };
  });
}
