import { createI18n } from 'vue-i18n';
import en from './en.js';
import zhCN from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';

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
