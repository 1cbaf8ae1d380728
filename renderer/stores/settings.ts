import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PublicSettings } from '../../db/api/contract/index.js';
import { useApi } from '../api/index.js';

/** The settings every screen shows (center name, hotline, idle time), kept live by settings.changed events. */
export const useSettingsStore = defineStore('settings', () => {
  const api = useApi();
  const values = ref<PublicSettings | null>(null);
  const unreachable = ref(false);

  async function load(): Promise<void> {
    try {
      values.value = await api.call('settings.public');
      unreachable.value = false;
    } catch {
      unreachable.value = true;
    }
  }

  api.onEvent((event) => {
    if (event.type === 'settings.changed') values.value = event.settings;
  });
  api.onReconnect(() => void load());

  return { values, unreachable, load };
});
