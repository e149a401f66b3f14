// The customer health section: one chunk, loaded on first visit (src-renderer/pages/lazy.ts).
export { HealthPage } from '../HealthPage';
