import { onBeforeUnmount, ref } from 'vue';
import type { QueueScreenSettings } from '../../../db/api/contract/queue.js';
import { useApi } from '../../api/index.js';

/**
 * Voice, layout, notices and time zone for the kiosk and the hall TV. Loaded once, again whenever a
 * manager saves settings (settings.changed) and after a reconnect.
 */
export function useScreenSettings() {
  const api = useApi();
  const values = ref<QueueScreenSettings | null>(null);
  async function load(): Promise<void> {
    try {
      values.value = await api.call('queue.screenSettings');
    } catch {
      // Keep the last known values; the reconnect listener tries again.
    }
  }
  const off = api.onEvent((e) => e.type === 'settings.changed' && void load());
  const offReconnect = api.onReconnect(() => void load());
  onBeforeUnmount(() => {
    off();
    offReconnect();
  });
  void load();
  return values;
}
