import type { RouteLocationRaw } from 'vue-router';

export type KioskTaskId = 'checkin' | 'checkout' | 'ticket' | 'card' | 'request' | 'suggestion' | 'activities' | 'points';

export interface KioskTile {
  id: KioskTaskId;
  color: string;
  to: RouteLocationRaw;
  /** 'more': a service beyond the four front-desk tasks, shown in the smaller row under them. */
  tier?: 'more';
}

/**
 * The tasks on the kiosk home screen: the four front-desk tasks as big tiles, then the centre's other
 * services (tier 'more') in a smaller row, each in the order residents see them. A task whose self-service
 * flow is not built yet sends the resident to the front desk (kiosk-ask-desk) rather than a dead end.
 */
export const kioskTiles: KioskTile[] = [
  { id: 'checkin', color: 'var(--tile-checkin)', to: { name: 'kiosk-checkin' } },
  { id: 'checkout', color: 'var(--tile-checkout)', to: { name: 'kiosk-checkout' } },
  { id: 'ticket', color: 'var(--tile-ticket)', to: { name: 'kiosk-ticket' } },
  { id: 'card', color: 'var(--tile-card)', to: { name: 'kiosk-card' } },
  { id: 'request', color: 'var(--tile-request)', to: { name: 'kiosk-request' }, tier: 'more' },
  { id: 'activities', color: 'var(--tile-activities)', to: { name: 'kiosk-activities' }, tier: 'more' },
  { id: 'points', color: 'var(--tile-points)', to: { name: 'kiosk-points' }, tier: 'more' },
  { id: 'suggestion', color: 'var(--tile-suggestion)', to: { name: 'kiosk-suggestion' }, tier: 'more' },
];
