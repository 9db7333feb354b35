/** Fixtures for tests of the audit and its users (not part of the library's surface). */
export * from './clean-life.fixture.js';
export * from './risk-life.fixture.js';
