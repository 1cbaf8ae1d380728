import { z } from 'zod';
import { defineOp } from './define.js';
import type { SettingValues } from './settings.js';
import type { CallView, CardHolderView, CounterState, QueueCounter, QueueService, ServiceLine, TicketView } from '../../queue/types.js';

export type { CallView, CardHolderView, CounterState, QueueCounter, QueueService, ServiceLine, TicketView, TicketStatus } from '../../queue/types.js';

const id = z.number().int().positive();
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'queueHours');
const counterInput = z.object({ counterId: id }).strict();

export const serviceInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1, 'queueName').max(20, 'queueName'),
    nameEn: z.string().trim().max(40, 'invalid').optional(),
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Z]$/, 'queuePrefix'),
    opensAt: hhmm.default('08:30'),
    closesAt: hhmm.default('17:30'),
    dailyLimit: z.number().int('invalid').min(1, 'invalid').max(9999, 'invalid').default(300),
    active: z.boolean().default(true),
    sort: z.number().int('invalid').min(0, 'invalid').max(999, 'invalid').default(0),
    counterIds: z.array(id).max(50, 'invalid').optional(),
  })
  .strict()
  .refine((s) => s.opensAt < s.closesAt, { message: 'queueHours', path: ['closesAt'] });

export const counterInputSchema = z
  .object({
    id: id.optional(),
    number: z.number().int('invalid').min(1, 'invalid').max(99, 'invalid'),
    name: z.string().trim().min(1, 'queueName').max(20, 'queueName'),
    active: z.boolean().default(true),
    serviceIds: z.array(id).max(50, 'invalid'),
  })
  .strict();

/** What the calling display loads on open and after every reconnect. */
export interface DisplayState {
  current: CallView | null;
  recent: CallView[];
  lines: ServiceLine[];
}

/** The queue and display settings screens without a staff session need (kiosk, hall TV). */
export type QueueScreenSettings = Pick<SettingValues, 'queue.timezone' | 'display.voice' | 'display.layout' | 'display.notices'>;

export const queueOperations = {
  'queue.screenSettings': defineOp<QueueScreenSettings>()({
    summary: 'Voice, layout, notices and time zone for the kiosk and the calling display (reload on settings.changed).',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'queue.lines': defineOp<ServiceLine[]>()({
    summary: 'The services a resident can take a ticket for, with how many are waiting (kiosk tiles).',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'queue.take': defineOp<TicketView>()({
    summary: '取号: the next number of a service for today, printed on the ticket printer; optionally with a scanned service card (priority).',
    input: z.object({ serviceId: id, cardPayload: z.string().trim().max(500, 'invalid').optional() }).strict(),
    role: 'public',
    errors: ['NOT_FOUND', 'QUEUE_SERVICE_CLOSED', 'QUEUE_DAILY_LIMIT', 'QUEUE_TAKE_TOO_FAST'],
  }),
  'queue.card': defineOp<CardHolderView>()({
    summary: '取号 card scan: the holder’s masked name, whether they go first, and their open tickets today.',
    input: z.object({ cardPayload: z.string().trim().min(1, 'required').max(500, 'invalid') }).strict(),
    role: 'public',
    errors: ['CARD_INVALID'],
  }),
  'queue.attachCard': defineOp<TicketView>()({
    summary: '取号 when the card comes after the tap: the ticket just taken at this kiosk gets the holder and their priority.',
    input: z.object({ ticketId: id, cardPayload: z.string().trim().min(1, 'required').max(500, 'invalid') }).strict(),
    role: 'public',
    errors: ['NOT_FOUND', 'CARD_INVALID', 'QUEUE_CARD_TOO_LATE'],
  }),
  'queue.myTickets': defineOp<TicketView[]>()({
    summary: '找回我的号: today’s open tickets taken with this service card (when the paper ticket did not print or was lost).',
    input: z.object({ cardPayload: z.string().trim().min(1, 'required').max(500, 'invalid') }).strict(),
    role: 'public',
    errors: ['CARD_INVALID'],
  }),
  'queue.ticket': defineOp<TicketView>()({
    summary: 'One ticket as the resident sees it (number, people ahead, estimated wait).',
    input: z.object({ id }).strict(),
    role: 'public',
    errors: ['NOT_FOUND'],
  }),
  'queue.display': defineOp<DisplayState>()({
    summary: 'The calling display: the latest call, recent calls and the lines.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'queue.counters': defineOp<CounterState[]>()({
    summary: 'Every counter with the ticket it is serving and how many wait for it.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'queue.tickets': defineOp<TicketView[]>()({
    summary: 'Today’s waiting, called and passed-over tickets (the counter page’s list).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'queue.callNext': defineOp<CounterState>()({
    summary: '叫号: call the next ticket for this counter’s services.',
    input: counterInput,
    role: 'staff',
    errors: ['NOT_FOUND', 'QUEUE_EMPTY', 'QUEUE_COUNTER_BUSY', 'QUEUE_COUNTER_PAUSED'],
  }),
  'queue.recall': defineOp<CounterState>()({ summary: '重呼: announce the current ticket again.', input: counterInput, role: 'staff', errors: ['NOT_FOUND', 'QUEUE_NO_CURRENT'] }),
  'queue.noShow': defineOp<CounterState>()({ summary: '过号: the current ticket did not come.', input: counterInput, role: 'staff', errors: ['NOT_FOUND', 'QUEUE_NO_CURRENT'] }),
  'queue.finish': defineOp<CounterState>()({ summary: '办结: the current ticket is done.', input: counterInput, role: 'staff', errors: ['NOT_FOUND', 'QUEUE_NO_CURRENT'] }),
  'queue.transfer': defineOp<CounterState>()({
    summary: '转办: move the current ticket to another service’s line.',
    input: z.object({ counterId: id, serviceId: id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'QUEUE_NO_CURRENT', 'QUEUE_TRANSFER_SAME'],
  }),
  'queue.requeue': defineOp<TicketView>()({
    summary: 'A passed-over ticket rejoins the end of the line (once).',
    input: z.object({ ticketId: id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'QUEUE_REQUEUE_NOT_ALLOWED'],
  }),
  'queue.pause': defineOp<CounterState>()({
    summary: '暂停 / 恢复 a counter.',
    input: z.object({ counterId: id, paused: z.boolean() }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'queue.reprint': defineOp<TicketView>()({
    summary: '重新打印 a ticket.',
    input: z.object({ ticketId: id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'queue.config': defineOp<{ services: QueueService[]; counters: QueueCounter[] }>()({
    summary: 'Services and counters for the settings pages.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'queue.saveService': defineOp<QueueService>()({
    summary: 'Create or change a service (name, letter, hours, daily limit, counters).',
    input: serviceInputSchema,
    role: 'admin',
    errors: ['NOT_FOUND', 'QUEUE_PREFIX_TAKEN'],
  }),
  'queue.saveCounter': defineOp<QueueCounter>()({
    summary: 'Create or change a counter (number, name, services).',
    input: counterInputSchema,
    role: 'admin',
    errors: ['NOT_FOUND', 'QUEUE_COUNTER_NUMBER_TAKEN'],
  }),
} as const;
