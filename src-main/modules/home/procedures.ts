import type { home } from '../../../src-shared/contract/home';
import type { Implementation } from '../../rpc/context';
import { homeSummary } from './service';

export const homeProcedures = {
  'home.summary': (_input, ctx) => homeSummary(ctx),
} satisfies Implementation<typeof home>;
