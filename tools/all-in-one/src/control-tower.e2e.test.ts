import { deepEqual, equal, ok } from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventStreams } from '@hoga/contracts';
import { PostgresEventStore, type RecordedEvent } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { Decimal } from '@hoga/model/decimal';
import {
  arrowOf,
  directionOf,
  formatAveragePrice,
  formatKrw,
  formatKrwChange,
  formatPercent,
  formatPrice,
} from '@hoga/model/krw-format';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import {
  accessKeyOf,
  emulatorAdmin,
  hogaJson,
  runEngine,
  type EngineProcess,
} from './testing/engine-process.js';

/**
 * The control tower against a real engine: `node dist/main.js` (what `npm start` runs) on a
 * fresh home, every port chosen by the system (`HOGA_PORTS=any`), its embedded PostgreSQL and
 * nats-server, the Upbit emulator and the demo strategies; the page in Debian's Chromium. The
 * figures it shows are checked against what `hoga` (tools/cli) and the emulator say, the
 * commands against the engine's event store.
 */

/** The little of the page's DOM the tests read (this package's tsconfig has no DOM types). */
interface ElementLike {
  readonly textContent: string | null;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): ElementLike | null;
    documentElement: { lang: string; classList: { contains(c: string): boolean } };
  };
  getComputedStyle(el: ElementLike): { color: string };
}

const WEB_DIR = fileURLToPath(new URL('../../../services/dashboard-gateway/web/', import.meta.url));
/** Screenshots for people to look at (gitignored), beside the gateway's browser test's. */
const ARTIFACTS = join(WEB_DIR, 'test-artifacts');

/** Debian's chromium (`.ci/run` installs it); never a browser downloaded by playwright. */
function chromiumPath(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A position as `hoga positions --json` lists it. */
interface PositionView {
  readonly positionId: string;
  readonly strategyId: string;
  readonly market: string;
  readonly status: string;
  readonly paused: boolean;
  readonly volume: string;
  readonly avgEntryPrice: string | null;
  readonly peakPrice: string | null;
  readonly lastPrice: string | null;
  readonly unrealizedPnlKrw: string;
  readonly realizedPnlKrw: string;
  readonly exitReason: string | null;
}
/** What `hoga risk status --json` answers (the parts read here). */
interface RiskStatus {
  readonly risk: {
    readonly state: string;
    readonly reason: string;
    readonly evaluation: {
      readonly realizedPnlSinceArming: string;
      readonly lossKrw: string;
      readonly limitKrw: string;
    } | null;
    readonly unrealizedPnlKrw: string;
    readonly exposureKrw: string;
    readonly holdingPositions: number;
  };
  readonly equityKrw: string;
  readonly lastTransitions: readonly {
    from: string;
    to: string;
    by: string;
    reason: string;
  }[];
}
interface Balance {
  readonly currency: string;
  readonly balance: string;
  readonly locked: string;
  readonly avgBuyPrice: string;
}

const DEMO = 'demo-immediate-btc';
const d = (v: string | null | undefined) => new Decimal(v ?? '0');
/** A KRW change as the page prints it: arrow, sign, whole won. */
const change = (v: Decimal, lang: 'ko' | 'en' = 'ko') => {
  const arrow = arrowOf(directionOf(v));
  return `${arrow}${arrow ? ' ' : ''}${formatKrwChange(v, lang)}`;
};
const percent = (v: Decimal) => {
  const arrow = arrowOf(directionOf(v, 2));
  return `${arrow}${arrow ? ' ' : ''}${formatPercent(v, true)}`;
};

/** Polls `probe` until it returns a value, or throws naming `what` after `ms`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000) {
  const deadline = Date.now() + ms;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = `: ${error instanceof Error ? error.message : JSON.stringify(error)}`;
    }
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the control tower in Chromium on a real engine (all-in-one, emulator)', function () {
  this.timeout(120_000);
  let root: string;
  let engine: EngineProcess;
  let runtime: {
    natsUrl: string;
    databaseUrl: string;
    dashboardUrl: string;
    emulator: { url: string };
  };
  let accessKey: string;
  let store: PostgresEventStore;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  /** The page's live frames of the `timeline` channel, as its socket received them. */
  const timelineFrames: { at: number; text: string }[] = [];
  /** The emulator's markets and the price each trades at (its random walk is paused). */
  const prices = new Map<string, string>();
  let ticker: NodeJS.Timeout | undefined;
  let demoId: string;
  let demo: PositionView;

  const hoga = <T>(...args: string[]) => hogaJson(runtime.natsUrl)<T>(...args);
  const positions = async () => (await hoga<{ positions: PositionView[] }>('positions')).positions;
  const balances = () => emulatorAdmin<Balance[]>(runtime.emulator.url, `accounts/${accessKey}`);
  const balanceOf = (all: readonly Balance[], currency: string) =>
    all.find((b) => b.currency === currency);
  const trade = (market: string, price: string) =>
    emulatorAdmin(runtime.emulator.url, `markets/${market}/price`, {
      method: 'PUT',
      body: JSON.stringify({ price }),
    });
  const shot = (name: string, target: Page | Locator = page) =>
    target.screenshot({
      path: join(ARTIFACTS, `engine-${name}.png`),
      ...(target === page ? { fullPage: true } : {}),
    });
  const stat = (id: string) => page.locator(`[data-stat="${id}"] .value`);
  /** Switches the page's language; a price chart on the page is drawn again (waited for). */
  async function language(lang: 'ko' | 'en') {
    await page.selectOption('[data-control="language"]', lang);
    await page.waitForFunction(
      (l) => (globalThis as unknown as PageGlobals).document.documentElement.lang === l,
      lang,
    );
    if ((await page.locator('[data-chart]').count()) > 0)
      await page.locator('[data-chart][data-chart-state="ready"]').waitFor();
  }
  const cell = (col: string) => page.locator(`[data-position-id="${demoId}"] [data-col="${col}"]`);
  /** Waits until every locator shows its text; else fails with what the page shows. */
  async function pageShows(expected: Record<string, [Locator, string]>, ms = 15_000) {
    const read = async () => {
      const seen: Record<string, string | null> = {};
      for (const [name, [locator]] of Object.entries(expected))
        seen[name] = (await locator.count()) > 0 ? await locator.first().textContent() : null;
      return seen;
    };
    const want = Object.fromEntries(Object.entries(expected).map(([k, [, v]]) => [k, v]));
    const deadline = Date.now() + ms;
    let seen = await read();
    while (JSON.stringify(seen) !== JSON.stringify(want) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      seen = await read();
    }
    deepEqual(seen, want);
  }

  before(async function () {
    const executablePath = chromiumPath();
    if (executablePath === undefined) {
      if (process.env['CI'] !== undefined)
        throw new Error('chromium is not installed: .ci/run installs it with apt-get');
      console.log('    [skip] no chromium on this machine: apt-get install -y chromium');
      this.skip();
    }
    const built = spawnSync(process.execPath, [join(WEB_DIR, 'build-if-needed.mjs')], {
      stdio: 'inherit',
    });
    equal(built.status, 0, 'the web app builds');
    mkdirSync(ARTIFACTS, { recursive: true });
    // Running as root, PostgreSQL runs as `postgres`, which must reach <home>/pg.
    root = mkdtempSync(join(tmpdir(), 'hoga-control-tower-'));
    chmodSync(root, 0o755);
    const home = join(root, 'home');
    engine = runEngine(home);
    await engine.until('engine started', (o) => o.includes('engine started'), 90_000);
    runtime = JSON.parse(readFileSync(join(home, 'runtime.json'), 'utf8')) as typeof runtime;
    accessKey = accessKeyOf(home);
    // a quiet market: the random walk stops, the test trades each market at a price it sets
    // (every second, so the feeds stay fresh and the figures are known)
    await emulatorAdmin(runtime.emulator.url, 'pause', { method: 'POST' });
    const state = await emulatorAdmin<{ markets: { market: string; price: string }[] }>(
      runtime.emulator.url,
      'state',
    );
    for (const m of state.markets) prices.set(m.market, m.price);
    ticker = setInterval(() => {
      for (const [market, price] of prices) void trade(market, price).catch(() => undefined);
    }, 1000);
    store = new PostgresEventStore({ connectionString: runtime.databaseUrl, max: 2 });
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"ch":"timeline"'))
          timelineFrames.push({ at: Date.now(), text: frame.payload });
      }),
    );
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  after(async () => {
    clearInterval(ticker);
    await browser?.close();
    await store?.close();
    if (engine && engine.child.exitCode === null && engine.child.signalCode === null)
      await engine.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('opens logged in through the link the engine printed', async () => {
    const link = /login +(http:\/\/\S+\/login\?code=[0-9a-f]+)/.exec(engine.output())?.[1];
    ok(
      link !== undefined && link.startsWith(runtime.dashboardUrl),
      `a login link on the dashboard:\n${engine.output()}`,
    );
    await page.goto(link);
    equal(new URL(page.url()).pathname, '/');
    await page.locator('[data-risk-verb="halt"]').waitFor();
    equal(
      await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
      ),
      'ko',
    );
    equal(await page.locator('main').getAttribute('data-stale'), 'false');
  });

  it('shows the active demo position with the figures of the store and the exchange', async () => {
    demo = await until(
      'the demo position active',
      async () => (await positions()).find((p) => p.strategyId === DEMO && p.status === 'active'),
      60_000,
    );
    demoId = demo.positionId;
    // the market 0.5 % above the entry (the demo leaves at +1 % / -2 %), on the tick grid
    const entry = d(demo.avgEntryPrice);
    const price = entry.mul('1.005').div(1000).floor().mul(1000).toFixed(0);
    prices.set('KRW-BTC', price);
    await trade('KRW-BTC', price);
    demo = await until(`the demo's last price ${price}`, async () =>
      (await positions()).find((p) => p.positionId === demoId && p.lastPrice === price),
    );
    // the coins on the exchange are the BTC positions' volumes (the other BTC demo waits for
    // its RSI dip: it holds nothing unless it entered in the second before the pause)
    const held = balanceOf(await balances(), 'BTC');
    const holders = (await positions()).filter(
      (p) => p.market === 'KRW-BTC' && p.status !== 'closed' && !d(p.volume).isZero(),
    );
    equal(
      d(held?.balance).add(d(held?.locked)).toFixed(),
      holders.reduce((sum, p) => sum.add(d(p.volume)), new Decimal(0)).toFixed(),
      'the positions hold the coins',
    );
    if (holders.length === 1)
      equal(d(held?.avgBuyPrice).toFixed(), entry.toFixed(), "entry = the exchange's average");
    const volume = d(demo.volume);
    const principal = volume.mul(entry);
    const unrealized = d(demo.unrealizedPnlKrw);
    ok(unrealized.isPositive(), demo.unrealizedPnlKrw);
    await page.locator(`[data-position-id="${demoId}"]`).waitFor();
    await pageShows({
      market: [cell('market'), 'KRW-BTC'],
      strategy: [cell('strategy'), DEMO],
      status: [cell('status'), '보유'],
      last: [cell('last'), formatPrice(d(price), 'ko')],
      principal: [cell('principal'), formatKrw(principal, 'ko')],
      valuation: [cell('valuation'), formatKrw(volume.mul(price), 'ko')],
      pnl: [cell('pnl'), change(unrealized)],
      pnlPct: [cell('pnlPct'), percent(unrealized.div(principal).mul(100))],
    });
    ok((await cell('pnl').getAttribute('class'))?.includes('up'), 'a gain is "up"');
    // the entry price is not in the default columns (they fit 1,440 px): the chooser shows it
    equal(await cell('entry').count(), 0);
    const chooser = page.locator('details.column-choice summary');
    await chooser.click();
    await page.check('[data-column-toggle="entry"]');
    await pageShows({ entry: [cell('entry'), formatAveragePrice(entry, 'ko')] });
    await page.uncheck('[data-column-toggle="entry"]');
    await chooser.click();
    await page.click(`[data-position-id="${demoId}"]`);
    await page.locator('[data-detail="market"]').filter({ hasText: 'KRW-BTC' }).waitFor();
    await page.locator('[data-chart="KRW-BTC"][data-chart-state="ready"]').waitFor();
  });

  it("shows the account as `hoga risk status` and the emulator's balances say, to the won", async () => {
    // risk-guard has valued the coins at the price set (equity = KRW + BTC at that price)
    const status = await until('risk-guard at the set price', async () => {
      const s = await hoga<RiskStatus>('risk', 'status');
      const all = await balances();
      const krw = balanceOf(all, 'KRW')!;
      let equity = d(krw.balance).add(d(krw.locked));
      for (const b of all)
        if (b.currency !== 'KRW')
          equity = equity.add(
            d(b.balance)
              .add(d(b.locked))
              .mul(d(prices.get(`KRW-${b.currency}`))),
          );
      return d(s.equityKrw).eq(equity) ? { s, krw, equity } : undefined;
    });
    const { s, krw, equity } = status;
    const evaluation = s.risk.evaluation!;
    ok(evaluation, 'the loss limit is armed (10 % from config)');
    await pageShows({
      total: [stat('total'), formatKrw(d(s.equityKrw), 'ko')],
      available: [stat('available'), formatKrw(d(krw.balance), 'ko')],
      locked: [stat('locked'), formatKrw(d(krw.locked), 'ko')],
      unrealized: [stat('unrealized'), change(d(s.risk.unrealizedPnlKrw))],
      exposure: [stat('exposure'), formatKrw(d(s.risk.exposureKrw), 'ko')],
      exposureSub: [
        page.locator('[data-stat="exposure"] .sub'),
        `보유 포지션 ${String(s.risk.holdingPositions)}개`,
      ],
      lossLimit: [
        page.locator('[data-stat="loss-limit"] .sub'),
        `손실 ${formatKrw(d(evaluation.lossKrw), 'ko')} / 한도 ${formatKrw(d(evaluation.limitKrw), 'ko')}`,
      ],
      trading: [stat('trading'), '정상 거래'],
      reason: [page.locator('[data-stat="trading"] .sub'), s.risk.reason],
      heartbeat: [stat('heartbeat'), '4/4'],
    });
    equal(formatKrw(equity, 'ko'), await stat('total').textContent(), 'total = the exchange');
    await shot('dashboard-ko');
    // every panel, in both languages
    const panels: Record<string, string> = {
      summary: 'section.stats',
      positions: 'section.panel:has([data-tab])',
      trading: 'section.panel:has([data-risk-verb])',
      position: 'section.panel:has([data-detail="market"])',
      run: 'section.run-strategy',
      timeline: 'section.timeline',
      logs: 'section.log-viewer',
    };
    for (const lang of ['ko', 'en'] as const) {
      await language(lang);
      for (const [name, selector] of Object.entries(panels))
        await shot(`${name}-${lang}`, page.locator(selector));
    }
    await pageShows({
      // English writes won as ₩ before the figure (the CLI's `… KRW`)
      available: [stat('available'), `₩${formatKrw(d(krw.balance), 'en').replace(/ KRW$/, '')}`],
      trading: [stat('trading'), 'Active'],
      status: [cell('status'), 'active'],
    });
    await shot('dashboard-en');
    await language('ko');
  });

  it('pauses and resumes the position from its panel (paused in the store, then not)', async () => {
    await page.click('[data-verb="pause"]');
    await page.fill('input[name="reason"]', 'control tower test: pause');
    await page.locator('[data-action="confirm"]').click();
    await page.locator('[data-detail="paused"]').waitFor();
    await pageShows({ status: [cell('status'), '보유 · 일시정지'] });
    ok((await positions()).find((p) => p.positionId === demoId)?.paused, 'paused in the store');
    await shot('paused-ko');
    await page.click('[data-verb="resume"]');
    await page.fill('input[name="reason"]', 'control tower test: resume');
    await page.locator('[data-action="confirm"]').click();
    await page.locator('[data-detail="paused"]').waitFor({ state: 'detached' });
    equal((await positions()).find((p) => p.positionId === demoId)?.paused, false);
    const types = (await store.readStream(eventStreams.position(demoId as PositionId))).map(
      (e) => e.type,
    );
    ok(
      types.indexOf('PositionPaused') >= 0 &&
        types.indexOf('PositionResumed') > types.indexOf('PositionPaused'),
      types.join(),
    );
  });

  it('closes the position from its panel: closed in the store, the coins sold, the realized PnL shown', async () => {
    await page.click('[data-verb="close"]');
    await page.fill('input[name="reason"]', 'control tower test: close');
    await page.fill('input[name="market"]', 'KRW-BTC');
    await page.locator('[data-action="confirm"]').click();
    const events = await until('PositionClosed in the store', async () => {
      const all = await store.readStream(eventStreams.position(demoId as PositionId));
      return all.some((e) => e.type === 'PositionClosed') ? all : undefined;
    });
    const closed = events.find((e) => e.type === 'PositionClosed')!;
    equal((closed.data as { reason: string }).reason, 'operator-close');
    // the timeline gets the exit as it is stored, on its live channel: no reload, no wait for
    // its next read (every 15 s). How long it took is printed, not asserted (a loaded machine)
    await page
      .locator(
        `.timeline [data-lane="exit"] [data-type="PositionClosed"][data-marker-position="${demoId}"]`,
      )
      .waitFor();
    const shownMs = Date.now() - closed.recordedAt.getTime();
    const frame = timelineFrames.find(
      (f) => f.text.includes(demoId) && f.text.includes('"type":"PositionClosed"'),
    );
    ok(frame, 'the exit came on the timeline channel');
    console.log(
      `    [timeline] the exit stored → on the page's socket ${String(frame.at - closed.recordedAt.getTime())} ms → drawn by ${String(shownMs)} ms (load ${loadavg()[0]!.toFixed(1)})`,
    );
    const view = await until('the demo closed', async () =>
      (await positions()).find((p) => p.positionId === demoId && p.status === 'closed'),
    );
    equal(view.exitReason, 'operator-close');
    const btc = balanceOf(await balances(), 'BTC');
    ok(btc === undefined || d(btc.balance).add(d(btc.locked)).isZero(), JSON.stringify(btc));
    await page.locator('[data-position-id="' + demoId + '"]').waitFor({ state: 'detached' });
    const realized = (await positions()).reduce(
      (sum, p) => sum.add(d(p.realizedPnlKrw)),
      new Decimal(0),
    );
    const s = await until('risk-guard counting the exit', async () => {
      const r = await hoga<RiskStatus>('risk', 'status');
      return d(r.risk.evaluation?.realizedPnlSinceArming).eq(realized) ? r : undefined;
    });
    const krw = balanceOf(await balances(), 'KRW')!;
    await pageShows({
      realized: [stat('realized'), change(realized)],
      available: [stat('available'), formatKrw(d(krw.balance), 'ko')],
      total: [stat('total'), formatKrw(d(s.equityKrw), 'ko')],
      exposure: [stat('exposure'), formatKrw(d(s.risk.exposureKrw), 'ko')],
    });
    await page.click('[data-tab="closed"]');
    // the closed tab's own default columns: its exit reason and what it earned; not what it no
    // longer holds (principal, valuation, unrealized PnL)
    await pageShows({
      status: [cell('status'), '청산 완료'],
      exitReason: [cell('exitReason'), '운영자 청산'],
      realizedCell: [cell('realized'), change(d(view.realizedPnlKrw))],
    });
    for (const col of ['principal', 'valuation', 'pnl'])
      equal(await cell(col).count(), 0, `no ${col} column on the closed tab`);
    // its principal at entry, from the history: the entry's funds and fees (investedKrw)
    const summary = await page.evaluate(
      (id) =>
        (globalThis as unknown as { fetch: typeof fetch })
          .fetch(`/api/positions/${id}`)
          .then((r) => r.json() as Promise<{ investedKrw: string }>),
      demoId,
    );
    ok(d(summary.investedKrw).gt(0), summary.investedKrw);
    await pageShows({
      principalAtEntry: [
        page.locator('[data-detail="principal-at-entry"]'),
        formatKrw(d(summary.investedKrw), 'ko'),
      ],
    });
    // the panel's orders table fits it, fee column included (the real engine's exact figures)
    const orders = page.locator(`[data-orders="${demoId}"] .orders-scroll`);
    await orders.locator('[data-col="fee"]').first().waitFor();
    equal(
      await orders.evaluate(
        (el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth,
      ),
      0,
      'the orders table needs no sideways scroll',
    );
    await shot('closed-ko');
    await shot('position-closed-ko', page.locator('section.panel:has([data-detail="market"])'));
  });

  it('halts and resumes trading with a reason (risk-guard says so, the banner shows it)', async () => {
    await page.click('[data-risk-verb="halt"]');
    await page.fill('[data-confirm="halt"] input[name="reason"]', 'control tower test: halt');
    await page.locator('[data-confirm="halt"] [data-action="confirm"]').click();
    await page.locator('[data-banner="halted"]').waitFor();
    equal(
      await page.locator('[data-banner="halted"]').textContent(),
      '⚠ 거래 중지 — control tower test: halt',
    );
    await pageShows({ trading: [stat('trading'), '거래 중지'] });
    const halted = await hoga<RiskStatus>('risk', 'status');
    equal(halted.risk.state, 'HALTED');
    equal(halted.risk.reason, 'control tower test: halt');
    await shot('halted-ko');
    await page.click('[data-risk-verb="resume"]');
    await page.fill('[data-confirm="resume"] input[name="reason"]', 'control tower test: resume');
    await page.locator('[data-confirm="resume"] [data-action="confirm"]').click();
    await page.locator('[data-banner="halted"]').waitFor({ state: 'detached' });
    await pageShows({ trading: [stat('trading'), '정상 거래'] });
    const resumed = await hoga<RiskStatus>('risk', 'status');
    equal(resumed.risk.state, 'ACTIVE');
    deepEqual(
      resumed.lastTransitions.slice(-2).map((t) => [t.from, t.to, t.reason]),
      [
        ['ACTIVE', 'HALTED', 'control tower test: halt'],
        ['HALTED', 'ACTIVE', 'control tower test: resume'],
      ],
    );
    ok(resumed.lastTransitions.slice(-2).every((t) => t.by.startsWith('dashboard:')));
  });

  it('shows a new log line of the engine within 2 s', async () => {
    const viewer = page.locator('.log-viewer');
    await viewer.locator('[data-log-state="live"]').waitFor();
    const logins = viewer.locator('[data-log-id]', { hasText: 'dashboard login' });
    const seen = await logins.evaluateAll((els) =>
      els.map((e) => (e as unknown as { dataset: { logId: string } }).dataset.logId),
    );
    // a second login (a fresh link from the CLI): the gateway logs it
    const { url } = await hoga<{ url: string }>('dashboard', 'url');
    const logged = Date.now();
    equal((await fetch(url, { redirect: 'manual' })).status, 303);
    await page.waitForFunction(
      (old) =>
        Array.from(
          (
            globalThis as unknown as {
              document: {
                querySelectorAll(
                  s: string,
                ): ArrayLike<ElementLike & { dataset: { logId: string } }>;
              };
            }
          ).document.querySelectorAll('.log-viewer [data-log-id]'),
        ).some(
          (e) =>
            e.textContent?.includes('dashboard login') === true && !old.includes(e.dataset.logId),
        ),
      seen,
      { timeout: 2_000 },
    );
    ok(Date.now() - logged < 2_000, `${String(Date.now() - logged)} ms`);
  });

  it("shows the demo's entry and exit on the timeline, and replays its events one by one", async () => {
    const timeline = page.locator('.timeline');
    const marker = (lane: string) =>
      timeline.locator(`[data-lane="${lane}"] [data-marker-position="${demoId}"]`);
    await marker('exit').first().waitFor();
    ok((await marker('entry').count()) > 0, 'the entry');
    ok(
      (await timeline
        .locator(
          `[data-lane="exit"] [data-type="PositionClosed"][data-marker-position="${demoId}"]`,
        )
        .count()) === 1,
    );
    const stored: RecordedEvent[] = await store.readStream(
      eventStreams.position(demoId as PositionId),
    );
    const replay = timeline.locator(`[data-replay="${demoId}"]`);
    await replay.locator('[data-scrubber]').waitFor();
    const step = replay.locator('[data-replay-step]');
    const n = String(stored.length);
    await pageShows({
      step: [step, `${n} / ${n}`],
      status: [replay.locator('[data-replay="status"]'), '청산 완료'],
    });
    await replay.locator('[data-scrubber]').focus();
    await page.keyboard.press('Home');
    equal(await step.textContent(), `1 / ${n}`);
    equal(await replay.locator('[data-replay="status"]').textContent(), '대기');
    for (let k = 1; k < stored.length; k += 1) {
      await page.keyboard.press('ArrowRight');
      equal(await step.textContent(), `${String(k + 1)} / ${n}`);
      const shown = (await replay.locator('[data-replay="event"]').textContent()) ?? '';
      ok(shown.includes(`v${String(stored[k]!.streamVersion)} · ${stored[k]!.type}`), shown);
      if (stored[k]!.type === 'PositionActivated') {
        equal(await replay.locator('[data-replay="status"]').textContent(), '보유');
        equal(
          await replay.locator('[data-replay="volume"]').textContent(),
          d(demo.volume).toFixed(),
        );
        equal(
          await replay.locator('[data-replay="principal"]').textContent(),
          formatKrw(d(demo.volume).mul(d(demo.avgEntryPrice)), 'ko'),
          'held: the principal at the entry price, as the table shows it',
        );
      }
    }
    equal(await replay.locator('[data-replay="status"]').textContent(), '청산 완료');
    // closed, it holds nothing: the principal at entry, as the panel shows it (the history's
    // investedKrw, the entry's funds and fees), not "—"
    const summary = await page.evaluate(
      (id) =>
        (globalThis as unknown as { fetch: typeof fetch })
          .fetch(`/api/positions/${id}`)
          .then((r) => r.json() as Promise<{ investedKrw: string }>),
      demoId,
    );
    ok(d(summary.investedKrw).gt(0), summary.investedKrw);
    equal(
      await replay.locator('[data-replay="principal"]').textContent(),
      formatKrw(d(summary.investedKrw), 'ko'),
    );
    await shot('timeline-ko', timeline);
  });

  it('switches the colour convention: a gain red (Korean), then green (Western)', async () => {
    const colour = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        const el = g.document.querySelector('[data-stat="realized"] .value.up');
        return el ? g.getComputedStyle(el).color : null;
      });
    const korean = await colour();
    ok(korean !== null, 'the realized gain is "up"');
    await page.selectOption('[data-control="colours"]', 'western');
    await page.waitForFunction(() =>
      (globalThis as unknown as PageGlobals).document.documentElement.classList.contains('western'),
    );
    const western = await colour();
    const rgb = (c: string | null) => (c?.match(/\d+/g) ?? []).map(Number);
    const [kr = 0, kg = 0] = rgb(korean);
    const [wr = 0, wg = 0] = rgb(western);
    ok(kr > kg, `Korean: up is red (${String(korean)})`);
    ok(wg > wr, `Western: up is green (${String(western)})`);
    await language('en');
    await shot('dashboard-en-western');
    await page.selectOption('[data-control="colours"]', 'korean');
    await language('ko');
  });

  it('shows a stopped engine as disconnected: the banner, the data greyed', async () => {
    deepEqual(consoleErrors, [], 'no error in the page while the engine ran');
    equal(await engine.stop(), 0, engine.output().slice(-5_000));
    await page.locator('[data-banner="reconnecting"]').waitFor({ timeout: 10_000 });
    equal(await page.locator('main').getAttribute('data-stale'), 'true');
    await shot('disconnected-ko');
  });
});
