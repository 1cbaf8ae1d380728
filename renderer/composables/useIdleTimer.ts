import { onBeforeUnmount, onMounted, ref, unref, watch, type Ref } from 'vue';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Counts down while nobody touches the screen. `warning` turns true for the last `warnSeconds`,
 * then `onIdle` runs once. Any touch or key restarts the count. Time is measured from the last
 * touch by the clock, not by counting ticks, so a busy machine or a throttled timer cannot
 * stretch the countdown.
 */
export function useIdleTimer(options: { timeoutSeconds: Ref<number>; warnSeconds?: number | Ref<number>; onIdle: () => void; enabled?: Ref<boolean> }) {
  const warnSeconds = () => unref(options.warnSeconds) ?? 10;
  const secondsLeft = ref(options.timeoutSeconds.value);
  const warning = ref(false);
  let lastActivity = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;

  function restart(): void {
    lastActivity = Date.now();
    secondsLeft.value = options.timeoutSeconds.value;
    warning.value = false;
  }

  function tick(): void {
    if (options.enabled && !options.enabled.value) return restart();
    const elapsed = (Date.now() - lastActivity) / 1000;
    secondsLeft.value = Math.max(0, Math.ceil(options.timeoutSeconds.value - elapsed));
    warning.value = secondsLeft.value > 0 && secondsLeft.value <= warnSeconds();
    if (secondsLeft.value <= 0) {
      restart();
      options.onIdle();
    }
  }

  watch(options.timeoutSeconds, restart);
  onMounted(() => {
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, restart, { capture: true, passive: true });
    timer = setInterval(tick, 500);
  });
  onBeforeUnmount(() => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, restart, { capture: true });
    clearInterval(timer);
  });

  return { secondsLeft, warning, restart };
}
