import type { OperationName } from '../contract/index.js';
import { queueHandlers } from './queue.js';
import { terminalsHandlers } from './terminals.js';
import { printingHandlers } from './printing.js';
import { inventoryHandlers } from './inventory.js';
import { loansHandlers } from './loans.js';
import { residentsHandlers } from './residents.js';
import { settingsHandlers } from './settings.js';
import { staffHandlers } from './staff.js';
import { systemHandlers } from './system.js';
import { importsHandlers } from './imports.js';
import { auditHandlers } from './audit.js';
import { reportsHandlers } from './reports.js';
import { syncHandlers } from './sync.js';
import { requestsHandlers } from './requests.js';
import { activitiesHandlers } from './activities.js';
import { ratingsHandlers } from './ratings.js';
import { suggestionsHandlers } from './suggestions.js';
import { volunteeringHandlers } from './volunteering.js';
import type { Handlers } from './types.js';

/** One handler per operation in the contract; the type makes a missing one a compile error. */
export const handlers: Handlers<OperationName> = {
  ...settingsHandlers,
  ...staffHandlers,
  ...systemHandlers,
  ...printingHandlers,
  ...inventoryHandlers,
  ...loansHandlers,
  ...queueHandlers,
  ...terminalsHandlers,
  ...residentsHandlers,
  ...importsHandlers,
  ...auditHandlers,
  ...reportsHandlers,
  ...syncHandlers,
  ...requestsHandlers,
  ...activitiesHandlers,
  ...ratingsHandlers,
  ...suggestionsHandlers,
  ...volunteeringHandlers,
};
