// Every /relatorios screen: one chunk (src-renderer/pages/lazy.ts).
export { ReportsRoutes } from '../reports/ReportsRoutes';
