import type { RouteLocationRaw } from 'vue-router';

export type KioskTaskId = 'checkin' | 'checkout' | 'ticket' | 'card' | 'activities';

export interface KioskTile {
  id: KioskTaskId;
  color: string;
  to: RouteLocationRaw;
}

/**
 * The four tasks on the kiosk home screen, in the order residents see them. A task whose self-service
 * flow is not built yet sends the resident to the front desk (kiosk-ask-desk) rather than a dead end.
 */
export const kioskTiles: KioskTile[] = [
  { id: 'checkin', color: 'var(--tile-checkin)', to: { name: 'kiosk-checkin' } },
  { id: 'checkout', color: 'var(--tile-checkout)', to: { name: 'kiosk-checkout' } },
  { id: 'ticket', color: 'var(--tile-ticket)', to: { name: 'kiosk-ticket' } },
  { id: 'card', color: 'var(--tile-card)', to: { name: 'kiosk-card' } },
  { id: 'activities', color: 'var(--tile-activities, #6a1b9a)', to: { name: 'kiosk-activities' } },
];
