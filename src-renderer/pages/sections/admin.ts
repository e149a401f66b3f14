// Users and the API reference: one chunk (src-renderer/pages/lazy.ts).
export { ApiPage } from '../ApiPage';
export { UsersPage } from '../UsersPage';
