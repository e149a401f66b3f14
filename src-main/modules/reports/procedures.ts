import type { reports } from '../../../src-shared/contract/reports';
import { delinquencyCsv } from '../../documents/finance-csv';
import { reportCsv, reportPdf } from '../../documents/reports';
import type { Implementation } from '../../rpc/context';
import { delinquency } from '../finance/reports';
import { closing, trends, weekly } from './service';

/** Reports. The delinquency report is finance's numbers under this namespace: it delegates to finance. */
export const reportProcedures = {
  'reports.weekly': (input, ctx) => weekly(ctx, input),
  'reports.closing': (input, ctx) => closing(ctx, input),
  'reports.trends': (input, ctx) => trends(ctx, input),
  'reports.exportCsv': (input, ctx) => reportCsv(ctx, input),
  'reports.exportPdf': (input, ctx) => reportPdf(ctx, input),
  'reports.delinquency': (input, ctx) => delinquency(ctx, input),
  'reports.delinquencyCsv': (input, ctx) => delinquencyCsv(ctx, input),
} satisfies Implementation<typeof reports>;
