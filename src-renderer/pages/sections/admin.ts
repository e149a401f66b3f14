// Users, the API reference and the recent errors: one chunk (src-renderer/pages/lazy.ts).
export { ApiPage } from '../ApiPage';
export { BackupsPage } from '../BackupsPage';
export { CompanySettingsPage } from '../CompanySettingsPage';
export { NetworkPage } from '../NetworkPage';
export { RecentErrorsPage } from '../RecentErrorsPage';
export { UsersPage } from '../UsersPage';
