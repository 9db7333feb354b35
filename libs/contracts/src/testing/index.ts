export * from './account-finding-samples.js';
