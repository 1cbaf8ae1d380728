import { loansList, loansReport } from '../loans/report.js';
import { queueReport, ticketsList } from '../queue/report.js';
import { residentsList, residentsReport, staysList } from '../residents/report.js';
import { volunteeringReport } from '../volunteering/report.js';
import { registerListExport } from './lists.js';
import { registerReportModule } from './registry.js';

/**
 * The report modules, in the order the dashboard and the monthly pack show them. A domain adds its
 * `db/<domain>/report.ts` and one line here (requests, activities … come later).
 */
registerReportModule(residentsReport);
registerReportModule(loansReport);
registerReportModule(queueReport);
registerReportModule(volunteeringReport);

registerListExport(residentsList);
registerListExport(staysList);
registerListExport(loansList);
registerListExport(ticketsList);
