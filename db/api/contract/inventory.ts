import { z } from 'zod';
import { defineOp } from './define.js';
import type { Category } from '../../inventory/categories.js';
import type { CategoryCounts, PublicAvailability } from '../../inventory/availability.js';
import type { IssueRecord } from '../../inventory/consumables.js';
import type { Unit } from '../../inventory/units.js';

export type { Category, CategoryCounts, IssueRecord, PublicAvailability, Unit };
export type CategoryWithCounts = Category & Omit<CategoryCounts, 'categoryId' | 'name' | 'kind'>;

const id = z.number().int().positive();
const fen = z.number().int('money').min(0, 'money').max(100_000_000, 'money');
const categoryFields = {
  name: z.string().trim().min(1, 'categoryName').max(20, 'categoryName'),
  nameEn: z.string().trim().max(40, 'invalid').optional(),
  tagPrefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,6}$/, 'tagPrefix'),
  /** Loan period in minutes: 4 hours = 240, 7 days = 10080. */
  loanMinutes: z
    .number()
    .int('invalid')
    .min(30, 'invalid')
    .max(60 * 24 * 366, 'invalid')
    .default(1440),
  depositFen: fen.default(0),
  cleaningMinutes: z
    .number()
    .int('invalid')
    .min(0, 'invalid')
    .max(60 * 24 * 14, 'invalid')
    .default(0),
  priceFen: fen.default(0),
};
const note = z.string().trim().max(100, 'tooLong').optional();
const quantity = z.number().int('quantity').min(1, 'quantity').max(500, 'quantity');

export const inventoryOperations = {
  'inventory.available': defineOp<PublicAvailability[]>()({
    summary: 'For the kiosk 可借物资: each category, how many can be had now, its deposit or price. No personal data.',
    input: z.object({}).strict(),
    role: 'public',
  }),
  'inventory.categories': defineOp<CategoryWithCounts[]>()({
    summary: 'Every category with its settings and counts by status (在库/消毒中/借出/维修中/报废, reserved today).',
    input: z.object({}).strict(),
    role: 'staff',
  }),
  'inventory.createCategory': defineOp<Category>()({
    summary: 'A new category: equipment (units with asset tags) or consumable (a stock count).',
    input: z.object({ ...categoryFields, kind: z.enum(['equipment', 'consumable']) }).strict(),
    role: 'staff',
    errors: ['LOAN_CATEGORY_EXISTS', 'LOAN_TAG_PREFIX_TAKEN'],
  }),
  'inventory.updateCategory': defineOp<Category>()({
    summary: 'Change a category’s name, loan period, deposit, cleaning buffer or price.',
    input: z.object({ id, ...categoryFields }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_CATEGORY_EXISTS', 'LOAN_TAG_PREFIX_TAKEN'],
  }),
  'inventory.units': defineOp<Unit[]>()({
    summary: 'Units, optionally of one category or status.',
    input: z.object({ categoryId: id.optional(), status: z.enum(['available', 'out', 'repair', 'retired']).optional() }).strict(),
    role: 'staff',
  }),
  'inventory.unit': defineOp<Unit>()({
    summary: 'The unit a scanned label (HNA1:<tag>) or typed tag stands for.',
    input: z.object({ code: z.string().trim().min(1, 'required').max(60, 'invalid') }).strict(),
    role: 'staff',
    errors: ['LOAN_UNIT_UNKNOWN'],
  }),
  'inventory.addUnits': defineOp<{ units: Unit[]; jobIds: number[] }>()({
    summary: 'Add units in bulk with the next tags; optionally print all their QR asset labels as one job (one sticker a page).',
    input: z.object({ categoryId: id, count: quantity, location: z.string().trim().max(40, 'tooLong').default(''), printLabels: z.boolean().default(true) }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_WRONG_KIND'],
  }),
  'inventory.printLabels': defineOp<{ jobIds: number[] }>()({
    summary: 'Print asset labels (50×30 mm) for these units, as one job; an unknown unit prints nothing.',
    input: z.object({ unitIds: z.array(id).min(1, 'required').max(500, 'quantity') }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'inventory.retireUnit': defineOp<Unit>()({
    summary: '报废 a unit; it is never lent again.',
    input: z.object({ unitId: id, reason: z.string().trim().min(1, 'required').max(100, 'tooLong') }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_UNIT_OUT'],
  }),
  'inventory.sendToRepair': defineOp<Unit>()({
    summary: 'Take a unit out of service for repair.',
    input: z.object({ unitId: id, note: z.string().trim().min(1, 'required').max(100, 'tooLong') }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_UNIT_OUT', 'LOAN_UNIT_RETIRED'],
  }),
  'inventory.markRepaired': defineOp<Unit>()({
    summary: '维修完成: the unit is lendable again.',
    input: z.object({ unitId: id }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_NOT_IN_REPAIR'],
  }),
  'inventory.setLocation': defineOp<Unit>()({
    summary: 'Where a unit is kept.',
    input: z.object({ unitId: id, location: z.string().trim().max(40, 'tooLong') }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND'],
  }),
  'inventory.issue': defineOp<{ category: Category; issueId: number; amountFen: number }>()({
    summary: 'Hand out or sell consumables; the stock never goes below zero.',
    input: z
      .object({ categoryId: id, quantity, kind: z.enum(['handout', 'sale']), residentId: id.optional(), method: z.enum(['cash', 'wechat', 'alipay']).optional(), note })
      .strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_WRONG_KIND', 'LOAN_STOCK_SHORT', 'LOAN_RESIDENT_UNKNOWN'],
  }),
  'inventory.restock': defineOp<Category>()({
    summary: 'Add consumables to the stock.',
    input: z.object({ categoryId: id, quantity: z.number().int('restockQuantity').min(1, 'restockQuantity').max(100_000, 'restockQuantity'), note }).strict(),
    role: 'staff',
    errors: ['NOT_FOUND', 'LOAN_WRONG_KIND'],
  }),
  'inventory.issues': defineOp<IssueRecord[]>()({
    summary: 'Recent hand-outs, sales and restocks of a consumable.',
    input: z.object({ categoryId: id }).strict(),
    role: 'staff',
  }),
} as const;
