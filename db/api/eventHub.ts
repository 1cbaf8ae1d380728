import type { ApiEvent } from './contract/events.js';

export type EventListener = (event: ApiEvent) => void;

/** One channel for everything the host pushes to screens; transports subscribe and forward. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('[events] a listener failed', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
