import { loansList, loansReport } from '../loans/report.js';
import { queueReport, ticketsList } from '../queue/report.js';
import { residentsList, residentsReport, staysList } from '../residents/report.js';
import { requestsList, requestsReport } from '../requests/report.js';
import { activitiesReport } from '../activities/report.js';
import { ratingsReport } from '../requests/ratingsReport.js';
import { volunteeringReport } from '../volunteering/report.js';
import { registerListExport } from './lists.js';
import { registerReportModule } from './registry.js';

/**
 * The report modules, in the order the dashboard and the monthly pack show them. A domain adds its
 * `db/<domain>/report.ts` and one line here.
 */
registerReportModule(residentsReport);
registerReportModule(loansReport);
registerReportModule(queueReport);
registerReportModule(requestsReport);
registerReportModule(ratingsReport);
registerReportModule(activitiesReport);
registerReportModule(volunteeringReport);

registerListExport(residentsList);
registerListExport(staysList);
registerListExport(loansList);
registerListExport(ticketsList);
registerListExport(requestsList);
