// Every /financeiro screen: one chunk (src-renderer/pages/lazy.ts).
export { FinanceRoutes } from '../finance/FinanceRoutes';
