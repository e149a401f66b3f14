// Users and the API reference: one chunk (src-renderer/pages/lazy.ts).
export { ApiPage } from '../ApiPage';
export { BackupsPage } from '../BackupsPage';
export { UsersPage } from '../UsersPage';
