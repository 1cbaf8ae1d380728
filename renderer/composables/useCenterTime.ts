import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { QueueScreenSettings } from '../../db/api/contract/queue.js';
import { instantOfLocalTime, localClock, localDate } from '../../db/wallClock.js';
import { useScreenSettings } from '../screens/display/useScreenSettings.js';

/** The setting's own default, what the host uses until a manager picks another zone. */
const DEFAULT_ZONE = 'Asia/Shanghai';

/**
 * Times on every screen as the center's clock shows them (setting `queue.timezone`), the same
 * clock the host uses for "due today", reservations and slips, whatever zone this PC, tablet or
 * kiosk is set to. A screen that already reads the screen settings (voice, layout) passes them in
 * rather than loading them twice.
 */
export function useCenterTime(screen: Ref<QueueScreenSettings | null> = useScreenSettings()) {
  const { locale } = useI18n();
  const zone = computed(() => screen.value?.['queue.timezone'] ?? DEFAULT_ZONE);

  /** 11/22 14:00 (with the year: 2026/11/22 14:00, for records that span seasons) */
  const when = (iso: string | null | undefined, withYear = false): string =>
    iso
      ? new Date(iso).toLocaleString(locale.value === 'en' ? 'en-GB' : 'zh-CN', {
          timeZone: zone.value,
          ...(withYear ? { year: 'numeric' } : {}),
          month: 'numeric',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hour12: false,
        })
      : '';

  /** An ISO time as the value of an <input type="datetime-local">, on the center's clock. */
  const toInput = (iso: string): string => {
    const { day, time } = localClock(new Date(iso), zone.value);
    return `${day}T${time}`;
  };

  /** An <input type="datetime-local"> value, read on the center's clock, as an ISO time. */
  const fromInput = (value: string): string | null => {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
    return m ? instantOfLocalTime(m[1]!, m[2]!, zone.value).toISOString() : null;
  };

  /** The center's date today, 'YYYY-MM-DD'. */
  const today = (): string => localDate(new Date(), zone.value);

  return { zone, when, toInput, fromInput, today };
}
