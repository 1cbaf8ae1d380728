import { dashboard } from '../../reports/dashboard.js';
import type { reportsOperations } from '../contract/reports.js';
import type { Handlers } from './types.js';

export const reportsHandlers: Handlers<keyof typeof reportsOperations> = {
  'reports.dashboard': (ctx, { period }) => dashboard(ctx.db, period, ctx.now),
};
