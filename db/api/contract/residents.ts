import type { RetentionResult } from '../../residents/retention.js';
import { z } from 'zod';
import { defineOp } from './define.js';
import { phoneSchema, plannedDepartureSchema, residentFieldsSchema } from '../../residents/schema.js';
import type { InterestId, LodgingKind, NeedId } from '../../residents/schema.js';

/**
 * Seasonal residents (issue 4). Kiosk operations are public and never return another person's
 * data: masked names and phones only, never an ID number. Staff see more; an ID number is always
 * masked except through the admin-only, audit-logged `residents.revealId`.
 */

/**
 * How a person identifies themself at the kiosk: the card (scan or typed number), or their phone
 * with something only they know — the birth year or the last 4 of the ID number (issue 11.5). A
 * phone alone gets the masked name and nothing else; the host enforces it, not the screen.
 */
const cardIdentity = { card: z.string().trim().min(1, 'cardNo').max(40, 'cardNo') };
const phoneIdentity = {
  phone: phoneSchema,
  birthYear: z.number().int('birthYearProof').min(1900, 'birthYearProof').max(2030, 'birthYearProof').optional(),
  idLast4: z
    .string()
    .trim()
    .regex(/^\d{3}[\dXx]$/, 'idLast4')
    .optional(),
};
export const kioskIdentity = z.union([z.object(cardIdentity).strict(), z.object(phoneIdentity).strict()]);
/** Who is at the kiosk, as every kiosk operation takes it (KioskIdentify task 'identify' emits it). */
export type KioskIdentity = z.infer<typeof kioskIdentity>;
const withPlanned = { plannedDeparture: plannedDepartureSchema };

export interface LodgingOption {
  id: number;
  name: string;
  kind: 'hotel' | 'minsu' | 'apartment';
  address: string | null;
}

export interface PrivacyNotice {
  version: string;
  zh: string[];
  en: string[];
}

/**
 * All the kiosk shows before the person has confirmed it is them (a typed phone may be someone
 * else's): the masked name and phone, nothing more.
 */
export interface KioskConfirmView {
  maskedName: string;
  maskedPhone: string;
  /** True after a card, or a phone with the right proof: only then does the rest below come. */
  verified: boolean;
  /** Loans not yet returned (verified only): 离开登记 shows them before 确认离开. */
  openItems: KioskOpenItem[];
  /** Checked in now (verified only; false otherwise). */
  inTown: boolean;
}

/** One thing the person still holds: "轮椅 LY-0001", with the deposit to collect at the desk. */
export interface KioskOpenItem {
  categoryName: string;
  categoryNameEn: string;
  assetTag: string;
  depositFen: number;
}

/** Loans and queue tickets on the staff profile (issue 12.6). */
export interface ProfileLoan {
  id: number;
  assetTag: string;
  categoryName: string;
  categoryNameEn: string;
  outAt: string;
  dueAt: string;
  returnedAt: string | null;
  depositFen: number;
  overdue: boolean;
}
export interface ProfileTicket {
  id: number;
  code: string;
  serviceName: string;
  issuedAt: string;
  status: string;
}

export interface DepartedOpenItemView {
  loanId: number;
  residentId: number;
  residentName: string;
  maskedPhone: string;
  categoryName: string;
  categoryNameEn: string;
  assetTag: string;
  depositFen: number;
  outAt: string;
  departedAt: string;
}

export interface KioskGuardView {
  /** Trips of the kiosk look-up limit (and phone paths closed after wrong proofs) in the last day. */
  trips: Array<{ at: string; source: string; blockedSeconds: number }>;
}

/** What the kiosk may show a person about themself once identified: masked, short. */
export interface KioskResidentView {
  maskedName: string;
  maskedPhone: string;
  cardNo: string;
  origin: string | null;
  lodging: string | null;
  inTown: boolean;
  arrivedAt: string | null;
  plannedDeparture: string | null;
}

export interface KioskRegistered {
  maskedName: string;
  cardNo: string;
  qrPayload: string;
  stayId: number;
  printJobId: number | null;
}

export interface KioskCheckedIn extends KioskResidentView {
  stayId: number;
  alreadyIn: boolean;
}

export interface KioskCheckedOut {
  maskedName: string;
  arrivedAt: string;
  departedAt: string;
  days: number;
  /** Recorded with the departure: what the person still has to bring back to the desk. */
  openItems: KioskOpenItem[];
  /** 撤销 within a short time (residents.kiosk.undoCheckOut). */
  undoToken: string;
  undoUntil: string;
}

export interface ResidentSummary {
  id: number;
  cardNo: string;
  status: string;
  name: string | null;
  maskedPhone: string;
  birthYear: number | null;
  origin: string | null;
  lastSeenAt: string;
  inTown: boolean;
}

export interface StayView {
  id: number;
  arrivedAt: string;
  plannedDeparture: string | null;
  departedAt: string | null;
  days: number | null;
  source: string;
}

export interface ResidentProfile {
  id: number;
  cardNo: string;
  qrPayload: string;
  status: 'active' | 'deceased' | 'anonymised' | 'merged';
  name: string | null;
  phone: string | null;
  idMasked: string | null;
  sex: 'M' | 'F' | null;
  birthYear: number | null;
  age: number | null;
  originProvince: string | null;
  originCity: string | null;
  lodgingKind: LodgingKind | null;
  lodgingId: number | null;
  lodgingName: string | null;
  lodgingAddress: string | null;
  emergencyName: string | null;
  emergencyPhone: string | null;
  needs: NeedId[];
  needsNote: string | null;
  partyMember: boolean;
  partyBranch: string | null;
  interests: InterestId[];
  consentVersion: string | null;
  consentAt: string | null;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string;
  mergedInto: number | null;
  stays: StayView[];
  loans: ProfileLoan[];
  tickets: ProfileTicket[];
  /** Open loans while the person has left (已离开未归还). */
  departedWithOpenItems: boolean;
}

export interface TodayRowView {
  residentId: number;
  name: string | null;
  maskedPhone: string;
  at: string;
  plannedDeparture: string | null;
}

export interface TodayView {
  date: string;
  arrivals: number;
  departures: number;
  inTown: number;
  overdue: number;
  arrivalsList: TodayRowView[];
  departuresList: TodayRowView[];
  /** Residents in town now, latest arrival first; at most 200 (`inTown` is the full count). */
  inTownList: TodayRowView[];
  overdueList: TodayRowView[];
}

const residentId = z.number().int().positive();
const reason = z.string().trim().min(2, 'reason').max(200, 'reason');
const consent = z.object({ version: z.string().min(1).max(20), accepted: z.literal(true, { message: 'consent' }) }).strict();

export const residentsOperations = {
  'residents.privacyNotice': defineOp<PrivacyNotice>()({
    summary: 'The privacy notice the kiosk shows before registration, with its version.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'residents.lodgings': defineOp<LodgingOption[]>()({
    summary: "The center's hotels and 民宿 to pick from.",
    input: z.object({}).strict(),
    role: 'public',
  }),
  'residents.kiosk.register': defineOp<KioskRegistered>()({
    summary: 'First-time self-registration: consent, profile, opens a stay and prints the service card.',
    input: z.object({ consent, resident: residentFieldsSchema, plannedDeparture: plannedDepartureSchema }).strict(),
    role: 'public',
    // A known phone or ID number is RESIDENT_ALREADY_REGISTERED with nothing that identifies the record (issue 12.19).
    errors: ['RESIDENT_ALREADY_REGISTERED', 'LODGING_UNKNOWN', 'CONSENT_OUTDATED'],
  }),
  'residents.kiosk.lookup': defineOp<KioskConfirmView>()({
    summary: 'Who is this card/phone? Masked name and phone; with a card or a proof also open loans, for 离开登记.',
    input: kioskIdentity,
    role: 'public',
    errors: ['RESIDENT_NOT_FOUND', 'CARD_INVALID', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'residents.kiosk.checkIn': defineOp<KioskCheckedIn>()({
    summary: 'Return check-in by card or phone: opens a stay (or keeps the open one).',
    input: z.union([z.object({ ...cardIdentity, ...withPlanned }).strict(), z.object({ ...phoneIdentity, ...withPlanned }).strict()]),
    role: 'public',
    errors: ['RESIDENT_NOT_FOUND', 'CARD_INVALID', 'RESIDENT_PROOF_NEEDED', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'residents.kiosk.checkOut': defineOp<KioskCheckedOut>()({
    summary: '离开登记 by card or phone: closes the open stay, recorded with the loans still open; 撤销 for 30 s.',
    input: kioskIdentity,
    role: 'public',
    errors: ['RESIDENT_NOT_FOUND', 'CARD_INVALID', 'RESIDENT_PROOF_NEEDED', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED', 'KIOSK_LOOKUP_LIMITED', 'NO_OPEN_STAY'],
  }),
  'residents.kiosk.undoCheckOut': defineOp<{ maskedName: string }>()({
    summary: '撤销 a departure just recorded at this kiosk (within 30 s, with the token the departure gave).',
    input: z.object({ undoToken: z.string().trim().min(10).max(64) }).strict(),
    role: 'public',
    errors: ['UNDO_EXPIRED'],
  }),
  'residents.kiosk.printCard': defineOp<{ printJobId: number; cardNo: string }>()({
    summary: '补打服务卡 by card or phone.',
    input: kioskIdentity,
    role: 'public',
    errors: ['RESIDENT_NOT_FOUND', 'CARD_INVALID', 'RESIDENT_PROOF_NEEDED', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'residents.search': defineOp<ResidentSummary[]>()({
    summary: 'Find residents by name, pinyin initials, phone tail, card number or scanned QR.',
    input: z.object({ q: z.string().trim().min(1, 'required').max(60, 'invalid'), limit: z.number().int().min(1).max(100).default(30) }).strict(),
    role: 'staff',
  }),
  'residents.get': defineOp<ResidentProfile>()({
    summary: 'A full profile with all stays (ID number masked).',
    input: z.object({ id: residentId }).strict(),
    role: 'staff',
  }),
  'residents.register': defineOp<ResidentProfile>()({
    summary: 'Register on a resident’s behalf (front-desk mode); consent confirmed by staff; opens a stay unless told not to.',
    input: z.object({ consent, resident: residentFieldsSchema, checkIn: z.boolean().default(true), plannedDeparture: plannedDepartureSchema }).strict(),
    role: 'staff',
    errors: ['RESIDENT_DUPLICATE_PHONE', 'RESIDENT_DUPLICATE_ID', 'LODGING_UNKNOWN', 'CONSENT_OUTDATED'],
  }),
  'residents.update': defineOp<ResidentProfile>()({
    summary: 'Correct a profile; a reason is required and logged. An empty ID number keeps the stored one.',
    input: z.object({ id: residentId, resident: residentFieldsSchema, clearIdNumber: z.boolean().default(false), reason }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'RESIDENT_DUPLICATE_PHONE', 'RESIDENT_DUPLICATE_ID', 'LODGING_UNKNOWN', 'RESIDENT_INACTIVE'],
  }),
  'residents.checkIn': defineOp<StayView>()({
    summary: 'Staff check a resident in (opens a stay or keeps the open one).',
    input: z.object({ id: residentId, plannedDeparture: plannedDepartureSchema }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'RESIDENT_INACTIVE'],
  }),
  'residents.checkOut': defineOp<StayView>()({
    summary: 'Staff check a resident out.',
    input: z.object({ id: residentId }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'NO_OPEN_STAY'],
  }),
  'residents.undoCheckOut': defineOp<StayView>()({
    summary: '撤销 a departure recorded in the last 30 s (staff).',
    input: z.object({ id: residentId }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'UNDO_EXPIRED'],
  }),
  'residents.departedOpenItems': defineOp<DepartedOpenItemView[]>()({
    summary: '已离开未归还: open loans whose borrower has left town since (借出中 marks them, the dashboard counts them).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'residents.kioskGuard': defineOp<KioskGuardView>()({
    summary: 'Trips of the kiosk look-up limit in the last day (a terminal trying many phone numbers).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'residents.printCard': defineOp<{ printJobId: number }>()({
    summary: 'Print (or reprint) the service card.',
    input: z.object({ id: residentId, layout: z.enum(['card', 'receipt']).optional() }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'RESIDENT_INACTIVE'],
  }),
  'residents.today': defineOp<TodayView>()({
    summary: "Today's arrivals, departures, residents in town and stays past their planned departure.",
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'residents.revealId': defineOp<{ idNumber: string | null }>()({
    summary: 'The clear ID number (manager only; audit logged with the reason).',
    input: z.object({ id: residentId, reason }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND'],
  }),
  'residents.anonymise': defineOp<ResidentProfile>()({
    summary: 'Wipe personal fields on request or death; statistics (age, origin, stays) are kept.',
    input: z.object({ id: residentId, deceased: z.boolean().default(false), reason }).strict(),
    role: 'admin',
    errors: ['NOT_FOUND', 'RESIDENT_INACTIVE'],
  }),
  'residents.merge': defineOp<ResidentProfile>()({
    // Staff, not only the manager (issue 4: "staff can merge two records"): the front desk meets the duplicates; audit logged with the reason.
    summary: 'Merge a duplicate record into another: stays move, empty fields are filled.',
    input: z.object({ keepId: residentId, dropId: residentId, reason }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'RESIDENT_INACTIVE', 'MERGE_SAME'],
  }),
  'residents.runRetention': defineOp<RetentionResult>()({
    summary: 'Run the retention job now (it also runs daily); audited with the manager. People still holding a loan, deposit or hold are listed, not erased.',
    input: z.object({}).strict(),
    role: 'admin',
  }),
  'residents.saveLodging': defineOp<LodgingOption[]>()({
    summary: 'Add or change a hotel/民宿 in the list.',
    input: z
      .object({
        id: z.number().int().positive().nullish(),
        name: z.string().trim().min(2, 'lodgingName').max(40, 'lodgingName'),
        kind: z.enum(['hotel', 'minsu', 'apartment']),
        address: z
          .string()
          .trim()
          .max(100)
          .nullish()
          .transform((v) => v || null),
        active: z.boolean().default(true),
      })
      .strict(),
    role: 'admin',
    errors: ['LODGING_DUPLICATE', 'NOT_FOUND'],
  }),
} as const;
