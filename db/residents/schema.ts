import { z } from 'zod';
import { parseIdNumber } from './idChecksum.js';
import { isKnownPlace } from './regions.js';

/**
 * What a resident's profile may hold, as the API checks it. Pure (zod only): the contract and
 * the domain module share it. Field errors name keys of fieldMessageCatalog.
 */
export const needIds = ['mobility', 'wheelchair', 'vision', 'hearing', 'chronic', 'medication', 'diet'] as const;
export type NeedId = (typeof needIds)[number];
/** Needs that count as a disability for queue priority (行动不便, 轮椅, 视力障碍, 听力障碍). */
export const disabilityNeeds: ReadonlySet<NeedId> = new Set(['mobility', 'wheelchair', 'vision', 'hearing']);

export const interestIds = ['calligraphy', 'choir', 'dance', 'taichi', 'painting', 'photography', 'chess', 'travel', 'health', 'volunteer'] as const;
export type InterestId = (typeof interestIds)[number];

export const lodgingKinds = ['hotel', 'rental', 'own', 'other'] as const;
export type LodgingKind = (typeof lodgingKinds)[number];

/** Longest name accepted: long enough for a foreign guest's full Latin name, refused (never cut) beyond it. */
export const NAME_MAX = 30;

/**
 * What is wrong with a typed mobile number, as a field message key (null = fine): the screen says
 * exactly that before anything is sent, and the host's schema reports the same key.
 */
export function phoneProblem(phone: string): 'phoneRequired' | 'phone' | 'phoneLength' | 'phonePrefix' | null {
  const p = phone.trim();
  if (!p) return 'phoneRequired';
  if (!/^\d+$/.test(p)) return 'phone';
  if (p.length !== 11) return 'phoneLength';
  if (!/^1[3-9]/.test(p)) return 'phonePrefix';
  return null;
}

/** What is wrong with a typed name (null = fine): too short, too long, or characters we cannot take. */
export function nameProblem(name: string): 'residentNameShort' | 'residentNameLong' | 'residentName' | null {
  const n = name.trim();
  if ([...n].length < 2) return 'residentNameShort';
  if ([...n].length > NAME_MAX) return 'residentNameLong';
  if (!/^[\p{Script=Han}·•a-zA-Z\u00C0-\u024F' .-]+$/u.test(n)) return 'residentName';
  return null;
}

export const phoneSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = phoneProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'plannedDeparture')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'plannedDeparture');

const residentBase = z
  .object({
    name: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const problem = nameProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    phone: phoneSchema,
    idNumber: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v.replace(/\s/g, '').toUpperCase() : null))
      .refine((v) => v === null || parseIdNumber(v) !== null, 'idNumber'),
    birthYear: z.number().int('birthYear').min(1910, 'birthYear').max(2010, 'birthYear').nullish(),
    sex: z.enum(['M', 'F']).nullish(),
    originProvince: z.string().trim().min(1, 'origin'),
    originCity: z.string().trim().min(1, 'origin'),
    lodgingKind: z.enum(lodgingKinds, { message: 'lodging' }),
    lodgingId: z.number().int().positive().nullish(),
    lodgingAddress: optionalText(100),
    emergencyName: optionalText(20),
    emergencyPhone: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/.test(v), 'emergencyPhone'),
    needs: z.array(z.enum(needIds)).max(needIds.length).default([]),
    needsNote: optionalText(200),
    partyMember: z.boolean().default(false),
    partyBranch: optionalText(60),
    interests: z.array(z.enum(interestIds)).max(interestIds.length).default([]),
  })
  .strict();

/** A birth year, or an ID number it follows from: one of the two is needed for age statistics. */
const needBirthYearOrId = (v: { idNumber: string | null; birthYear?: number | null }, ctx: z.RefinementCtx) => {
  if (!v.idNumber && !v.birthYear) ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'birthYear' });
};

export const residentFieldsSchema = residentBase.superRefine((v, ctx) => {
  if (!isKnownPlace(v.originProvince, v.originCity)) ctx.addIssue({ code: 'custom', path: ['originCity'], message: 'origin' });
  needBirthYearOrId(v, ctx);
  if (v.lodgingKind === 'hotel' && !v.lodgingId) ctx.addIssue({ code: 'custom', path: ['lodgingId'], message: 'lodging' });
  if ((v.lodgingKind === 'rental' || v.lodgingKind === 'own') && !v.lodgingAddress) ctx.addIssue({ code: 'custom', path: ['lodgingAddress'], message: 'lodgingAddress' });
  if (v.partyMember && !v.partyBranch) ctx.addIssue({ code: 'custom', path: ['partyBranch'], message: 'partyBranch' });
});

/**
 * The kiosk's second screen (name, mobile, birth year or ID number) checked on its own when the
 * person taps 下一步, with the same rules and messages as the whole form: a mistake is shown where
 * it was typed, not three screens later.
 */
export const residentBasicsSchema = residentBase.pick({ name: true, phone: true, idNumber: true, birthYear: true }).superRefine(needBirthYearOrId);

export type ResidentFieldsInput = z.input<typeof residentFieldsSchema>;
export type ResidentFields = z.output<typeof residentFieldsSchema>;

export const plannedDepartureSchema = dateSchema.nullish().transform((v) => v ?? null);

/** 张建国 → 张*国, 李明 → 李*, 欧阳娜娜 → 欧**娜: enough to recognise yourself, not to learn a stranger's name. */
export function maskName(name: string | null): string {
  if (!name) return '';
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 13900001234 → 139****1234 */
export function maskPhone(phone: string | null): string {
  if (!phone) return '';
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{4})/g, '*');
}
