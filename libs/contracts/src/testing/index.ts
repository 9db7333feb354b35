export * from './account-finding-samples.js';
export * from './message-samples.js';
export * from './tampered.arbitrary.js';
