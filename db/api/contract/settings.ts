import { z } from 'zod';
import { defineOp } from './define.js';
import { defaultPrintTargets, printTargetsSchema } from './printing.js';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every setting: its schema (the single place its rules live), its default, and whether screens
 * without a staff session (kiosk, display) may read it. Issues add their keys here.
 */
export const settingDefinitions = {
  'center.name': { schema: z.string().trim().min(1, 'centerName').max(40, 'centerName'), default: '候鸟驿站服务中心', public: true },
  'center.hotline': {
    schema: z
      .string()
      .trim()
      .regex(/^[0-9][0-9\- ]{3,18}[0-9]$/, 'hotline'),
    default: '12345',
    public: true,
  },
  'kiosk.idleSeconds': { schema: z.number().int('idleSeconds').min(15, 'idleSeconds').max(600, 'idleSeconds'), default: 60, public: true },
  /** The staff console signs out after this many minutes without a touch or key (0 = never): a desk PC left open shows residents' details. */
  'staff.idleMinutes': { schema: z.number().int('staffIdleMinutes').min(0, 'staffIdleMinutes').max(240, 'staffIdleMinutes'), default: 30, public: true },
  /** Which windows this terminal opens when the desktop app starts. */
  'terminal.windows': {
    schema: z.array(z.enum(['kiosk', 'staff', 'display'])).min(1, 'terminalWindows'),
    default: ['kiosk'] as Array<'kiosk' | 'staff' | 'display'>,
    public: false,
  },
  /** Whether the desktop app also serves other terminals on the local network, and where. */
  'lan.enabled': { schema: z.boolean(), default: false, public: false },
  'lan.host': { schema: z.string().trim().min(1, 'required').max(64, 'invalid'), default: '0.0.0.0', public: false },
  /** 打印设置: the printer for each job type (issue 3). */
  'printing.targets': { schema: printTargetsSchema, default: defaultPrintTargets, public: false },
  /** Residents (issue 4): months after the last visit before a profile is anonymised by the daily job. */
  'residents.retentionMonths': { schema: z.number().int('retentionMonths').min(6, 'retentionMonths').max(120, 'retentionMonths'), default: 24, public: false },
  /** The center's WeChat contact QR printed on service cards: an image data URL the manager uploads ('' = none). */
  'center.contactQr': {
    schema: z
      .string()
      .max(400_000, 'contactQr')
      .regex(/^$|^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'contactQr'),
    default: '',
    public: false,
  },
  /** 报表 (issue 15): the season as month-day start and end ('10-01' to '04-30' for a winter center; a summer one sets '06-01' to '09-30'). */
  'reports.season': {
    schema: z
      .object({ start: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'seasonDay'), end: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'seasonDay') })
      .strict()
      .refine((v) => v.start !== v.end, 'seasonDay'),
    default: { start: '10-01', end: '04-30' },
    public: false,
  },
  /** 接诉即办 (issue 17): days after a result before a case nobody rated closes as 未评价. */
  'requests.autoCloseDays': { schema: z.number().int('invalid').min(1, 'invalid').max(60, 'invalid'), default: 7, public: false },
  /** 接诉即办: hours a 回访 (after a bad rating) has before it is overdue. */
  'requests.revisitHours': { schema: z.number().int('invalid').min(1, 'invalid').max(720, 'invalid'), default: 48, public: false },
  /** The hall display's anonymous 接诉即办 board (number, category, status): off until the manager turns it on. */
  'display.requestsBoard': { schema: z.boolean(), default: false, public: false },
  /** 活动 (issue 18): show today's room board (busy/free) on the hall display. */
  'activities.displayBoard': { schema: z.boolean(), default: false, public: false },
  'lan.port': { schema: z.number().int('invalid').min(1024, 'invalid').max(65535, 'invalid'), default: 8731, public: false },
  // Queue and calling display (issue 5). Not public here: screens read them through queue.screenSettings.
  /** The center's time zone: it decides the day ticket numbers restart on and opening hours. */
  'queue.timezone': { schema: z.string().trim().min(1, 'required').max(64, 'invalid').refine(isTimeZone, 'invalid'), default: 'Asia/Shanghai', public: false },
  /** 优先: residents this old, or with a disability flag, go first within a service (when enabled). */
  'queue.priority': {
    schema: z.object({ enabled: z.boolean(), minAge: z.number().int('invalid').min(50, 'invalid').max(100, 'invalid'), disability: z.boolean() }).strict(),
    default: { enabled: false, minAge: 70, disability: true },
    public: false,
  },
  /** Minutes per ticket for the estimated wait until today's finished tickets say better. */
  'queue.defaultServiceMinutes': { schema: z.number().int('invalid').min(1, 'invalid').max(120, 'invalid'), default: 5, public: false },
  /** The calling display: voice (said `repeat` times), the fallback chime, volume 0–1. */
  'display.voice': {
    schema: z
      .object({
        enabled: z.boolean(),
        repeat: z.number().int('invalid').min(1, 'invalid').max(3, 'invalid'),
        volume: z.number().min(0, 'invalid').max(1, 'invalid'),
        rate: z.number().min(0.5, 'invalid').max(1.5, 'invalid'),
        chime: z.boolean(),
      })
      .strict(),
    default: { enabled: true, repeat: 2, volume: 1, rate: 0.85, chime: true },
    public: false,
  },
  'display.layout': { schema: z.enum(['standard', 'large']), default: 'standard' as 'standard' | 'large', public: false },
  /** 好差评 (issue 17.5): hours after 办结 a ticket may still be rated; 0 = until the end of that day on the center's clock. */
  'ratings.windowHours': { schema: z.number().int('invalid').min(0, 'invalid').max(72, 'invalid'), default: 0, public: false },
  /** 金点子 (issue 17.6): the hall display also shows the adopted ideas (off until the manager turns it on). */
  'suggestions.onDisplay': { schema: z.boolean(), default: false, public: true },
  /** Lines that scroll along the bottom of the calling display. */
  'display.notices': {
    schema: z.array(z.string().trim().min(1, 'required').max(120, 'tooLong')).max(10, 'invalid'),
    default: ['请保管好随身物品，叫到号后请到对应窗口办理。'] as string[],
    public: false,
  },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValues = { [K in SettingKey]: z.output<(typeof settingDefinitions)[K]['schema']> };

type PublicKeys = { [K in SettingKey]: (typeof settingDefinitions)[K]['public'] extends true ? K : never }[SettingKey];
export type PublicSettings = Pick<SettingValues, PublicKeys>;

export const publicSettingKeys = (Object.keys(settingDefinitions) as SettingKey[]).filter((k) => settingDefinitions[k].public) as PublicKeys[];

/** A partial update: only the keys present are changed, each checked by its own schema. */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries((Object.keys(settingDefinitions) as SettingKey[]).map((k) => [k, settingDefinitions[k].schema.optional()])) as {
      [K in SettingKey]: z.ZodOptional<(typeof settingDefinitions)[K]['schema']>;
    },
  )
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const settingsOperations = {
  'settings.public': defineOp<PublicSettings>()({
    summary: 'Settings every screen may read (center name, hotline, kiosk behaviour).',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'settings.all': defineOp<SettingValues>()({
    summary: 'Every setting, for the settings page.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'settings.update': defineOp<SettingValues>()({
    summary: 'Change some settings at once; all or nothing. Pushes settings.changed to open screens.',
    input: z.object({ values: settingsPatchSchema }).strict(),
    role: 'admin',
  }),
} as const;
