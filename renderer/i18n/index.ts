import { createI18n } from 'vue-i18n';
import en from './en.js';
import zhCN from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';

const STORAGE_KEY = 'houniao.locale';

/** The language this browser last chose (kept across reloads), or Chinese. */
export function savedLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Switches the screen's language: the i18n locale, the page's lang attribute, and the remembered choice. */
export function applyLocale(target: { value: string }, locale: Locale): void {
  target.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {}
}

export function createAppI18n(locale: Locale = 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    // Messages hold literal braces only as placeholders; nothing else to escape.
    warnHtmlMessage: false,
  });
}

export { en, zhCN };
