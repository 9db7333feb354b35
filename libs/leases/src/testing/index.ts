export { CrashableLeaseBackend } from './crashable-lease-backend.js';
