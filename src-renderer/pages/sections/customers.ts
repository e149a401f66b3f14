// The customers section: one chunk, loaded on first visit (src-renderer/pages/lazy.ts).
export { CustomerFormPage } from '../CustomerFormPage';
export { CustomerPage } from '../CustomerPage';
export { CustomersPage } from '../CustomersPage';
export { DuplicatesPage } from '../DuplicatesPage';
export { ImportPage } from '../ImportPage';
