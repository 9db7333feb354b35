import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../adapters/http/app.js';
import { GatewayHarness, TestClient } from '../../testing/gateway-harness.js';
import { authModule } from './auth.module.js';
import { SESSION_COOKIE } from './guards.js';
import { hashPassword } from './password-hash.js';
import { TRADINGVIEW_LOGO_STYLE } from './security-headers.js';

/** A cheap cost for tests (the default takes ~0.1 s a check). */
const CHEAP = { N: 1024, r: 8, p: 1 };

interface View {
  user: string;
  role: string;
  csrfToken: string;
  expiresAt: string;
}
const errorCode = (json: unknown): string | undefined =>
  (json as { error?: { code?: string } } | undefined)?.error?.code;

/** The session cookie set by a reply, with its attributes. */
function sessionCookieOf(headers: Headers): { value: string; attributes: string[] } | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (line === undefined) return undefined;
  const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
  return { value: pair.slice(SESSION_COOKIE.length + 1), attributes };
}

/** The address the harness's gateway really listens on (its public origin may differ). */
const listeningBase = (h: GatewayHarness): string => {
  const address = h.gateway.app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return `http://127.0.0.1:${String(address.port)}/`;
};

describe('dashboard-gateway security and login', function () {
  this.timeout(60_000);
  let harness: GatewayHarness;
  let anonymous: TestClient;
  /** A second app on the same context, with test-only routes behind the real guards. */
  let guarded: FastifyInstance;
  let guardedBase: string;

  before(async () => {
    const [alice, vic] = await Promise.all([
      hashPassword('correct horse', CHEAP),
      hashPassword('battery staple', CHEAP),
    ]);
    harness = await new GatewayHarness('gateway_auth', {
      users: [
        { name: 'alice', role: 'operator', passwordHash: alice },
        { name: 'vic', role: 'viewer', passwordHash: vic },
      ],
      rateLimits: { loginPerMinute: 1000, commandsPerMinute: 5 },
    }).start();
    anonymous = harness.client('anonymous');
    const ctx = harness.gateway.context;
    guarded = await createApp(harness.logger);
    await authModule.start(ctx, guarded);
    guarded.get('/api/test/read', { preHandler: ctx.guards.viewer }, () => ({ read: true }));
    guarded.post('/api/test/command', { preHandler: ctx.guards.operator }, () => ({ done: true }));
    await guarded.listen({ host: '127.0.0.1', port: 0 });
    const address = guarded.server.address();
    guardedBase = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}/`;
  });
  after(async () => {
    await guarded?.close();
    await harness?.stop();
  });

  /** A client of the test-only routes, with a fresh session of `role` (or none). */
  const onGuarded = (role: 'viewer' | 'operator' | 'anonymous'): TestClient => {
    const ctx = harness.gateway.context;
    if (role === 'anonymous')
      return new TestClient(guardedBase, undefined, undefined, ctx.origin());
    const session = ctx.sessions.open(`test:${role}`, role);
    return new TestClient(guardedBase, session.id, session.csrfToken, ctx.origin());
  };

  describe('guards', () => {
    it('refuses a read without a session: 401 unauthenticated', async () => {
      const reply = await onGuarded('anonymous').get('/api/test/read');
      strictEqual(reply.status, 401);
      strictEqual(errorCode(reply.json), 'unauthenticated');
      strictEqual((await onGuarded('viewer').get('/api/test/read')).status, 200);
    });

    it('refuses a command from a viewer: 403 forbidden', async () => {
      const reply = await onGuarded('viewer').post('/api/test/command');
      strictEqual(reply.status, 403);
      strictEqual(errorCode(reply.json), 'forbidden');
    });

    it('refuses a command without the CSRF token, or with another session’s: 403 csrf', async () => {
      const operator = onGuarded('operator');
      const missing = await operator.request('POST', '/api/test/command', {
        body: {},
        csrf: false,
      });
      strictEqual(missing.status, 403);
      strictEqual(errorCode(missing.json), 'csrf');
      const other = onGuarded('operator');
      const wrong = await operator.request('POST', '/api/test/command', {
        body: {},
        csrf: false,
        headers: { 'x-csrf-token': other.csrfToken ?? '' },
      });
      strictEqual(wrong.status, 403);
      strictEqual(errorCode(wrong.json), 'csrf');
    });

    it('refuses a command from a foreign Origin: 403 forbidden; accepts its own', async () => {
      const operator = onGuarded('operator');
      const foreign = await operator.request('POST', '/api/test/command', {
        body: {},
        origin: 'http://evil.example',
      });
      strictEqual(foreign.status, 403);
      strictEqual(errorCode(foreign.json), 'forbidden');
      const own = await operator.post('/api/test/command');
      strictEqual(own.status, 200);
      deepStrictEqual(own.json, { done: true });
    });

    it('limits commands per session (429 too-many-requests, Retry-After), not across sessions', async () => {
      const operator = onGuarded('operator');
      for (let i = 0; i < 5; i++)
        strictEqual((await operator.post('/api/test/command')).status, 200);
      const over = await operator.post('/api/test/command');
      strictEqual(over.status, 429);
      strictEqual(errorCode(over.json), 'too-many-requests');
      ok(Number(over.headers.get('retry-after')) > 0);
      strictEqual((await onGuarded('operator').post('/api/test/command')).status, 200);
      // reads are not commands
      strictEqual((await operator.get('/api/test/read')).status, 200);
    });
  });

  describe('one-time login link', () => {
    it('redeems the code once: a session cookie (HttpOnly, SameSite=Strict) and 303 to / without the code', async () => {
      const { code } = harness.gateway.context.loginCodes.issue('cli:alice@box', 'operator');
      const reply = await anonymous.get(`/login?code=${code}`);
      strictEqual(reply.status, 303);
      strictEqual(reply.headers.get('location'), '/');
      strictEqual(reply.headers.get('cache-control'), 'no-store');
      const cookie = sessionCookieOf(reply.headers);
      ok(cookie !== undefined);
      const attributes = cookie.attributes.map((a) => a.toLowerCase());
      ok(attributes.includes('httponly'), attributes.join('; '));
      ok(attributes.includes('samesite=strict'), attributes.join('; '));
      ok(attributes.includes('path=/'), attributes.join('; '));
      ok(!attributes.includes('secure'), 'no Secure on plain http');
      ok(attributes.includes(`max-age=${String(12 * 3600)}`), attributes.join('; '));
      const session = await new TestClient(harness.gateway.url, cookie.value, undefined, '').get(
        '/api/session',
      );
      strictEqual(session.status, 200);
      const view = session.json as View;
      deepStrictEqual([view.user, view.role], ['cli:alice@box', 'operator']);
      ok(/^[A-Za-z0-9_-]{43}$/.test(view.csrfToken));
      ok(Date.parse(view.expiresAt) > Date.now());
      strictEqual(session.headers.get('cache-control'), 'no-store');

      const again = await anonymous.get(`/login?code=${code}`);
      strictEqual(again.status, 401);
      ok(again.text.includes('hoga dashboard url'), again.text);
      strictEqual(again.headers.get('content-type'), 'text/html; charset=utf-8');
      strictEqual(sessionCookieOf(again.headers), undefined);
    });

    it('refuses unknown and malformed codes with the 401 page, a repeated code with a 400', async () => {
      for (const code of ['0'.repeat(32), 'nope', '', '%00', 'A'.repeat(32)]) {
        const reply = await anonymous.get(`/login?code=${code}`);
        strictEqual(reply.status, 401, code);
        strictEqual(sessionCookieOf(reply.headers), undefined);
      }
      const twice = await anonymous.get('/login?code=a&code=b');
      strictEqual(twice.status, 400);
      strictEqual(errorCode(twice.json), 'bad-request');
    });

    it('a new login ends the session the browser had', async () => {
      const ctx = harness.gateway.context;
      const old = ctx.sessions.open('cli:old', 'viewer');
      const { code } = ctx.loginCodes.issue('cli:new', 'viewer');
      const browser = new TestClient(harness.gateway.url, old.id, undefined, ctx.origin());
      strictEqual((await browser.get(`/login?code=${code}`)).status, 303);
      strictEqual(ctx.sessions.use(old.id), undefined);
    });

    it('shows the form at /login without a code, and sends a logged-in browser to /', async () => {
      const form = await anonymous.get('/login');
      strictEqual(form.status, 200);
      ok(form.text.includes('<form method="post" action="/login">'), form.text);
      ok(!/<script/i.test(form.text) && !/ style=/i.test(form.text));
      const css = await anonymous.get('/login.css');
      strictEqual(css.status, 200);
      ok(css.headers.get('content-type')?.startsWith('text/css'));
      strictEqual((await harness.client('viewer').get('/login')).status, 303);
    });
  });

  describe('sessions', () => {
    it('GET /api/session without a session is 401', async () => {
      const reply = await anonymous.get('/api/session');
      strictEqual(reply.status, 401);
      strictEqual(errorCode(reply.json), 'unauthenticated');
    });

    it('logout needs the CSRF token, then ends the session and clears the cookie', async () => {
      const viewer = harness.client('viewer');
      const refused = await viewer.request('POST', '/api/logout', { body: {}, csrf: false });
      strictEqual(refused.status, 403);
      strictEqual((await viewer.get('/api/session')).status, 200);
      const out = await viewer.post('/api/logout');
      strictEqual(out.status, 204);
      strictEqual(sessionCookieOf(out.headers)?.value, '');
      strictEqual((await viewer.get('/api/session')).status, 401);
    });
  });

  describe('password login', () => {
    it('POST /api/login opens a session for a configured user: dashboard:<name>, role, CSRF token', async () => {
      const reply = await anonymous.post('/api/login', {
        user: 'alice',
        password: 'correct horse',
      });
      strictEqual(reply.status, 200, reply.text);
      const view = reply.json as View;
      deepStrictEqual([view.user, view.role], ['dashboard:alice', 'operator']);
      const cookie = sessionCookieOf(reply.headers);
      ok(cookie !== undefined);
      const session = harness.gateway.context.sessions.use(cookie.value);
      strictEqual(session?.csrfToken, view.csrfToken);
      const vic = await anonymous.post('/api/login', { user: 'vic', password: 'battery staple' });
      strictEqual((vic.json as View).role, 'viewer');
    });

    it('refuses a wrong password and an unknown user alike (401), and bad bodies by field (400)', async () => {
      const before = harness.gateway.context.sessions.sweep();
      const wrong = await anonymous.post('/api/login', { user: 'alice', password: 'wrong' });
      const unknown = await anonymous.post('/api/login', { user: 'mallory', password: 'x' });
      for (const reply of [wrong, unknown]) {
        strictEqual(reply.status, 401);
        deepStrictEqual(reply.json, {
          error: { code: 'unauthenticated', message: 'wrong user or password' },
        });
        strictEqual(sessionCookieOf(reply.headers), undefined);
      }
      const bad = await anonymous.post('/api/login', { user: '', password: 7 });
      strictEqual(bad.status, 400);
      deepStrictEqual(
        (bad.json as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
        ['body.user', 'body.password'],
      );
      strictEqual(harness.gateway.context.sessions.sweep(), before);
    });

    it('the form posts urlencoded: 303 to / with a cookie, or the form again with 401', async () => {
      const form = (body: string, origin?: string | null) =>
        anonymous.request('POST', '/login', {
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          ...(origin !== undefined ? { origin } : {}),
        });
      const good = await form('user=alice&password=correct+horse');
      strictEqual(good.status, 303);
      strictEqual(good.headers.get('location'), '/');
      ok(sessionCookieOf(good.headers) !== undefined);
      const bad = await form('user=alice&password=nope');
      strictEqual(bad.status, 401);
      ok(bad.text.includes('Wrong user or password.'));
      strictEqual(sessionCookieOf(bad.headers), undefined);
      strictEqual((await form('user=alice')).status, 400);
      strictEqual(
        (await form('user=alice&password=correct+horse', 'http://evil.example')).status,
        403,
      );
    });

    it('the JSON login refuses a foreign Origin', async () => {
      const reply = await anonymous.request('POST', '/api/login', {
        body: { user: 'alice', password: 'correct horse' },
        origin: 'http://evil.example',
      });
      strictEqual(reply.status, 403);
    });

    it('command routes do not accept form posts (4xx, never parsed)', async () => {
      const operator = onGuarded('operator');
      const reply = await operator.request('POST', '/api/test/command', {
        body: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      strictEqual(reply.status, 400);
    });
  });

  describe('security headers', () => {
    it('every reply has a CSP without inline scripts, no-referrer, nosniff, DENY framing; no HSTS on http', async () => {
      for (const path of ['/login', '/api/session', '/healthz']) {
        const reply = await anonymous.get(path);
        const csp = reply.headers.get('content-security-policy') ?? '';
        const ws = harness.gateway.context.origin().replace('http:', 'ws:');
        for (const directive of [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          `connect-src 'self' ${ws}`,
          "frame-ancestors 'none'",
          "object-src 'none'",
        ])
          ok(csp.includes(directive), `${path}: ${directive} in ${csp}`);
        ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
        // the one inline style allowed: the chart's logo style, by its hash (nothing else)
        strictEqual(
          /style-src ([^;]*)/.exec(csp)?.[1],
          `'self' 'sha256-${createHash('sha256').update(TRADINGVIEW_LOGO_STYLE).digest('base64')}'`,
        );
        strictEqual(reply.headers.get('referrer-policy'), 'no-referrer');
        strictEqual(reply.headers.get('x-content-type-options'), 'nosniff');
        strictEqual(reply.headers.get('x-frame-options'), 'DENY');
        strictEqual(reply.headers.get('strict-transport-security'), null);
      }
    });
  });
});

describe('dashboard-gateway login limits, expiry and https', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gateway_auth_strict', {
    publicOrigin: 'https://hoga.example',
    loginCodeTtlMs: 300,
    rateLimits: { loginPerMinute: 3, commandsPerMinute: 100 },
  });
  before(() => harness.start());
  after(() => harness.stop());
  const browser = (): TestClient =>
    new TestClient(listeningBase(harness), undefined, undefined, 'https://hoga.example');

  it('refuses an expired code (401) and sets a Secure cookie and HSTS behind https', async () => {
    const ctx = harness.gateway.context;
    const expired = ctx.loginCodes.issue('cli:late', 'operator');
    const fresh = ctx.loginCodes.issue('cli:quick', 'operator');
    const reply = await browser().get(`/login?code=${fresh.code}`);
    strictEqual(reply.status, 303);
    ok(
      sessionCookieOf(reply.headers)
        ?.attributes.map((a) => a.toLowerCase())
        .includes('secure'),
    );
    ok((reply.headers.get('strict-transport-security') ?? '').includes('max-age=31536000'));
    ok(
      (reply.headers.get('content-security-policy') ?? '').includes(
        "connect-src 'self' wss://hoga.example",
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const late = await browser().get(`/login?code=${expired.code}`);
    strictEqual(late.status, 401);
    strictEqual(sessionCookieOf(late.headers), undefined);
  });

  it('limits login attempts per address: 429 too-many-requests with Retry-After', async () => {
    // the first test used 2 of the 3 attempts
    strictEqual((await browser().post('/api/login', { user: 'x', password: 'y' })).status, 401);
    const over = await browser().post('/api/login', { user: 'x', password: 'y' });
    strictEqual(over.status, 429);
    strictEqual(errorCode(over.json), 'too-many-requests');
    ok(Number(over.headers.get('retry-after')) > 0);
    const code = harness.gateway.context.loginCodes.issue('cli:blocked', 'operator').code;
    const link = await browser().get(`/login?code=${code}`);
    strictEqual(link.status, 429);
    ok(link.text.includes('Too many login attempts'));
  });
});
