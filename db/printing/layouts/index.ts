import type { Layout } from '../types.js';
import { testCardLayout, testPageLayout } from './testPage.js';
import { assetLabelLayout } from './assetLabel.js';
import { loanSlipLayout } from './loanSlip.js';
import { queueTicketLayout } from './queueTicket.js';
import { serviceCardLayout, serviceCardReceiptLayout } from './serviceCard.js';
import { monthlyReportLayout } from './monthlyReport.js';
import { requestReceiptLayout } from './requestReceipt.js';
import { requestDispatchLayout, requestDispatchReceiptLayout } from './requestDispatch.js';
import { activitySlipLayout } from './activitySlip.js';
import { pointsReceiptLayout } from './pointsReceipt.js';
import { pointsStatementLayout } from './pointsStatement.js';

/**
 * Every layout the app can print, by id. Domain issues write `layouts/<name>.ts` and add one
 * `registerLayout(...)` line below; the print service and previews find them here.
 */
// Layouts of every data shape live in one map; each is typed again where it is looked up.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const layouts = new Map<string, Layout<any>>();

export function registerLayout<D>(layout: Layout<D>): void {
  if (layouts.has(layout.id) && layouts.get(layout.id) !== layout) throw new Error(`layout ${layout.id} registered twice`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  layouts.set(layout.id, layout as Layout<any>);
}

export function getLayout(id: string): Layout<unknown> | undefined {
  return layouts.get(id);
}

export function listLayouts(): Array<Layout<unknown>> {
  return [...layouts.values()];
}

registerLayout(testPageLayout);
registerLayout(testCardLayout);
registerLayout(queueTicketLayout);
registerLayout(loanSlipLayout);
registerLayout(assetLabelLayout);
registerLayout(serviceCardLayout);
registerLayout(serviceCardReceiptLayout);
registerLayout(monthlyReportLayout);
registerLayout(requestReceiptLayout);
registerLayout(requestDispatchLayout);
registerLayout(requestDispatchReceiptLayout);
registerLayout(activitySlipLayout);
registerLayout(pointsReceiptLayout);
registerLayout(pointsStatementLayout);
