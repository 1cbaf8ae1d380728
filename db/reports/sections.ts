import { loansReport } from '../loans/report.js';
import { queueReport } from '../queue/report.js';
import { residentsReport } from '../residents/report.js';
import { registerReportModule } from './registry.js';

/**
 * The report modules, in the order the dashboard and the monthly pack show them. A domain adds its
 * `db/<domain>/report.ts` and one line here (requests, activities … come later).
 */
registerReportModule(residentsReport);
registerReportModule(loansReport);
registerReportModule(queueReport);
