import { useScannerInput } from '../../composables/useScannerInput.js';

/** A paper ticket's QR (HOUNIAO-TICKET:<id>) scanned while `active()` holds: hand it to `open` (the kiosk's rating screen). */
export function useTicketRatingScan(active: () => boolean, open: (ticketQr: string) => void): void {
  useScannerInput((code) => {
    const c = code.trim();
    if (active() && /^HOUNIAO-TICKET:\d{1,12}$/.test(c)) open(c);
  });
}
