import { defineStore } from 'pinia';

type Reset = () => void;

/**
 * One resident's visit to the kiosk. Every kiosk flow registers how to clear its half-filled form;
 * when the visit ends (idle timeout, back to home) all of them are cleared, so the next person
 * never sees the previous one's data.
 */
export const useKioskSessionStore = defineStore('kioskSession', () => {
  const resets = new Set<Reset>();

  function register(reset: Reset): () => void {
    resets.add(reset);
    return () => resets.delete(reset);
  }

  function endVisit(): void {
    for (const reset of resets) reset();
  }

  return { register, endVisit };
});
