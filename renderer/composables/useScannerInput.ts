import { onBeforeUnmount, onMounted } from 'vue';

/**
 * A USB QR scanner is a keyboard that types very fast and ends with Enter. Characters typed since
 * the last pause, ending in Enter, are a scan when they came in at less than `gapMs` apart on
 * average (the mean, not every gap: a busy machine delivers a scanner's keys with some jitter);
 * a person typing is far slower and is left alone. Listens on the window in the capture phase so
 * a scan works whatever has focus; once keys are arriving fast they are kept out of text fields.
 * Gaps are measured by each key's own time stamp (when the keyboard delivered it), not by when the
 * page got round to handling it: a kiosk busy drawing or printing handles a scan's keys late, and
 * must not mistake that delay for a pause between two inputs.
 */
export function useScannerInput(onScan: (code: string) => void, options: { gapMs?: number; minLength?: number; pauseMs?: number } = {}) {
  const gapMs = options.gapMs ?? 40;
  const minLength = options.minLength ?? 6;
  const pauseMs = options.pauseMs ?? 300;
  let buffer = '';
  let firstAt = 0;
  let lastAt = 0;

  function onKey(e: KeyboardEvent): void {
    const now = e.timeStamp || performance.now();
    const sinceLast = now - lastAt;
    if (e.key === 'Enter') {
      const meanGap = buffer.length > 1 ? (lastAt - firstAt) / (buffer.length - 1) : Infinity;
      const code = buffer;
      buffer = '';
      if (code.length >= minLength && meanGap < gapMs && sinceLast < pauseMs) {
        e.preventDefault();
        e.stopPropagation();
        onScan(code);
      }
      return;
    }
    if (e.key.length !== 1) return;
    if (!buffer || sinceLast > pauseMs) {
      buffer = '';
      firstAt = now;
    }
    buffer += e.key;
    lastAt = now;
    // From the second fast key on this looks like a scanner: keep its characters out of inputs.
    if (buffer.length > 1 && sinceLast < gapMs) e.preventDefault();
  }

  onMounted(() => window.addEventListener('keydown', onKey, true));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, true));
}
