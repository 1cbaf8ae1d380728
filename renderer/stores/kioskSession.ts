import { defineStore } from 'pinia';
import { ref } from 'vue';

type Reset = () => void;

/**
 * One resident's visit to the kiosk. Every kiosk flow registers how to clear its half-filled form;
 * when the visit ends (idle timeout, back to home) all of them are cleared, so the next person
 * never sees the previous one's data.
 *
 * `formInProgress` is set by the screen showing a half-filled form (issue 12.4): the frame then
 * gives a longer, visible grace before the idle reset and asks before anything is thrown away.
 */
export const useKioskSessionStore = defineStore('kioskSession', () => {
  const resets = new Set<Reset>();
  const formInProgress = ref(false);

  function register(reset: Reset): () => void {
    resets.add(reset);
    return () => resets.delete(reset);
  }

  function endVisit(): void {
    for (const reset of resets) reset();
    formInProgress.value = false;
  }

  return { register, endVisit, formInProgress };
});
