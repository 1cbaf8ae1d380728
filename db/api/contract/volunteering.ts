import { z } from 'zod';
import { defineOp } from './define.js';
import { kioskIdentity } from './residents.js';
import { interestIds, type InterestId } from '../../residents/schema.js';
import { volConfigSchema, type VolConfig } from '../../volunteering/config.js';
import type { AccountView, HonourRoll } from '../../volunteering/account.js';
import type { CatalogueItem } from '../../volunteering/catalogue.js';
import type { HoursRow } from '../../volunteering/credit.js';
import type { LedgerLine } from '../../volunteering/ledger.js';
import type { Redemption } from '../../volunteering/redeem.js';
import type { VolunteerRow } from '../../volunteering/volunteers.js';
import type { TierView } from '../../volunteering/tiers.js';

export type { AccountView, HonourRoll, CatalogueItem, HoursRow, LedgerLine, Redemption, VolunteerRow, TierView, VolConfig, InterestId };

/**
 * 时间银行 (issue 18.7). Who may do what:
 * - the kiosk (public) reads ONE account: its own resident's, after identification (a card, or a
 *   phone with the birth year — the residents' kiosk guard counts every miss). Nothing else.
 * - the hall display (public) reads the 光荣榜 only, and only when the manager turned it on.
 * - staff serve the desk: volunteers, manual credit requests, redemption, statements.
 * - the manager (admin) approves or rejects manual credits, keeps the catalogue and the settings,
 *   and reverses a transaction.
 */
const id = z.number().int().positive();
const card = z.string().trim().min(1, 'cardNo').max(60, 'cardNo');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'invalid');

export interface DeskResident {
  residentId: number;
  name: string;
  maskedPhone: string;
  cardNo: string;
  interests: InterestId[];
  partyMember: boolean;
  volunteer: VolunteerRow | null;
  account: AccountView;
}

export interface RedeemOutput {
  redemption: Redemption;
  /** The receipt's print job (null when the desk has no receipt printer: 不打印). */
  jobId: number | null;
}

export const volunteeringOperations = {
  'volunteering.kiosk.account': defineOp<AccountView>()({
    summary: '时间银行 at the kiosk: the identified resident’s own balance, hours, star tier and history (read-only).',
    input: kioskIdentity,
    role: 'public',
    errors: ['CARD_INVALID', 'RESIDENT_NOT_FOUND', 'RESIDENT_PROOF_NEEDED', 'RESIDENT_PROOF_WRONG', 'RESIDENT_PROOF_LOCKED', 'KIOSK_LOOKUP_LIMITED'],
  }),
  'volunteering.honourRoll': defineOp<HonourRoll>()({
    summary: '光荣榜 for the hall display: this season’s top volunteers (surname + 先生/女士, or masked), empty unless the manager turned it on.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'volunteering.resident': defineOp<DeskResident>()({
    summary: 'The desk: a scanned/typed card or a resident id → the person, their volunteer profile and account.',
    input: z.union([z.object({ card }).strict(), z.object({ residentId: id }).strict()]),
    role: 'staff',
    errors: ['VOL_RESIDENT_UNKNOWN', 'VOL_RESIDENT_INACTIVE'],
  }),
  'volunteering.volunteers': defineOp<VolunteerRow[]>()({
    summary: 'Volunteers with skills, hours, balance and tier (active first).',
    input: z.object({ includeInactive: z.boolean().default(true) }).strict(),
    role: 'staff',
  }),
  'volunteering.saveVolunteer': defineOp<VolunteerRow>()({
    summary: 'Register a resident as a volunteer or change their skills (from their interests), active/inactive and note.',
    input: z
      .object({
        residentId: id,
        skills: z.array(z.enum(interestIds, { message: 'volSkills' })).max(interestIds.length, 'volSkills'),
        active: z.boolean().default(true),
        note: z.string().trim().max(100, 'tooLong').nullish(),
      })
      .strict(),
    role: 'staff',
    errors: ['VOL_RESIDENT_UNKNOWN', 'VOL_RESIDENT_INACTIVE', 'VOL_SKILL_NOT_INTEREST'],
  }),
  'volunteering.requestCredit': defineOp<HoursRow>()({
    summary: '补记工时: a manual credit of hours with a reason; waits for the manager’s approval.',
    input: z
      .object({
        residentId: id,
        minutes: z
          .number()
          .int('volMinutes')
          .min(1, 'volMinutes')
          .max(24 * 60, 'volMinutes'),
        workedOn: day,
        reason: z.string().trim().min(2, 'volReason').max(200, 'volReason'),
      })
      .strict(),
    role: 'staff',
    errors: ['VOL_RESIDENT_UNKNOWN', 'VOL_RESIDENT_INACTIVE', 'VOL_NOT_VOLUNTEER', 'VOL_VOLUNTEER_INACTIVE', 'VOL_WORKED_IN_FUTURE'],
  }),
  'volunteering.credits': defineOp<HoursRow[]>()({
    summary: 'Hours records: pending requests (for approval), or every record, or one resident’s.',
    input: z
      .object({ status: z.enum(['pending', 'approved', 'rejected', 'reversed']).optional(), residentId: id.optional(), limit: z.number().int().min(1).max(500).default(200) })
      .strict(),
    role: 'staff',
  }),
  'volunteering.decideCredit': defineOp<HoursRow>()({
    summary: 'The manager approves (points issued at once) or rejects (with a reason) a manual credit; audited.',
    input: z
      .object({ id, approve: z.boolean(), note: z.string().trim().max(200, 'volDecisionNote').nullish() })
      .strict()
      .refine((v) => v.approve || (v.note ?? '').length >= 2, { message: 'volDecisionNote', path: ['note'] }),
    role: 'admin',
    errors: ['NOT_FOUND', 'VOL_CREDIT_DECIDED', 'VOL_RESIDENT_INACTIVE'],
  }),
  'volunteering.items': defineOp<CatalogueItem[]>()({
    summary: '爱心超市 catalogue (goods with stock, meals); off-shelf items only when asked.',
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    role: 'staff',
  }),
  'volunteering.saveItem': defineOp<CatalogueItem>()({
    summary: 'Add or edit a catalogue item (manager): name, goods/meal, points price, stock (goods only), on/off shelf.',
    input: z
      .object({
        id: id.optional(),
        name: z.string().trim().min(1, 'volItemName').max(30, 'volItemName'),
        kind: z.enum(['goods', 'meal']),
        pricePoints: z.number().int('volPrice').min(1, 'volPrice').max(100_000, 'volPrice'),
        stock: z.number().int('volStock').min(0, 'volStock').max(100_000, 'volStock').nullish(),
        active: z.boolean().default(true),
      })
      .strict(),
    role: 'admin',
    errors: ['VOL_ITEM_EXISTS', 'VOL_ITEM_UNKNOWN', 'VOL_MEAL_NO_STOCK'],
  }),
  'volunteering.restock': defineOp<CatalogueItem>()({
    summary: '入库: add goods to an item’s stock (manager), audited.',
    input: z.object({ id, add: z.number().int('volStock').min(1, 'volStock').max(100_000, 'volStock') }).strict(),
    role: 'admin',
    errors: ['VOL_ITEM_UNKNOWN', 'VOL_MEAL_NO_STOCK'],
  }),
  'volunteering.redeem': defineOp<RedeemOutput>()({
    summary: '兑换 at the desk: items for points in one transaction (balance and stock checked, stock decremented); prints the receipt.',
    input: z
      .object({
        residentId: id,
        lines: z
          .array(z.object({ itemId: id, quantity: z.number().int('volQuantity').min(1, 'volQuantity').max(99, 'volQuantity') }).strict())
          .min(1, 'volLines')
          .max(20, 'volLines')
          .refine((l) => new Set(l.map((x) => x.itemId)).size === l.length, 'volLines'),
        print: z.boolean().default(true),
      })
      .strict(),
    role: 'staff',
    errors: ['VOL_RESIDENT_UNKNOWN', 'VOL_RESIDENT_INACTIVE', 'VOL_ITEM_UNKNOWN', 'VOL_ITEM_INACTIVE', 'VOL_STOCK_SHORT', 'VOL_BALANCE_SHORT'],
  }),
  'volunteering.reverse': defineOp<{ reversalTxnId: number }>()({
    summary: '撤销 a credit or a redemption (manager): a new reversing transaction; goods go back on the shelf.',
    input: z.object({ txnId: id, reason: z.string().trim().min(2, 'volReason').max(200, 'volReason') }).strict(),
    role: 'admin',
    errors: ['VOL_TXN_UNKNOWN', 'VOL_TXN_REVERSED', 'VOL_TXN_NOT_REVERSIBLE', 'VOL_REVERSAL_BALANCE'],
  }),
  'volunteering.history': defineOp<LedgerLine[]>()({
    summary: 'One resident’s points lines, newest first.',
    input: z.object({ residentId: id, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    role: 'staff',
  }),
  'volunteering.statementPdf': defineOp<{ fileName: string; base64: string }>()({
    summary: 'The A4 对账单 as a PDF (hours, points, tier, history, 主题党日 for 流动党员); audited.',
    input: z.object({ residentId: id }).strict(),
    role: 'staff',
    errors: ['VOL_RESIDENT_UNKNOWN', 'VOL_RESIDENT_INACTIVE', 'VOL_STATEMENT_ANONYMISED', 'PRINT_FAILED'],
  }),
  'volunteering.printStatement': defineOp<{ jobId: number }>()({
    summary: 'Print the A4 对账单 on the report printer; audited.',
    input: z.object({ residentId: id }).strict(),
    role: 'staff',
    errors: ['VOL_RESIDENT_UNKNOWN', 'VOL_RESIDENT_INACTIVE', 'VOL_STATEMENT_ANONYMISED', 'REPORT_NO_PRINTER'],
  }),
  'volunteering.config': defineOp<VolConfig>()({
    summary: '时间银行 settings: points per hour, star tiers, the 光荣榜 on the display.',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'volunteering.setConfig': defineOp<VolConfig>()({
    summary: 'Change the 时间银行 settings (manager); audited. A new rate applies to hours approved from now on.',
    input: volConfigSchema,
    role: 'admin',
  }),
} as const;
