/** Shapes the queue module hands out; the contract (db/api/contract/queue.ts) re-exports them. */

export type TicketStatus = 'waiting' | 'called' | 'finished' | 'no_show' | 'transferred' | 'unserved';

export interface QueueService {
  id: number;
  name: string;
  /** The English name for English mode ('' when none: the screens show the Chinese name). */
  nameEn: string;
  /** One capital letter (A–Z) printed before the number: A012. */
  prefix: string;
  /** Local 'HH:MM'; closesAt may be '24:00'. */
  opensAt: string;
  closesAt: string;
  dailyLimit: number;
  active: boolean;
  sort: number;
  counterIds: number[];
}

export interface QueueCounter {
  id: number;
  number: number;
  name: string;
  paused: boolean;
  active: boolean;
  serviceIds: number[];
}

export interface TicketView {
  id: number;
  code: string;
  serviceId: number;
  serviceName: string;
  serviceNameEn: string;
  status: TicketStatus;
  priority: boolean;
  /** Waiting tickets served before this one (0 when it is not waiting). */
  ahead: number;
  /** Estimated minutes until it is called, from today's observed service times. */
  waitMinutes: number;
  issuedAt: string;
  calledAt: string | null;
  counterId: number | null;
  counterNumber: number | null;
  requeued: boolean;
  printJobId: number | null;
  /** The ticket printer's outcome for its latest job (null: not printed — no ticket printer chosen). */
  printStatus: 'queued' | 'printing' | 'done' | 'failed' | null;
}

/** One announcement on the calling display. */
export interface CallView {
  ticketId: number;
  code: string;
  serviceName: string;
  serviceNameEn: string;
  counterNumber: number;
  counterName: string;
  calledAt: string;
  recall: boolean;
}

/** What a kiosk tile shows for a service. */
export interface ServiceLine {
  id: number;
  name: string;
  nameEn: string;
  prefix: string;
  waiting: number;
  waitMinutes: number;
  open: boolean;
  opensAt: string;
  closesAt: string;
}

export interface CounterState extends QueueCounter {
  current: TicketView | null;
  /** Waiting tickets across the services this counter serves. */
  waiting: number;
}

/** 取号's card scan: the holder as the kiosk may show them, and their open tickets today (找回我的号). */
export interface CardHolderView {
  maskedName: string;
  priority: boolean;
  tickets: TicketView[];
}
