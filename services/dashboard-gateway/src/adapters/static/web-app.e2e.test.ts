import { ok, strictEqual } from 'node:assert/strict';
import { createBusLogSink, type Bus, type BusLogSink, type LogLine } from '@hoga/bus';
import { AccountState, eventStreams, RiskEvent, RiskState, subjects } from '@hoga/contracts';
import { newEventOf } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { Decimal } from '@hoga/model/decimal';
import { formatKrw } from '@hoga/model/krw-format';
import * as E from 'fp-ts/lib/Either.js';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateExecutor } from '@hoga/order-executor';
import { orderIdFor } from '@hoga/position';
import type * as t from 'io-ts';
import { type Browser, type Page, type WebSocketRoute } from 'playwright-core';
import type { PositionId } from '@hoga/model';
import { PositionScript } from '../../testing/position-script.js';
import { HEALTHY_REPLIES, serveFakeOps } from '../../testing/fake-engine-ops.js';
import { SESSION_COOKIE } from '../../app/auth/guards.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import {
  engineBus,
  positionStateSample,
  positionWire,
  publishState,
} from '../../testing/live-samples.js';
import { ARTIFACTS, launchChromium, logIn } from '../../testing/browser-kit.js';
import { WEB_BUILD_DIR } from './static.module.js';

/** The little of the page's DOM the tests read (the gateway's tsconfig has no DOM types). */
interface ElementLike {
  readonly textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly isConnected: boolean;
  querySelector(selector: string): ElementLike | null;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): ElementLike | null;
    documentElement: { lang: string; classList: { contains(c: string): boolean } };
  };
  hogaTestRow?: ElementLike | null;
}
// functions run in the page cast `globalThis` themselves: they are sent as source, and the
// page's CSP forbids evaluating strings

const balances = {
  balances: [
    { currency: 'KRW', balance: '500000', locked: '20000', avgBuyPrice: '0' },
    { currency: 'BTC', balance: '0.002', locked: '0', avgBuyPrice: '100000000' },
  ],
  totals: { availableKrw: '500000', lockedKrw: '20000', costBasisKrw: '200000' },
};

const positionReply = (data: unknown) => ({
  ok: true,
  positionId: (data as { positionId: string }).positionId,
});

describe('the web dashboard in Chromium, on a real gateway', function () {
  this.timeout(120_000);
  const harness = new GatewayHarness('web_app', { staticDir: WEB_BUILD_DIR });
  const listed = [
    positionStateSample('web-a', 3),
    positionStateSample('web-b', 7, { status: 'pending', market: 'KRW-XRP' }),
    positionStateSample('web-c', 2, { status: 'error', market: 'KRW-ETH' }),
  ];
  let engine: Bus;
  let riskNow: Record<string, unknown> = { ...HEALTHY_REPLIES['risk-guard.status'].risk };
  let fakes: Awaited<ReturnType<typeof serveFakeOps>>;
  let sink: BusLogSink;
  const log = (line: Omit<LogLine, 'time'>) =>
    sink.write({ ...line, time: new Date().toISOString() });
  let browser: Browser;
  let page: Page;
  /** The page's live sockets, passed through to the gateway: a test can cut one. */
  const sockets: WebSocketRoute[] = [];
  /** What the page sent and received on each socket, in order. */
  const sent: string[][] = [];
  const received: string[][] = [];
  harness.beforeGateway = async (h) => {
    engine = await engineBus(h);
    fakes = await serveFakeOps(engine, {
      ...HEALTHY_REPLIES,
      'position-actor.list': { ok: true, positions: listed.map(positionWire) },
      // 1-minute candles around web-ord's story (2026-11-23T00:00Z), as market-feed answers
      'market-feed.history': (data: unknown) => ({
        ok: true,
        market: (data as { market: string }).market,
        interval: '1m',
        candles: Array.from({ length: 10 }, (_, i) => ({
          market: (data as { market: string }).market,
          interval: '1m',
          openTime: new Date(Date.parse('2026-11-22T23:55:00Z') + i * 60_000).toISOString(),
          open: String(100_000_000 + i * 300_000),
          high: String(100_400_000 + i * 300_000),
          low: String(99_800_000 + i * 300_000),
          close: String(100_300_000 + i * 300_000),
          volume: '0.5',
          turnoverKrw: '50000000',
          closed: true,
        })),
      }),
      'position-actor.close': positionReply,
      'position-actor.pause': positionReply,
      'position-actor.resume': positionReply,
      'position-actor.run': (data: unknown) => ({
        ok: true,
        positionId: 'web-run',
        strategyId: (data as { strategy: { id: string } }).strategy.id,
      }),
      // risk-guard's state as its status reply tells it (the gateway polls it), halted by `halt`
      'risk-guard.status': () => ({ ...HEALTHY_REPLIES['risk-guard.status'], risk: riskNow }),
      'risk-guard.arm': (data: unknown) => {
        const ratePct = String((data as { ratePct: unknown }).ratePct);
        const limit = {
          armed: true,
          ratePct,
          equityAtArming: '1000000',
          unrealizedPnlAtArming: '0',
          armedAt: '2026-12-06T13:41:00.000Z',
        };
        riskNow = {
          ...riskNow,
          lossLimit: limit,
          evaluation: {
            totalUnrealizedPnl: '-25000',
            realizedPnlSinceArming: '0',
            pnlSinceArming: '-25000',
            lossKrw: '25000',
            lossRatePct: '2.5',
            limitKrw: '100000',
            breached: false,
          },
        };
        return { ok: true, limit };
      },
      'risk-guard.halt': (data: unknown) => {
        const reason = (data as { reason: string }).reason;
        riskNow = { ...riskNow, state: 'HALTED', reason, since: '2026-12-06T13:40:05.000Z' };
        return { ok: true, state: 'HALTED' };
      },
    });
  };

  before(async function () {
    browser = await launchChromium(this);
    await harness.start();
    sink = createBusLogSink({
      service: 'dashboard-gateway',
      report: () => undefined,
      maxQueued: 10_000,
      maxQueuedBytes: 16 << 20,
    });
    await sink.attach(harness.bus);
    await engine.publish(
      subjects.accountState(),
      decodeOrThrow(AccountState, {
        id: 'AccountState-web',
        type: 'AccountState',
        occurredAt: new Date().toISOString(),
        causationId: null,
        correlationId: 'AccountState-web',
        data: balances,
      }),
    );
    const context = await browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1440, height: 900 },
    });
    await context.routeWebSocket(/\/api\/live(\?|$)/, (ws) => {
      const server = ws.connectToServer();
      const up: string[] = [];
      const down: string[] = [];
      ws.onMessage((m) => {
        up.push(String(m));
        server.send(m);
      });
      server.onMessage((m) => {
        down.push(String(m));
        ws.send(m);
      });
      sockets.push(ws);
      sent.push(up);
      received.push(down);
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
  });
  after(async () => {
    await browser?.close();
    await sink?.detach();
    await fakes?.stop();
    await engine?.close();
    await harness.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
  const stat = (id: string) => page.locator(`[data-stat="${id}"] .value`);
  /**
   * The newest receipt of a command once the gateway accepted it: `accepted`, or later `done` (its
   * event came) or `timeout` (none within the gateway's 10 s: the fakes here record no event, and
   * a loaded machine can take that long between two steps).
   */
  const receipt = (command: string) =>
    page
      .locator(
        `[data-receipt][data-command="${command}"]:is([data-status="accepted"], [data-status="done"], [data-status="timeout"])`,
      )
      .first();
  const cell = (positionId: string, col: string) =>
    page.locator(`[data-position-id="${positionId}"] [data-col="${col}"]`);

  it('sends a browser without a session to the login page', async () => {
    await page.goto(new URL('/', harness.gateway.url).href);
    strictEqual(new URL(page.url()).pathname, '/login');
  });

  it('logs in by a one-time link and shows the live account and positions (Korean)', async () => {
    await logIn(page, harness, 'web-test');
    strictEqual(new URL(page.url()).pathname, '/');
    await page.locator('[data-position-id="web-a"]').waitFor();
    strictEqual(
      await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
      ),
      'ko',
    );
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector(
          '[data-stat="available"] .value',
        )?.textContent === '500,000원',
    );
    strictEqual(await stat('available').textContent(), '500,000원');
    strictEqual(await stat('locked').textContent(), '20,000원');
    // 500,000 + 20,000 KRW + 0.002 BTC at the last price of web-a (100,003,000) = 720,006
    strictEqual(await stat('total').textContent(), '720,006원');
    strictEqual(await stat('trading').textContent(), '정상 거래');
    // the active tab: web-a only; its figures to the won, with sign and arrow
    strictEqual(await page.locator('[data-position-id]').count(), 1);
    strictEqual(await cell('web-a', 'market').textContent(), 'KRW-BTC');
    strictEqual(await cell('web-a', 'principal').textContent(), '100,000원');
    strictEqual(await cell('web-a', 'pnl').textContent(), '▲ +3원');
    ok((await cell('web-a', 'pnl').getAttribute('class'))?.includes('up'));
    await shot('dashboard-ko');
  });

  it('updates a row in place when its position state is published (the same DOM node)', async () => {
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      g.hogaTestRow = g.document.querySelector('[data-position-id="web-a"]');
    });
    await publishState(engine, positionStateSample('web-a', 4, { last: 99_000_000 }));
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).hogaTestRow?.querySelector('[data-col="pnl"]')
          ?.textContent === '▼ -1,000원',
    );
    strictEqual(
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return (
          g.hogaTestRow === g.document.querySelector('[data-position-id="web-a"]') &&
          g.hogaTestRow?.isConnected === true
        );
      }),
      true,
      'the row is the same DOM node, still in the page',
    );
    ok((await cell('web-a', 'pnl').getAttribute('class'))?.includes('down'));
  });

  it('shows the other statuses in their tabs and sorts by a column', async () => {
    await page.click('[data-tab="all"]');
    strictEqual(await page.locator('[data-position-id]').count(), 3);
    await page.click('[role="columnheader"][data-col="market"]');
    const markets = await page.locator('[data-position-id] [data-col="market"]').allTextContents();
    strictEqual(markets.join(','), 'KRW-BTC,KRW-ETH,KRW-XRP');
    strictEqual(await cell('web-c', 'status').textContent(), '⚠ 오류');
    // each tab its own default columns: an open position's valuation and PnL, a closed one's
    // entry, realized PnL and exit reason (it holds nothing)
    const headers = async () =>
      (await page.locator('[role="columnheader"]').all()).reduce<Promise<string[]>>(
        async (all, h) => [...(await all), (await h.getAttribute('data-col')) ?? ''],
        Promise.resolve([]),
      );
    await page.click('[data-tab="active"]');
    const active = await headers();
    ok(active.includes('valuation') && active.includes('pnl'), active.join());
    ok(!active.includes('exitReason') && !active.includes('realized'), active.join());
    await page.click('[data-tab="closed"]');
    const closed = await headers();
    for (const col of ['entry', 'realized', 'exitReason'])
      ok(closed.includes(col), `${col} on the closed tab: ${closed.join()}`);
    for (const col of ['valuation', 'pnl', 'pnlPct', 'last'])
      ok(!closed.includes(col), `no ${col} on the closed tab: ${closed.join()}`);
    await page.click('[data-tab="active"]');
  });

  it('closes a position from its panel: the market typed, one request on a double click, the receipt shown', async () => {
    await page.click('[data-position-id="web-a"]');
    await page.click('[data-verb="close"]');
    const confirm = page.locator('[data-action="confirm"]');
    ok(await confirm.isDisabled(), 'Confirm waits for the market code');
    await page.fill('input[name="reason"]', 'web test');
    await page.fill('input[name="market"]', 'KRW-BTC');
    await shot('close-confirm-ko');
    await confirm.dblclick();
    await receipt('position.close').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    strictEqual(fakes.calls.get('position-actor.close'), 1, 'exactly one close request');
    await shot('close-receipt-ko');
  });

  it('shows a lost gateway at once (banner, greyed data with its age) and resumes with what it missed', async () => {
    const cut = Date.now();
    await sockets.at(-1)!.close({ code: 1012, reason: 'test cut' });
    await page.locator('[data-banner="reconnecting"]').waitFor();
    ok(Date.now() - cut < 2_000, 'the banner within 2 s');
    strictEqual(await page.locator('main').getAttribute('data-stale'), 'true');
    await shot('reconnecting-ko');
    await publishState(engine, positionStateSample('web-a', 5, { last: 102_000_000 }));
    await page.locator('[data-banner="reconnecting"]').waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector(
          '[data-position-id="web-a"] [data-col="pnl"]',
        )?.textContent === '▲ +2,000원',
    );
    strictEqual(await page.locator('main').getAttribute('data-stale'), 'false');
    ok(sockets.length >= 2, 'one new socket');
    // the new socket resumed from the last sequence the page had (no fresh snapshot needed)
    const subs = sent.at(-1)!.map((m) => JSON.parse(m) as Record<string, unknown>);
    const positionsSub = subs.find((m) => m['ch'] === 'positions')!;
    ok(typeof positionsSub['fromSeq'] === 'number' && typeof positionsSub['epoch'] === 'string');
    ok(received.at(-1)!.some((m) => m.includes('"type":"resumed"') && m.includes('"positions"')));
  });

  it('pauses and resumes: Cancel sends nothing, one request per confirmation, a badge while paused', async () => {
    await page.click('[data-verb="pause"]');
    await page.click('[data-action="cancel"]');
    strictEqual(fakes.calls.get('position-actor.pause'), undefined, 'Cancel sends nothing');
    await page.click('[data-verb="pause"]');
    await page.fill('input[name="reason"]', 'lunch');
    await page.locator('[data-action="confirm"]').dblclick();
    await receipt('position.pause').waitFor();
    const base = positionStateSample('web-a', 6, { last: 102_000_000 });
    await publishState(engine, { ...base, data: { ...base.data, paused: true } });
    await page.locator('[data-detail="paused"]').waitFor();
    ok(await page.locator('[data-verb="pause"]').isDisabled());
    ok(await page.locator('[data-verb="resume"]').isEnabled());
    strictEqual(await cell('web-a', 'status').textContent(), '보유 · 일시정지');
    await shot('paused-ko');
    await page.click('[data-verb="resume"]');
    await page.locator('[data-action="confirm"]').click();
    await receipt('position.resume').waitFor();
    strictEqual(fakes.calls.get('position-actor.pause'), 1);
    strictEqual(fakes.calls.get('position-actor.resume'), 1);
  });

  it('halts trading from the trading controls: a reason required, one request, the HALTED banner', async () => {
    await page.click('[data-risk-verb="halt"]');
    const confirm = page.locator('[data-action="confirm"]');
    ok(await confirm.isDisabled(), 'a halt needs a reason');
    await page.fill('input[name="reason"]', 'web test halt');
    await confirm.dblclick();
    await receipt('risk.halt').waitFor();
    strictEqual(fakes.calls.get('risk-guard.halt'), 1, 'exactly one halt request');
    strictEqual(riskNow['reason'], 'web test halt');
    await engine.publish(
      subjects.riskState(),
      decodeOrThrow(RiskState, {
        id: 'RiskState-web',
        type: 'RiskState',
        occurredAt: new Date().toISOString(),
        causationId: null,
        correlationId: 'RiskState-web',
        data: riskNow,
      }),
    );
    await page.locator('[data-banner="halted"]').waitFor();
    strictEqual(
      await page.locator('[data-banner="halted"]').textContent(),
      '⚠ 거래 중지 — web test halt',
    );
    strictEqual(await stat('trading').textContent(), '거래 중지');
    // since when, in KST by default (UTC+9), UTC on the switch
    const since = page.locator('[data-stat="trading"] .sub');
    ok((await since.textContent())?.includes('10:40:05 KST'), (await since.textContent()) ?? '');
    await page.selectOption('[data-control="time-zone"]', 'UTC');
    ok((await since.textContent())?.includes('01:40:05 UTC'), (await since.textContent()) ?? '');
    await page.selectOption('[data-control="time-zone"]', 'Asia/Seoul');
    ok(await page.locator('[data-risk-verb="halt"]').isDisabled());
    ok(await page.locator('[data-risk-verb="resume"]').isEnabled());
    await shot('halted-ko');
  });

  it('arms the loss limit with a rate and a reason, and shows the loss against it as a gauge', async () => {
    await page.click('[data-risk-verb="arm"]');
    const confirm = page.locator('[data-action="confirm"]');
    await page.fill('input[name="reason"]', 'web test arm');
    await page.fill('input[name="rate-pct"]', '0');
    ok(await confirm.isDisabled(), 'a rate of 0 is refused before sending');
    await page.fill('input[name="rate-pct"]', '10');
    await confirm.click();
    await receipt('risk.arm').waitFor();
    strictEqual(fakes.calls.get('risk-guard.arm'), 1);
    strictEqual((riskNow['lossLimit'] as { ratePct: string }).ratePct, '10');
    await engine.publish(
      subjects.riskState(),
      decodeOrThrow(RiskState, {
        id: 'RiskState-web-arm',
        type: 'RiskState',
        occurredAt: new Date().toISOString(),
        causationId: null,
        correlationId: 'RiskState-web-arm',
        data: riskNow,
      }),
    );
    await page.locator('[data-stat="loss-limit"] [role="meter"]').waitFor();
    strictEqual(await stat('loss-limit').innerText(), '25.0%');
    strictEqual(
      await page.locator('[data-stat="loss-limit"] .sub').textContent(),
      '손실 25,000원 / 한도 100,000원',
    );
    await shot('loss-limit-ko');
  });

  it('runs a strategy: field errors shown and nothing sent for a bad spec, one request for a good one, the position pending', async () => {
    const form = page.locator('.run-strategy');
    const run = form.locator('[data-action="run"]');
    ok(await run.isDisabled(), 'nothing to run without a spec');
    // Run opens the confirmation (a reason, optional); its Confirm sends
    const confirmRun = page.locator('[data-confirm="run"] [data-action="confirm"]');
    await form
      .locator('textarea[name="spec"]')
      .fill(
        'id: web-bad\nmarket: KRW-BTC\nbudgetKrw: "lots"\nentry: immediate\nexit:\n  stopLossPct: -3\n',
      );
    await run.click();
    await confirmRun.click();
    await form.locator('[data-field-error]').first().waitFor();
    const named = await form
      .locator('[data-field-error]')
      .evaluateAll((els) =>
        els.map((e) => (e as unknown as { dataset: { fieldError: string } }).dataset.fieldError),
      );
    ok(named.length >= 1 && named.every((f) => f.startsWith('body.spec')), named.join(','));
    ok(
      named.some((f) => f.includes('budgetKrw')),
      named.join(','),
    );
    strictEqual(fakes.calls.get('position-actor.run'), undefined, 'nothing reached position-actor');
    await shot('run-strategy-errors-ko');
    // a YAML syntax error is a field error too (the whole spec, with its line)
    await form.locator('textarea[name="spec"]').fill('id: [unclosed');
    await run.click();
    await confirmRun.click();
    await form.locator('[data-field-error="body.spec"]').waitFor();
    strictEqual(fakes.calls.get('position-actor.run'), undefined);
    // the example is a good spec: one request on a double click, the receipt, the new position
    await form.locator('[data-action="example"]').click();
    await run.click();
    await page.fill('[data-confirm="run"] input[name="reason"]', 'web test run');
    await confirmRun.dblclick();
    await form.locator('[data-receipt][data-status="accepted"]').waitFor();
    strictEqual(await form.locator('[data-field-error]').count(), 0, 'the errors are gone');
    await new Promise((resolve) => setTimeout(resolve, 500));
    strictEqual(fakes.calls.get('position-actor.run'), 1, 'exactly one run request');
    ok((await form.locator('[data-receipt]').first().textContent())?.includes('web-run'));
    await publishState(
      engine,
      positionStateSample('web-run', 1, { status: 'pending', market: 'KRW-BTC' }),
    );
    await page.click('[data-tab="pending"]');
    await page.locator('[data-position-id="web-run"]').waitFor();
    strictEqual(await cell('web-run', 'status').textContent(), '대기');
    strictEqual(
      await page.locator('[data-position-id="web-run"]').getAttribute('aria-selected'),
      'true',
      'the new position is selected',
    );
    await shot('run-strategy-ko');
    await page.click('[data-tab="active"]');
  });

  it('reads a spec from a file, and refuses a file over 64 KiB without reading or sending it', async () => {
    const form = page.locator('.run-strategy');
    const file = form.locator('input[name="spec-file"]');
    const json = JSON.stringify({ id: 'web-file', market: 'KRW-ETH', budgetKrw: '50000' });
    await file.setInputFiles({
      name: 'web-file.json',
      mimeType: 'application/json',
      buffer: Buffer.from(json),
    });
    await page.waitForFunction(
      (text) =>
        (
          (globalThis as unknown as PageGlobals).document.querySelector(
            '.run-strategy textarea[name="spec"]',
          ) as unknown as { value: string } | null
        )?.value === text,
      json,
    );
    await file.setInputFiles({
      name: 'huge.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.alloc(70_000, 'a'),
    });
    await form.locator('[data-run-error]').waitFor();
    ok((await form.locator('[data-run-error]').textContent())?.includes('64 KiB'));
    strictEqual(
      await form.locator('textarea[name="spec"]').inputValue(),
      json,
      'the large file was not read',
    );
    strictEqual(fakes.calls.get('position-actor.run'), 1, 'nothing more sent');
  });

  it('tails the system log: a published line within 2 s, the level filter, a line naming a position selects it', async () => {
    const viewer = page.locator('.log-viewer');
    await viewer.scrollIntoViewIfNeeded();
    await viewer.locator('[data-log-state="live"]').waitFor();
    // the page follows every service's channel: give the subscriptions a moment
    await new Promise((resolve) => setTimeout(resolve, 300));
    const row = (text: string) => viewer.locator('[data-log-id]', { hasText: text });
    const published = Date.now();
    log({
      service: 'position-actor',
      level: 'warn',
      msg: 'web log price held back',
      fields: { positionId: 'web-a' },
    });
    await row('web log price held back').waitFor({ timeout: 2_000 });
    ok(Date.now() - published < 2_000, `${String(Date.now() - published)} ms`);
    log({ service: 'market-feed', level: 'info', msg: 'web log feed ok', fields: {} });
    await row('web log feed ok').waitFor({ timeout: 2_000 });
    strictEqual(await row('web log price held back').getAttribute('data-level'), 'warn');
    // at least warn: the info line goes, history and live alike
    await viewer.locator('[data-log-filter="level"]').selectOption('warn');
    await row('web log price held back').waitFor();
    strictEqual(await row('web log feed ok').count(), 0);
    log({ service: 'market-feed', level: 'info', msg: 'web log quiet', fields: {} });
    log({ service: 'order-executor', level: 'error', msg: 'web log order rejected', fields: {} });
    await row('web log order rejected').waitFor({ timeout: 2_000 });
    strictEqual(await row('web log quiet').count(), 0);
    strictEqual(
      await row('web log order rejected').locator('.log-level').textContent(),
      '⚠ 오류',
      'an error has an icon and a word',
    );
    const levels = await viewer
      .locator('[data-log-id]')
      .evaluateAll((els) =>
        els.map((e) => (e as unknown as { dataset: { level: string } }).dataset.level),
      );
    ok(
      levels.length > 0 && levels.every((l) => ['warn', 'error', 'fatal'].includes(l)),
      levels.join(),
    );
    await shot('logs-ko');
    // a line that names a position selects it
    await viewer.locator('[data-log-position="web-a"]').first().click();
    strictEqual(
      await page.locator('[data-position-id="web-a"]').getAttribute('aria-selected'),
      'true',
    );
    await viewer.locator('[data-log-filter="level"]').selectOption('');
    await row('web log feed ok').waitFor();
  });

  it('keeps fewer than 200 log rows in the DOM with 5,000 lines, paging older with before/next, paused while scrolled', async () => {
    const viewer = page.locator('.log-viewer');
    for (let i = 0; i < 5_000; i += 1)
      log({
        service: 'risk-guard',
        level: 'info',
        msg: `bulk line ${String(i).padStart(4, '0')}`,
        fields: {},
      });
    // the history has them (the sink sends in order: the last one means all): search for them,
    // then page older until 5,000 are held
    const viewerClient = harness.client('viewer');
    for (let i = 0; i < 100; i += 1) {
      const last = await viewerClient.get('/api/logs?text=bulk%20line%204999&limit=1');
      if ((last.json as { lines: unknown[] }).lines.length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await viewer.locator('input[name="log-text"]').fill('bulk line');
    await viewer.locator('input[name="log-text"]').press('Enter');
    const held = async () =>
      Number(
        /[\d,]+/.exec((await viewer.locator('h2').textContent()) ?? '')?.[0]?.replaceAll(',', '') ??
          '0',
      );
    const older = viewer.locator('[data-action="logs-older"]');
    for (let i = 0; i < 30 && (await held()) < 5_000; i += 1) {
      await page.waitForFunction(
        () =>
          (globalThis as unknown as PageGlobals).document.querySelector(
            '[data-action="logs-older"]',
          )?.textContent !== '불러오는 중…',
      );
      if (await older.isEnabled()) await older.click();
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // every bulk line, and maybe a live notice of the lines not sent live (a filter keeps those)
    ok((await held()) >= 5_000 && (await held()) <= 5_010, String(await held()));
    const inDom = await viewer.locator('[data-log-id]').count();
    ok(inDom > 5 && inDom < 200, `${String(inDom)} log rows in the DOM`);
    await viewer.locator('.log-scroll').evaluate((el: ElementLike) => {
      el.scrollTop = el.scrollHeight;
    });
    await viewer.locator('[data-log-id]', { hasText: 'bulk line 0000' }).waitFor();
    await viewer.locator('[data-log-state="paused"]').waitFor();
    ok((await viewer.locator('[data-log-id]').count()) < 200);
    log({ service: 'risk-guard', level: 'info', msg: 'bulk line while paused', fields: {} });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('[data-log-state="paused"]')
          ?.textContent?.includes('1') === true,
    );
    await shot('logs-bulk-ko');
    await viewer.locator('[data-log-state="paused"]').click();
    await viewer.locator('[data-log-state="live"]').waitFor();
    await viewer.locator('[data-log-id]', { hasText: 'bulk line while paused' }).waitFor();
    await viewer.locator('input[name="log-text"]').fill('');
    await viewer.locator('input[name="log-text"]').press('Enter');
  });

  it('shows the day on the timeline in time order, and replays a position event by event, following it live', async () => {
    const timeline = page.locator('.timeline');
    // a position's story stored in the event store (as position-actor stores it), today
    const t0 = Date.now() - 600_000;
    const script = new PositionScript('web-tl' as PositionId, undefined, t0);
    script.open().fill('entry', '0.001999', '100000000');
    await script.appendTo(harness.store);
    // and a halt and a resume of trading around it (risk-guard's stream)
    const moved = (id: string, ms: number, from: string, to: string) =>
      newEventOf(
        RiskEvent.encode,
        decodeOrThrow(RiskEvent, {
          id,
          type: 'TradingStateChanged',
          occurredAt: new Date(t0 + ms).toISOString(),
          causationId: null,
          correlationId: id,
          data: {
            from,
            to,
            by: 'dashboard:web-test',
            reason: 'timeline test',
            at: new Date(t0 + ms).toISOString(),
            commandId: `cmd-${id}`,
          },
        }),
      );
    await harness.store.append(
      eventStreams.risk,
      [
        moved('web-tl-halt', 500, 'ACTIVE', 'HALTED'),
        moved('web-tl-resume', 6_000, 'HALTED', 'ACTIVE'),
      ],
      { expectedVersion: 'any' },
    );
    const markers = timeline.locator('[data-marker-position="web-tl"]');
    // the risk stream's events are projected after the position's: reload until both are in
    const halts = timeline.locator('[data-lane="halt"] [data-type="TradingStateChanged"]');
    for (
      let i = 0;
      i < 50 && ((await markers.count()) === 0 || (await halts.count()) === 0);
      i += 1
    ) {
      await timeline.locator('[data-action="timeline-reload"]').click();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ok((await markers.count()) > 0, 'the position is on the timeline');
    await timeline.locator('[data-lane="command"] [data-type="PositionOpened"]').waitFor();
    await timeline.locator('[data-lane="entry"] [data-type="PositionActivated"]').waitFor();
    await timeline.locator('[data-lane="fill"] [data-type="EntryFilled"]').waitFor();
    await timeline.locator('[data-lane="halt"] [data-type="TradingStateChanged"]').waitFor();
    await timeline.locator('[data-lane="risk"] [data-type="TradingStateChanged"]').waitFor();
    // markers in time order: later events further right
    const placed = await timeline.locator('[data-at]').evaluateAll((els) =>
      els.map((e) => {
        const el = e as unknown as { dataset: { at: string }; style: { left: string } };
        return { at: el.dataset.at, left: parseFloat(el.style.left) };
      }),
    );
    ok(placed.length >= 4, String(placed.length));
    const byTime = [...placed].sort((a, b) => a.at.localeCompare(b.at));
    for (let i = 1; i < byTime.length; i += 1)
      ok(byTime[i]!.left >= byTime[i - 1]!.left, JSON.stringify(byTime));
    ok(
      byTime.every((p) => p.left >= 0 && p.left <= 100),
      JSON.stringify(byTime),
    );
    // a marker selects its position: its events with the scrubber, newest first shown
    await markers.first().click();
    strictEqual(
      await page.locator('[data-detail="not-live"]').textContent(),
      'web-tl: 실시간 보기에 없는 포지션입니다 (타임라인의 재생에서 볼 수 있습니다)',
    );
    const replay = timeline.locator('[data-replay="web-tl"]');
    await replay.locator('[data-scrubber]').waitFor();
    const stored = (
      (await harness.client('viewer').get('/api/positions/web-tl/events')).json as {
        events: { version: number; event: { type: string } }[];
      }
    ).events;
    ok(stored.length >= 3);
    const step = replay.locator('[data-replay-step]');
    strictEqual(await step.textContent(), `${String(stored.length)} / ${String(stored.length)}`);
    strictEqual(await replay.locator('[data-replay="status"]').textContent(), '보유');
    await replay.locator('[data-scrubber]').focus();
    await page.keyboard.press('Home');
    strictEqual(await step.textContent(), `1 / ${String(stored.length)}`);
    ok((await replay.locator('[data-replay="event"]').textContent())?.includes('PositionOpened'));
    strictEqual(await replay.locator('[data-replay="status"]').textContent(), '대기');
    strictEqual(await replay.locator('[data-replay="volume"]').textContent(), '0');
    for (let k = 1; k < stored.length; k += 1) {
      await page.keyboard.press('ArrowRight');
      strictEqual(await step.textContent(), `${String(k + 1)} / ${String(stored.length)}`);
      ok(
        (await replay.locator('[data-replay="event"]').textContent())?.includes(
          `v${String(stored[k]!.version)} · ${stored[k]!.event.type}`,
        ),
      );
    }
    strictEqual(await replay.locator('[data-replay="volume"]').textContent(), '0.001999');
    await shot('timeline-ko');
    // the exit arrives live on position/web-tl: the scrubber at the newest follows it
    script.tick(103_000_000).fill('exit', '0.001999', '103000000');
    await script.appendTo(harness.store);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector(
          '[data-replay="web-tl"] [data-replay="status"]',
        )?.textContent === '청산 완료',
      undefined,
      { timeout: 5_000 },
    );
    ok((await replay.locator('[data-replay="realized"]').textContent())?.startsWith('▲ +'));
    await timeline.locator('[data-action="timeline-reload"]').click();
    await timeline.locator('[data-lane="exit"] [data-type="PositionClosed"]').waitFor();
    await shot('timeline-closed-ko');
  });

  it("shows a position's orders and trades (fees exact), read again when its events change", async () => {
    // the position's story in the event store, an earlier day (not on today's timeline)
    const script = new PositionScript('web-ord' as PositionId);
    script.open().fill('entry', '0.001999', '100000000');
    await script.appendTo(harness.store);
    // order-executor's row and trade for the entry, as order-executor writes them
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool(harness.schema.poolConfig) }),
    });
    try {
      await migrateExecutor(db);
    } finally {
      await db.destroy();
    }
    const pool = harness.gateway.context.pool;
    const entryId = orderIdFor(script.positionId, 'entry', 1);
    await pool.query(
      `insert into orders (order_id, identifier, position_id, leg, attempt, market, side, kind,
                           total_krw, state, exchange_uuid, executed_volume, executed_funds,
                           paid_fee, command_id, correlation_id)
       values ($1, $1, $2, 'entry', 1, 'KRW-BTC', 'bid', 'market', 200000, 'cancel', 'ex-1',
               0.00199900, 199900.000, 99.95000, 'cmd-1', $2)`,
      [entryId, script.positionId],
    );
    await pool.query(
      `insert into trades (trade_uuid, order_id, market, side, price, volume, funds, fee,
                           traded_at, source)
       values ('web-ord-t1', $1, 'KRW-BTC', 'bid', 100000000.0, 0.001999, 199900, 99.95,
               '2026-11-23T00:00:02Z', 'ws')`,
      [entryId],
    );
    // in the live view as a closed one (the active tab's count stays as the later tests expect)
    await publishState(engine, positionStateSample('web-ord', 2, { status: 'closed' }));
    await page.click('[data-tab="closed"]');
    await page.click('[data-position-id="web-ord"]');
    const orders = page.locator('[data-orders="web-ord"]');
    const entry = orders.locator(`[data-order="${entryId}"]`);
    await entry.waitFor();
    // closed: it holds nothing; its principal at entry is the history's investedKrw
    const summary = await page.evaluate(() =>
      (globalThis as unknown as { fetch: typeof fetch })
        .fetch('/api/positions/web-ord')
        .then((r) => r.json() as Promise<{ investedKrw: string }>),
    );
    ok(new Decimal(summary.investedKrw).gt(0), 'the history knows what it invested');
    strictEqual(
      await page.locator('[data-detail="principal-at-entry"]').textContent(),
      formatKrw(new Decimal(summary.investedKrw), 'ko'),
    );
    strictEqual(await entry.locator('[data-col="leg"]').textContent(), '진입');
    strictEqual(await entry.locator('[data-col="side"]').textContent(), '매수');
    strictEqual(await entry.locator('[data-col="state"]').textContent(), 'cancel');
    strictEqual(await entry.locator('[data-col="volume"]').textContent(), '0.001999');
    // the unit is in the header (체결액(원), 수수료(원)): the figures exact, without it
    strictEqual(await entry.locator('[data-col="funds"]').textContent(), '199,900');
    strictEqual(await entry.locator('[data-col="fee"]').textContent(), '99.95');
    const trade = orders.locator('[data-trade="web-ord-t1"]');
    strictEqual(await trade.locator('[data-col="price"]').textContent(), '@ 100,000,000');
    strictEqual(await trade.locator('[data-col="volume"]').textContent(), '0.001999');
    strictEqual(await trade.locator('[data-col="fee"]').textContent(), '99.95');
    strictEqual(await orders.locator('[data-order]').count(), 1);
    // the take-profit exit: its events arrive on position/web-ord, the panel reads the orders again
    script.tick(103_000_000).fill('exit', '0.001999', '103000000');
    await script.appendTo(harness.store);
    const exit = orders.locator(`[data-order="${orderIdFor(script.positionId, 'exit', 1)}"]`);
    await exit.waitFor({ timeout: 5_000 });
    strictEqual(await exit.locator('[data-col="leg"]').textContent(), '청산');
    strictEqual(await exit.locator('[data-col="side"]').textContent(), '매도');
    strictEqual(await exit.locator('[data-col="state"]').textContent(), '접수 전');
    strictEqual(await exit.locator('[data-col="volume"]').textContent(), '0.001999');
    // the price chart of its market: loaded lazily, candles drawn, TradingView's attribution
    const chart = page.locator('[data-chart="KRW-BTC"][data-chart-state="ready"]');
    await chart.waitFor({ timeout: 10_000 });
    ok((await chart.locator('canvas').count()) > 0, 'the chart draws on a canvas');
    ok((await chart.locator('a[href*="tradingview"]').count()) === 1, "TradingView's logo");
    // the orders table fits its panel (no sideways scroll), at desktop and phone widths, ko and en
    const overflow = () =>
      orders
        .locator('.orders-scroll')
        .evaluate((el: ElementLike) => el.scrollWidth - el.clientWidth);
    const ordersShot = (name: string) => orders.screenshot({ path: `${ARTIFACTS}${name}.png` });
    strictEqual(await overflow(), 0, 'the Korean orders table fits at 1440 px');
    await shot('orders-ko');
    await ordersShot('orders-table-ko');
    await page.selectOption('[data-control="language"]', 'en');
    strictEqual(await orders.locator('th').nth(4).textContent(), 'Fee, ₩');
    strictEqual(await exit.locator('[data-col="side"]').textContent(), 'sell');
    strictEqual(await overflow(), 0, 'the English orders table fits at 1440 px');
    await shot('orders-en');
    await ordersShot('orders-table-en');
    await page.setViewportSize({ width: 390, height: 844 });
    strictEqual(await overflow(), 0, 'the English orders table fits on a phone');
    await ordersShot('orders-table-en-phone');
    await page.selectOption('[data-control="language"]', 'ko');
    strictEqual(await overflow(), 0, 'the Korean orders table fits on a phone');
    await ordersShot('orders-table-ko-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click('[data-tab="active"]');
  });

  it('shows a viewer the same page without controls', async () => {
    const viewer = harness.client('viewer');
    // the on-call view: a phone
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 390, height: 844 },
    });
    await context.addCookies([
      { name: SESSION_COOKIE, value: viewer.cookie!, url: harness.gateway.url },
    ]);
    const other = await context.newPage();
    await other.goto(harness.gateway.url);
    await other.click('[data-position-id="web-a"]');
    await other.locator('[data-detail="market"]').waitFor();
    strictEqual(await other.locator('[data-verb]').count(), 0);
    await other.screenshot({ path: `${ARTIFACTS}viewer-phone-en.png`, fullPage: true });
    strictEqual(
      await other.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
      ),
      'en',
    );
    await context.close();
  });

  it('switches to English (every label, <html lang>) and to Western colours', async () => {
    await page.selectOption('[data-control="language"]', 'en');
    strictEqual(
      await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
      ),
      'en',
    );
    strictEqual(await stat('available').textContent(), '₩500,000');
    strictEqual(await stat('trading').textContent(), 'Halted');
    // 8- and 9-digit KRW figures fit their panels at 1440 px, exact, in both languages
    const publishAccount = (totals: typeof balances.totals) =>
      engine.publish(
        subjects.accountState(),
        decodeOrThrow(AccountState, {
          id: `AccountState-web-${totals.availableKrw}`,
          type: 'AccountState',
          occurredAt: new Date().toISOString(),
          causationId: null,
          correlationId: 'AccountState-web',
          data: { ...balances, totals },
        }),
      );
    await publishAccount({ ...balances.totals, availableKrw: '9999929', lockedKrw: '123456789' });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector('[data-stat="locked"] .value')
          ?.textContent === '₩123,456,789',
    );
    strictEqual(await stat('available').textContent(), '₩9,999,929');
    strictEqual(await stat('available').getAttribute('title'), '₩9,999,929');
    const overflowing = () =>
      page
        .locator('[data-stat] .value')
        .evaluateAll((els: ElementLike[]) =>
          els
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => `${el.textContent ?? ''} ${el.scrollWidth}/${el.clientWidth}`),
        );
    await shot('summary-large-en');
    strictEqual((await overflowing()).join(' | '), '', 'no stat value overflows (en)');
    await page.selectOption('[data-control="language"]', 'ko');
    await stat('available').filter({ hasText: '9,999,929원' }).waitFor();
    await shot('summary-large-ko');
    strictEqual((await overflowing()).join(' | '), '', 'no stat value overflows (ko)');
    await publishAccount(balances.totals);
    await stat('available').filter({ hasText: '500,000원' }).waitFor();
    await page.selectOption('[data-control="language"]', 'en');
    const text = await page.locator('body').innerText();
    ok(
      !/\b(app|live|summary|state|table|status|detail|receipt|commands)\.[a-zA-Z]/.test(text),
      text,
    );
    await page.selectOption('[data-control="colours"]', 'western');
    ok(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.documentElement.classList.contains(
          'western',
        ),
      ),
    );
    await shot('dashboard-en-western');
    await page.selectOption('[data-control="colours"]', 'korean');
    await page.selectOption('[data-control="language"]', 'ko');
  });

  it('lets the operator hide a column, and keeps the choice after a reload', async () => {
    await page.click('.column-choice summary');
    await page.uncheck('[data-column-toggle="strategy"]');
    strictEqual(await page.locator('[data-col="strategy"]').count(), 0);
    await page.reload();
    await page.locator('[data-position-id="web-a"]').waitFor();
    strictEqual(await page.locator('[role="columnheader"][data-col="strategy"]').count(), 0);
    strictEqual(await page.locator('[role="columnheader"][data-col="pnl"]').count(), 1);
    await page.click('.column-choice summary');
    await page.check('[data-column-toggle="strategy"]');
    strictEqual(await page.locator('[role="columnheader"][data-col="strategy"]').count(), 1);
    await page.click('.column-choice summary');
  });

  it('keeps only the visible rows in the DOM with 1,000 positions, and scrolls to the last', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < ids.length; i += 100)
      await Promise.all(
        ids.slice(i, i + 100).map((id) => publishState(engine, positionStateSample(id, 1))),
      );
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector('[data-tab="active"]')
          ?.textContent === '보유 (1001)',
      undefined,
      { timeout: 30_000 },
    );
    const inDom = await page.locator('[data-position-id]').count();
    ok(inDom > 10 && inDom < 60, `${String(inDom)} row nodes for 1,001 rows`);
    await page.locator('.table-scroll').evaluate((el: ElementLike) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelector(
          '[data-position-id="bulk-0999"]',
        ) !== null,
    );
    strictEqual(
      await page.locator('[data-position-id="web-a"]').count(),
      0,
      'the top row left the DOM',
    );
    ok((await page.locator('[data-position-id]').count()) < 60);
    await shot('thousand-rows-ko');
    // arrow keys move between rows (scrolled into view), Home and End to the first and last
    const focusedRow = (id: string) => page.locator(`[data-position-id="${id}"]:focus`).waitFor();
    await page.locator('[data-position-id="bulk-0999"]').focus();
    await page.keyboard.press('ArrowUp');
    await focusedRow('bulk-0998');
    await page.keyboard.press('ArrowDown');
    await focusedRow('bulk-0999');
    await page.keyboard.press('Home');
    await focusedRow('web-a');
    ok(await page.locator('[data-position-id="web-a"]').isVisible(), 'the first row in view');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('[data-detail="market"]').waitFor();
    strictEqual(await page.locator('[aria-selected="true"][data-position-id]').count(), 1);
  });

  it('sends the page to the login page when its session ends', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    ok(cookie, 'the page has a session cookie');
    harness.gateway.context.sessions.close(cookie.value);
    await sockets.at(-1)!.close({ code: 1012, reason: 'test cut' });
    await page.waitForURL((url) => url.pathname === '/login');
  });
});

function decodeOrThrow<A>(codec: t.Type<A, unknown, unknown>, wire: unknown): A {
  const r = decodeWith(codec, wire);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}
