import { useI18n } from 'vue-i18n';

/**
 * A configured name (a queue service, a loan category) in the screen's language: its English name
 * in English mode when the manager gave one, the Chinese name otherwise.
 */
export function localName(name: string, nameEn: string | null | undefined, locale: string): string {
  return locale === 'en' && nameEn?.trim() ? nameEn.trim() : name;
}

/** localName bound to the screen's current language. */
export function useLocalName(): (name: string, nameEn?: string | null) => string {
  const { locale } = useI18n();
  return (name, nameEn) => localName(name, nameEn, locale.value);
}
