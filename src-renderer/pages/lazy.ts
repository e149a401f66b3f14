import { lazy } from 'react';

/**
 * The route pages, loaded per section on first visit so the entry chunk holds only the shell,
 * login and setup. Each section is one dynamic import (one chunk); its pages share it. App.tsx
 * wraps the routes in <Suspense> with the usual <Loading />.
 */
const customers = () => import('./sections/customers');
const orders = () => import('./sections/orders');
const finance = () => import('./sections/finance');
const admin = () => import('./sections/admin');
const reports = () => import('./sections/reports');
const messages = () => import('./sections/messages');
const health = () => import('./sections/health');
const home = () => import('./sections/home');

export const CustomersPage = lazy(() => customers().then((m) => ({ default: m.CustomersPage })));
export const CustomerPage = lazy(() => customers().then((m) => ({ default: m.CustomerPage })));
export const CustomerFormPage = lazy(() => customers().then((m) => ({ default: m.CustomerFormPage })));
export const DuplicatesPage = lazy(() => customers().then((m) => ({ default: m.DuplicatesPage })));
export const ImportPage = lazy(() => customers().then((m) => ({ default: m.ImportPage })));

export const OrdersPage = lazy(() => orders().then((m) => ({ default: m.OrdersPage })));
export const OrderPage = lazy(() => orders().then((m) => ({ default: m.OrderPage })));
export const OrderFormPage = lazy(() => orders().then((m) => ({ default: m.OrderFormPage })));
export const BoardPage = lazy(() => orders().then((m) => ({ default: m.BoardPage })));
export const DeadlinesPage = lazy(() => orders().then((m) => ({ default: m.DeadlinesPage })));
export const RegistriesPage = lazy(() => orders().then((m) => ({ default: m.RegistriesPage })));
export const ProductionSettingsPage = lazy(() => orders().then((m) => ({ default: m.ProductionSettingsPage })));
export const FichaTemplatesPage = lazy(() => orders().then((m) => ({ default: m.FichaTemplatesPage })));

export const FinanceRoutes = lazy(() => finance().then((m) => ({ default: m.FinanceRoutes })));

export const HomePage = lazy(() => home().then((m) => ({ default: m.HomePage })));

export const UsersPage = lazy(() => admin().then((m) => ({ default: m.UsersPage })));
export const ApiPage = lazy(() => admin().then((m) => ({ default: m.ApiPage })));
export const RecentErrorsPage = lazy(() => admin().then((m) => ({ default: m.RecentErrorsPage })));
export const BackupsPage = lazy(() => admin().then((m) => ({ default: m.BackupsPage })));
export const CompanySettingsPage = lazy(() => admin().then((m) => ({ default: m.CompanySettingsPage })));
export const NetworkPage = lazy(() => admin().then((m) => ({ default: m.NetworkPage })));

export const ReportsRoutes = lazy(() => reports().then((m) => ({ default: m.ReportsRoutes })));

export const ToSendPage = lazy(() => messages().then((m) => ({ default: m.ToSendPage })));
export const OutboxPage = lazy(() => messages().then((m) => ({ default: m.OutboxPage })));
export const MessagesSettingsPage = lazy(() => messages().then((m) => ({ default: m.MessagesSettingsPage })));
export const JobsPage = lazy(() => messages().then((m) => ({ default: m.JobsPage })));
// customer health (issue 10)
export const HealthPage = lazy(() => health().then((m) => ({ default: m.HealthPage })));
