import { deepStrictEqual } from 'node:assert/strict';
import { renderLoginLink } from './login-link.js';

describe('hoga dashboard url (text)', () => {
  it('prints the link alone, then who it is for and when it expires', () => {
    deepStrictEqual(
      renderLoginLink(
        { url: 'http://127.0.0.1:8790/login?code=ab', expiresAt: '2026-12-06T10:05:00.000Z' },
        { user: 'cli:alice@box', role: 'operator' },
        new Date('2026-12-06T10:00:00.000Z'),
      ),
      [
        'http://127.0.0.1:8790/login?code=ab',
        'one-time login for cli:alice@box (operator): open it once before 2026-12-06T10:05:00.000Z (5 min)',
      ],
    );
  });
});
