import type { z } from 'zod';
import type { ApiErrorBody } from '../../errors/index.js';
import type { OperationDef } from './define.js';
import { queueOperations } from './queue.js';
import { terminalsOperations } from './terminals.js';
import { printingOperations } from './printing.js';
import { inventoryOperations } from './inventory.js';
import { loansOperations } from './loans.js';
import { residentsOperations } from './residents.js';
import { settingsOperations } from './settings.js';
import { staffOperations } from './staff.js';
import { systemOperations } from './system.js';
import { importsOperations } from './imports.js';
import { auditOperations } from './audit.js';
import { reportsOperations } from './reports.js';
import { syncOperations } from './sync.js';
import { requestsOperations } from './requests.js';
import { activitiesOperations } from './activities.js';
import { ratingsOperations } from './ratings.js';
import { suggestionsOperations } from './suggestions.js';
import { volunteeringOperations } from './volunteering.js';

/**
 * The API contract: every operation the screens can ask of the host. Transports (IPC, HTTP) and
 * the renderer's client are typed from this object; nothing else defines an operation.
 */
export const contract = {
  ...settingsOperations,
  ...staffOperations,
  ...systemOperations,
  ...printingOperations,
  ...inventoryOperations,
  ...loansOperations,
  ...queueOperations,
  ...terminalsOperations,
  ...residentsOperations,
  ...importsOperations,
  ...auditOperations,
  ...reportsOperations,
  ...syncOperations,
  ...requestsOperations,
  ...activitiesOperations,
  ...ratingsOperations,
  ...suggestionsOperations,
  ...volunteeringOperations,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const operationNames = Object.keys(contract) as OperationName[];

export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends OperationName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = Contract[K] extends OperationDef<z.ZodType, infer O> ? O : never;

/** What every transport carries back for one call. */
export type ApiResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type { ApiEvent, ApiEventType } from './events.js';
export type { ApiErrorBody, ErrorCode, FieldError } from '../../errors/index.js';
export type { PublicSettings, SettingValues, SettingsPatch, SettingKey } from './settings.js';
export type { StaffAccount, StaffSession, StaffRole } from './staff.js';
