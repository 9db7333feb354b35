import { ok, strictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { opsRequest, parseTraceparent, requestOps, type Bus } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';
import type { Browser, Page, Request } from 'playwright-core';
import { GATEWAY_DEFAULTS } from '../../config.js';
import { ARTIFACTS, launchChromium, logIn } from '../../testing/browser-kit.js';
import { CollectorServer } from '../../testing/collector-server.js';
import { HEALTHY_REPLIES, serveFakeOps } from '../../testing/fake-engine-ops.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import {
  engineBus,
  positionStateSample,
  positionWire,
  publishState,
} from '../../testing/live-samples.js';
import { WEB_BUILD_DIR } from './static.module.js';

/** A request the page sent, with every header the browser put on it. */
interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

/** What the collector got from the gateway: Faro payloads. */
interface Frame {
  filename?: string;
  lineno?: number;
  colno?: number;
}
interface Payload {
  readonly exceptions?: { value?: string; stacktrace?: { frames?: Frame[] } }[];
  readonly events?: {
    name?: string;
    attributes?: Record<string, string>;
    trace?: { trace_id?: string };
  }[];
  readonly measurements?: { type?: string }[];
  readonly traces?: {
    resourceSpans?: { scopeSpans?: { spans?: { traceId?: string; name?: string }[] }[] }[];
  };
}

const positionReply = (data: unknown) => ({
  ok: true,
  positionId: (data as { positionId: string }).positionId,
});

describe('the web dashboard with Faro on, in Chromium, on a real gateway', function () {
  this.timeout(120_000);
  const collector = new CollectorServer();
  const faro = { ...GATEWAY_DEFAULTS.faro, collectorUrl: '', environment: 'test' };
  const harness = new GatewayHarness('web_faro', { staticDir: WEB_BUILD_DIR, faro });
  let engine: Bus;
  let fakes: Awaited<ReturnType<typeof serveFakeOps>>;
  let browser: Browser;
  let page: Page;
  const sent: Promise<SentRequest>[] = [];
  const pageErrors: string[] = [];
  harness.beforeGateway = async (h) => {
    engine = await engineBus(h, 'engine-faro');
    fakes = await serveFakeOps(engine, {
      ...HEALTHY_REPLIES,
      'position-actor.list': {
        ok: true,
        positions: [positionWire(positionStateSample('faro-a', 3))],
      },
      'position-actor.pause': positionReply,
      'position-actor.resume': positionReply,
    });
  };

  before(async function () {
    browser = await launchChromium(this);
    faro.collectorUrl = (await collector.start()).url;
    await harness.start();
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/api/')) return;
      sent.push(
        request.allHeaders().then((headers) => ({
          method: request.method(),
          path: url.pathname,
          headers,
          body: request.postData(),
        })),
      );
    });
  });
  after(async () => {
    await browser?.close();
    await fakes?.stop();
    await engine?.close();
    await harness.stop();
    await collector.stop();
  });

  const payloads = () => collector.requests.map((r) => r.body as Payload);
  const faroStats = async () => {
    const request = opsRequest('dashboard-gateway', 'status', {});
    if (E.isLeft(request)) throw request.left;
    const reply = await requestOps(harness.bus, 'dashboard-gateway', 'status', request.right);
    if (!reply.ok || reply.faro === null) throw new Error('no faro stats');
    return reply.faro;
  };
  const throwInPage = (message: string) =>
    page.evaluate((m) => {
      setTimeout(() => {
        throw new Error(m);
      }, 0);
    }, message);
  const exceptionsNamed = (message: string) =>
    payloads()
      .flatMap((p) => p.exceptions ?? [])
      .filter((e) => e.value === message).length;
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('starts Faro: its payloads reach the collector through the gateway, web vitals among them', async () => {
    await logIn(page, harness, 'faro-test');
    await page.locator('[data-position-id="faro-a"]').waitFor();
    await collector.waitFor(() =>
      payloads().some((p) => (p.measurements ?? []).some((m) => m.type === 'web-vitals')),
    );
    const events = payloads().flatMap((p) => p.events ?? []);
    ok(
      events.some((e) => e.name === 'session_start'),
      'a session start event',
    );
    ok(collector.requests.every((r) => r.headers['x-faro-session-id'] !== undefined));
  });

  it('sends a thrown error to the Faro endpoint exactly once', async () => {
    const message = `faro-test-error-${String(Date.now())}`;
    await throwInPage(message);
    await collector.waitFor(() => exceptionsNamed(message) > 0);
    // Faro batches and retries: give any second copy time to arrive before counting
    await settle(3_000);
    strictEqual(exceptionsNamed(message), 1, 'the collector got it once');
    const posted = (await Promise.all(sent)).filter(
      (r) => r.path === '/api/faro/collect' && r.body?.includes(message) === true,
    );
    strictEqual(posted.length, 1, 'the page posted it once');
  });

  it("resolves a page error's minified stack with the build's source maps: forwarded and logged at the original file:line", async () => {
    // an error thrown inside the page's own code: the colour switch saves the choice, and the
    // browser's storage refuses it (a full quota), from the built chunk's event handler
    const message = `faro-test-quota-${String(Date.now())}`;
    await page.evaluate((m) => {
      const storage = (globalThis as unknown as { Storage: { prototype: { setItem: unknown } } })
        .Storage.prototype;
      const setItem = storage.setItem;
      storage.setItem = function () {
        storage.setItem = setItem;
        const error = new Error(m);
        error.name = 'QuotaExceededError';
        throw error;
      };
    }, message);
    await page.selectOption('[data-control="colours"]', 'western');
    await collector.waitFor(() => exceptionsNamed(message) > 0);
    const exception = payloads()
      .flatMap((p) => p.exceptions ?? [])
      .find((e) => e.value === message);
    const frames = exception?.stacktrace?.frames ?? [];
    // setConvention's `localStorage.setItem(...)`, in the source the page was built from
    const source = readFileSync(new URL('../../../web/src/format.ts', import.meta.url), 'utf8');
    const line =
      source.split('\n').findIndex((l) => l.includes('localStorage.setItem(STORAGE_KEY, next)')) +
      1;
    ok(line > 0);
    ok(
      frames.some((f) => f.filename === 'src/format.ts' && f.lineno === line),
      `a frame at src/format.ts:${String(line)}: ${JSON.stringify(frames)}`,
    );
    // no frame left in the page's minified chunks (each is in its map)
    ok(
      frames.every((f) => !/\/assets\/[^/]+\.js$/.test(f.filename ?? '')),
      JSON.stringify(frames),
    );
    const logged = harness.logs.find(
      (r) => r.msg === 'page error' && String(r.fields['error']).includes(message),
    );
    ok(logged, 'the gateway logged the page error');
    ok(
      String(logged.fields['at']).startsWith(`src/format.ts:${String(line)}:`),
      String(logged.fields['at']),
    );
    ok(String(logged.fields['user']).includes('faro-test'), String(logged.fields['user']));
    // the maps themselves are not served
    const mapUrl = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            performance: { getEntriesByType(t: string): { name: string }[] };
          }
        ).performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .find((n) => /\/assets\/index-[^/]+\.js$/.test(n)) + '.map',
    );
    const served = await page.request.get(mapUrl);
    strictEqual(served.status(), 404, mapUrl);
  });

  it("carries a command's trace from the page's traceparent to the NATS request headers", async () => {
    await page.click('[data-position-id="faro-a"]');
    await page.click('[data-verb="pause"]');
    await page.fill('input[name="reason"]', 'faro trace');
    await page.locator('[data-action="confirm"]').click();
    await page.locator('[data-receipt][data-status="accepted"]').waitFor();
    const command = (await Promise.all(sent)).find(
      (r) => r.method === 'POST' && r.path === '/api/positions/faro-a/pause',
    );
    ok(command, 'the page sent the command');
    const fromPage = parseTraceparent(command.headers['traceparent'] ?? '');
    ok(
      fromPage,
      `the command carries a valid traceparent: ${String(command.headers['traceparent'])}`,
    );
    const onBus = fakes.requests.find((r) => r.endpoint === 'position-actor.pause');
    const busParent = parseTraceparent(onBus?.headers['traceparent'] ?? '');
    ok(busParent, 'the ops request carries a traceparent');
    strictEqual(busParent.traceId, fromPage.traceId, 'the same trace on the bus');
    ok(busParent.parentId !== fromPage.parentId, 'under the gateway’s own span');
    // Faro reports the command: an event and the spans, in the same trace
    await collector.waitFor(() =>
      payloads().some((p) =>
        (p.traces?.resourceSpans ?? []).some((rs) =>
          (rs.scopeSpans ?? []).some((ss) =>
            (ss.spans ?? []).some(
              (s) => s.traceId === fromPage.traceId && s.name === 'command position.pause',
            ),
          ),
        ),
      ),
    );
    const event = payloads()
      .flatMap((p) => p.events ?? [])
      .find((e) => e.name === 'command' && e.attributes?.['command'] === 'position.pause');
    strictEqual(event?.attributes?.['traceId'], fromPage.traceId);
    strictEqual(event.trace?.trace_id, fromPage.traceId);
    ok(!JSON.stringify(payloads()).includes('faro trace'), 'the reason is not reported');
  });

  it("never puts a traceparent on Faro's own requests, nor on the page's reads", async () => {
    const all = await Promise.all(sent);
    const own = all.filter((r) => r.path === '/api/faro/collect');
    ok(own.length > 0, 'Faro posted to its endpoint');
    for (const r of own) strictEqual(r.headers['traceparent'], undefined, 'no traceparent on Faro');
    for (const r of collector.requests) strictEqual(r.headers['traceparent'], undefined);
    const traced = all.filter((r) => r.headers['traceparent'] !== undefined);
    ok(traced.length > 0);
    ok(
      traced.every((r) => r.method === 'POST' && /^\/api\/positions\/[^/]+\/\w+/.test(r.path)),
      `only commands are traced: ${traced.map((r) => r.path).join(', ')}`,
    );
    const csrfToken = own[0]?.headers['x-csrf-token'] ?? '';
    ok(csrfToken.length > 0, 'Faro sends the CSRF token as a header');
    ok(!JSON.stringify(payloads()).includes(csrfToken), 'and never in a payload');
  });

  it('keeps the page working while the collector answers 503 (drops counted at the gateway)', async () => {
    collector.status = 503;
    const before = await faroStats();
    const message = `faro-test-down-${String(Date.now())}`;
    await throwInPage(message);
    await collector.waitFor(() => exceptionsNamed(message) > 0);
    await harness.waitForLive(() => harness.gateway.context.faro?.pending === 0);
    const after = await faroStats();
    ok(after.dropped.collectorStatus > before.dropped.collectorStatus, 'the drop is counted');
    // the page goes on: live updates and a command
    const paused = positionStateSample('faro-a', 4, { last: 99_000_000 });
    await publishState(engine, { ...paused, data: { ...paused.data, paused: true } });
    await page
      .locator('[data-position-id="faro-a"] [data-col="pnl"]', { hasText: '-₩1,000' })
      .waitFor();
    await page.locator('[data-detail="paused"]').waitFor();
    await page.click('[data-verb="resume"]');
    await page.locator('[data-action="confirm"]').click();
    await page.locator('[data-receipt][data-status="accepted"]').nth(1).waitFor();
    strictEqual(fakes.calls.get('position-actor.resume'), 1);
    collector.status = 202;
  });

  it('keeps the page working while the Faro endpoint itself answers 503', async () => {
    const refused: string[] = [];
    await page.route('**/api/faro/collect', async (route) => {
      refused.push(route.request().postData() ?? '');
      await route.fulfill({ status: 503, body: '{"error":{"code":"unavailable"}}' });
    });
    const message = `faro-test-endpoint-down-${String(Date.now())}`;
    await throwInPage(message);
    const deadline = Date.now() + 15_000;
    while (!refused.some((b) => b.includes(message))) {
      ok(Date.now() < deadline, 'the page tried to send the error');
      await settle(50);
    }
    await publishState(engine, positionStateSample('faro-a', 5, { last: 101_000_000 }));
    await page
      .locator('[data-position-id="faro-a"] [data-col="pnl"]', { hasText: '+₩1,000' })
      .waitFor();
    await page.screenshot({ path: `${ARTIFACTS}faro-endpoint-503-en.png`, fullPage: true });
    await page.unroute('**/api/faro/collect');
    strictEqual(
      pageErrors.filter((e) => !e.startsWith('faro-test-')).length,
      0,
      `no other page error: ${pageErrors.join('; ')}`,
    );
  });
});
