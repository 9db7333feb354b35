import { ok } from 'node:assert/strict';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { hashPassword } from './password-hash.js';

const RUNS = 10_000;

/** Text with the characters that matter to JSON, forms and query strings. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '%',
      '&',
      '=',
      '+',
      '[',
      ']',
      '"',
      '\\',
      '{',
      '}',
      ':',
      ',',
      ';',
      ' ',
      '\u0000',
    ),
    fc.constantFrom('a', '0', 'f', 'user', 'code', 'password', '__proto__'),
    fc.string({ unit: 'grapheme', maxLength: 2 }),
  ),
  maxLength: 40,
});

/** Bodies of every shape: JSON values, near-miss login objects, raw text. */
const bodies = fc.oneof(
  fc
    .record(
      { user: fc.oneof(tricky, fc.anything()), password: fc.oneof(tricky, fc.anything()) },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  fc
    .record({ user: fc.string({ maxLength: 200 }), password: fc.string({ maxLength: 2000 }) })
    .map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  tricky,
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
);

/** A query string: pairs of tricky keys and values, encoded or raw. */
const queries = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constant('code'), tricky),
        fc.oneof(tricky, fc.stringMatching(/^[0-9a-f]{0,40}$/)),
      ),
      {
        maxLength: 4,
      },
    )
    .map((pairs) =>
      pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
    ),
  fc.stringMatching(/^[A-Za-z0-9%&=+;[\]._~-]{0,60}$/),
);

describe('dashboard-gateway login fuzzed (fast-check, 10,000 runs each)', function () {
  this.timeout(180_000);
  let harness: GatewayHarness;
  before(async () => {
    harness = await new GatewayHarness('gateway_auth_fuzz', {
      users: [
        {
          name: 'alice',
          role: 'operator',
          passwordHash: await hashPassword('s3cret', { N: 1024, r: 8, p: 1 }),
        },
      ],
      rateLimits: { loginPerMinute: 1_000_000, commandsPerMinute: 1_000_000 },
    }).start();
  });
  after(() => harness?.stop());

  /** Never a 5xx, never a session or a cookie from bad input. */
  const check = (reply: LightMyRequestResponse, sessions: number, what: string): void => {
    ok(reply.statusCode < 500, `${what}: ${String(reply.statusCode)} ${reply.payload}`);
    ok((reply.statusCode !== 200 && reply.statusCode !== 303) || !what.startsWith('POST'), what);
    ok(reply.headers['set-cookie'] === undefined, `${what}: set a cookie`);
    ok(harness.gateway.context.sessions.size === sessions, `${what}: opened a session`);
  };

  it('POST /api/login with any body and content type', async () => {
    const sessions = harness.gateway.context.sessions.size;
    await fc.assert(
      fc.asyncProperty(bodies, contentTypes, async (payload, type) => {
        const reply = await harness.gateway.app.inject({
          method: 'POST',
          url: '/api/login',
          headers: { 'content-type': type },
          payload,
        });
        check(reply, sessions, `POST /api/login ${type} ${payload}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /login (the form) with any body', async () => {
    const sessions = harness.gateway.context.sessions.size;
    await fc.assert(
      fc.asyncProperty(fc.oneof(queries, bodies), contentTypes, async (payload, type) => {
        const reply = await harness.gateway.app.inject({
          method: 'POST',
          url: '/login',
          headers: { 'content-type': type },
          payload,
        });
        check(reply, sessions, `POST /login ${type} ${payload}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /login with any query', async () => {
    // a live code the fuzz cannot guess: it must stay unredeemed
    const { code } = harness.gateway.context.loginCodes.issue('cli:fuzz', 'operator');
    const sessions = harness.gateway.context.sessions.size;
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        const reply = await harness.gateway.app.inject({ method: 'GET', url: `/login?${query}` });
        check(reply, sessions, `GET /login?${query}`);
      }),
      { numRuns: RUNS },
    );
    ok(harness.gateway.context.loginCodes.redeem(code) !== undefined, 'the live code was redeemed');
  });
});
