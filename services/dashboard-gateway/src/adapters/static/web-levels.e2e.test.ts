import { ok, strictEqual } from 'node:assert/strict';
import type { Bus } from '@hoga/bus';
import { PositionState, wrap } from '@hoga/contracts';
import { dec, DEFAULT_FEE_RATE, type Market, type PositionId } from '@hoga/model';
import { positionStateData, type StrategySpec } from '@hoga/position';
import type { Browser, Page } from 'playwright-core';
import { HEALTHY_REPLIES, serveFakeOps } from '../../testing/fake-engine-ops.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { engineBus, publishState } from '../../testing/live-samples.js';
import { PositionScript } from '../../testing/position-script.js';
import { ARTIFACTS, launchChromium, logIn, openPage } from '../../testing/browser-kit.js';
import { WEB_BUILD_DIR } from './static.module.js';

/** TP 3 %, SL 4.5 %, trailing 2 % armed at +1 %, 90 minutes at most. */
const EXIT: StrategySpec['exit'] = {
  takeProfitPct: dec(3),
  stopLossPct: dec('4.5'),
  trailingStopPct: dec(2),
  trailingActivationPct: dec(1),
  maxHoldMinutes: 90,
};
/** The story starts 20 minutes ago (the candles the fake market-feed answers cover it). */
const T = Math.floor(Date.now() / 60_000) * 60_000 - 20 * 60_000;

/** The state position-actor publishes for a script's position (its watch's levels and peak). */
function published(s: PositionScript): PositionState {
  const w = s.live.watch;
  const data = positionStateData(
    s.live.snapshot,
    { lastPrice: w.last, peakPrice: w.peak, levels: w.levels },
    DEFAULT_FEE_RATE,
  );
  return wrap('PositionState', data, {
    id: `${s.positionId}:state:${String(data.version)}:${String(s.nowMs)}`,
    occurredAt: new Date().toISOString(),
    causationId: null,
    correlationId: s.positionId,
  });
}
const wire = (s: PositionScript) => (PositionState.encode(published(s)) as { data: unknown }).data;

/** The chart's own state as the page mirrors it in `data-chart-*` (lightweight-charts draws on canvas). */
const LINES = '[data-chart="KRW-XRP"][data-chart-state="ready"]';
interface Globals {
  document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
}

describe('the web dashboard: entry time, exit levels and the price chart (Chromium, real gateway)', function () {
  this.timeout(120_000);
  const harness = new GatewayHarness('web_levels', { staticDir: WEB_BUILD_DIR });
  // an XRP position entered at 12,345 KRW (10 KRW ticks), its peak 12,650: trailing at 12,390
  const xrp = new PositionScript('wl-xrp' as PositionId, 'KRW-XRP' as Market, T)
    .open(200_000, 12_345, EXIT)
    .fill('entry', '16', '12345')
    .tick('12500')
    .tick('12650');
  // a BTC position that closed on its take-profit
  const btc = new PositionScript('wl-btc' as PositionId, undefined, T).roundTrip();
  let engine: Bus;
  let fakes: Awaited<ReturnType<typeof serveFakeOps>>;
  let browser: Browser;
  let page: Page;
  harness.beforeGateway = async (h) => {
    engine = await engineBus(h);
    fakes = await serveFakeOps(engine, {
      ...HEALTHY_REPLIES,
      'position-actor.list': { ok: true, positions: [wire(xrp)] },
      'market-feed.history': (data: unknown) => ({
        ok: true,
        market: (data as { market: string }).market,
        interval: '1m',
        candles: Array.from({ length: 25 }, (_, i) => {
          const base = 12_300 + (i % 7) * 60;
          return {
            market: (data as { market: string }).market,
            interval: '1m',
            openTime: new Date(T - 3 * 60_000 + i * 60_000).toISOString(),
            open: String(base),
            high: String(base + 120),
            low: String(base - 40),
            close: String(i % 2 === 0 ? base + 90 : base - 20),
            volume: '1000',
            turnoverKrw: '12345000',
            closed: true,
          };
        }),
      }),
    });
  };

  before(async function () {
    browser = await launchChromium(this);
    await harness.start();
    await xrp.appendTo(harness.store);
    await btc.appendTo(harness.store);
    await publishState(engine, published(btc));
    page = await openPage(browser, { width: 1440, height: 1000 }, 15_000);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.log(`    [console] ${m.text()}`);
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await shot(`levels-failed-${String(this.currentTest.title.length)}`);
  });
  after(async () => {
    await browser?.close();
    await fakes?.stop();
    await engine?.close();
    await harness.stop();
  });

  /** The whole page, and the position panel alone (its chart at full size). */
  const shot = async (name: string) => {
    await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
    await page
      .locator('section.detail:has([data-detail="market"])')
      .screenshot({ path: `${ARTIFACTS}${name}-panel.png` });
  };
  const cell = (positionId: string, col: string) =>
    page.locator(`[data-position-id="${positionId}"] [data-col="${col}"]`);
  /** Waits until the chart's mirrored attribute `name` satisfies `test` (source sent to the page). */
  const chartAttr = async (name: string, includes: string) => {
    await page.waitForFunction(
      ([selector, attr, part]) =>
        (
          (globalThis as unknown as Globals).document
            .querySelector(selector!)
            ?.getAttribute(attr!) ?? ''
        ).includes(part!),
      [LINES, name, includes],
    );
    return (await page.locator(LINES).getAttribute(name)) ?? '';
  };

  /**
   * The lines' names as drawn (`data-chart-labels`: `kind:x,y,width,height` in the pane): one per
   * `kinds`, no two overlapping, each inside the pane — none on the price scale, whose own
   * prices they covered (the lines draw no label there).
   */
  const labelsApart = async (kinds: readonly string[]) => {
    const text = await chartAttr('data-chart-labels', kinds.at(-1)!);
    const boxes = text.split(' ').map((b) => {
      const [kind, rest] = b.split(':');
      const [x, y, width, height] = (rest ?? '').split(',').map(Number);
      return { kind, x: x!, y: y!, width: width!, height: height! };
    });
    strictEqual(
      boxes
        .map((b) => b.kind)
        .sort()
        .join(' '),
      [...kinds].sort().join(' '),
      text,
    );
    // the pane: the first cell of lightweight-charts' layout table; the price scale is the next
    const pane = await page
      .locator(`${LINES} .chart-box table tr td:nth-child(2)`)
      .first()
      .boundingBox();
    const scale = await page
      .locator(`${LINES} .chart-box table tr td:nth-child(3)`)
      .first()
      .boundingBox();
    ok(pane && scale && scale.x >= pane.x + pane.width - 1, 'the price scale right of the pane');
    for (const b of boxes) {
      ok(b.x >= 0 && b.x + b.width <= pane.width, `${String(b.kind)} inside the pane: ${text}`);
      ok(b.y >= 0 && b.y + b.height <= pane.height, `${String(b.kind)} inside the pane: ${text}`);
    }
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b)
          ok(
            a.y + a.height <= b.y || b.y + b.height <= a.y,
            `${String(a.kind)} / ${String(b.kind)}: ${text}`,
          );
  };

  it('shows entry time, peak, take-profit, stop-loss and trailing stop as sortable, choosable columns', async () => {
    await logIn(page, harness, 'levels-test');
    await page.locator('[data-position-id="wl-xrp"]').waitFor();
    // not in the default columns (they fit a 1,440 px screen): shown through the column chooser
    await page.locator('details.column-choice summary').click();
    for (const col of [
      'enteredAt',
      'peak',
      'takeProfit',
      'stopLoss',
      'trailingStop',
      'exitReason',
    ]) {
      strictEqual(await page.locator(`[role="columnheader"][data-col="${col}"]`).count(), 0, col);
      await page.check(`[data-column-toggle="${col}"]`);
      strictEqual(await page.locator(`[role="columnheader"][data-col="${col}"]`).count(), 1, col);
    }
    await page.locator('details.column-choice summary').click();
    strictEqual(await cell('wl-xrp', 'peak').textContent(), '12,650원');
    // 12,345 x 1.03 = 12,715.35 → 12,720; x 0.955 = 11,789.475 → 11,780; 12,650 x 0.98 = 12,397 → 12,390
    strictEqual(await cell('wl-xrp', 'takeProfit').textContent(), '12,720원');
    strictEqual(await cell('wl-xrp', 'stopLoss').textContent(), '11,780원');
    strictEqual(await cell('wl-xrp', 'trailingStop').textContent(), '12,390원');
    // KST by default, UTC switchable (Korean clock: 12-hour, two digits)
    const activated = new Date(xrp.live.snapshot.context.activation!.at);
    const clock = (hour: number) =>
      `${String(((hour + 11) % 12) + 1).padStart(2, '0')}:${activated.toISOString().slice(14, 19)}`;
    const utcHour = activated.getUTCHours();
    const entered = (await cell('wl-xrp', 'enteredAt').textContent()) ?? '';
    ok(entered.endsWith(`${clock((utcHour + 9) % 24)} KST`), entered);
    await page.selectOption('[data-control="time-zone"]', 'UTC');
    const utc = (await cell('wl-xrp', 'enteredAt').textContent()) ?? '';
    ok(utc.endsWith(`${clock(utcHour)} UTC`), utc);
    await page.selectOption('[data-control="time-zone"]', 'Asia/Seoul');
    // the closed one: its exit reason in words; sorting by take-profit puts BTC's first (desc)
    await page.click('[data-tab="all"]');
    // each tab keeps its own columns: "all" shows its defaults until they are chosen there
    strictEqual(await page.locator('[role="columnheader"][data-col="takeProfit"]').count(), 0);
    await page.locator('details.column-choice summary').click();
    await page.check('[data-column-toggle="takeProfit"]');
    await page.check('[data-column-toggle="exitReason"]');
    await page.locator('details.column-choice summary').click();
    strictEqual(await cell('wl-btc', 'exitReason').textContent(), '익절');
    await page.click('[role="columnheader"][data-col="takeProfit"]');
    strictEqual(
      await page.locator('[data-position-id]').first().getAttribute('data-position-id'),
      'wl-btc',
    );
    await page.click('[role="columnheader"][data-col="takeProfit"]');
    strictEqual(
      await page.locator('[data-position-id]').first().getAttribute('data-position-id'),
      'wl-xrp',
    );
    await page.locator('section:has(.table-scroll)').screenshot({
      path: `${ARTIFACTS}levels-table-ko.png`,
    });
    await page.click('[data-tab="active"]');
  });

  it('draws the exit levels as lines and a marker per fill, the trailing line following the peak', async () => {
    await page.click('[data-position-id="wl-xrp"]');
    await page.locator(LINES).waitFor();
    const lines = await chartAttr('data-chart-lines', 'trailing=');
    for (const part of ['entry=12345', 'take-profit=12720', 'stop-loss=11780', 'trailing=12390'])
      ok(lines.includes(part), `${part} in ${lines}`);
    // Korean colours: up red, down blue; the entry fill's marker in the up colour, at its price
    strictEqual(await page.locator(LINES).getAttribute('data-chart-colours'), '#f2495c #5794f2');
    const markers = await chartAttr('data-chart-markers', 'entry-');
    ok(/entry-\d+@12345:#f2495c/.test(markers), markers);
    strictEqual(markers.split(' ').length, 1, markers);
    strictEqual(await page.locator('[data-line="trailing"]').textContent(), '트레일링 12,390원');
    // the entry line is the exact average (12,345), not snapped to the 10-won grid (12,350)
    strictEqual(await page.locator('[data-line="entry"]').textContent(), '진입 12,345원');
    strictEqual(await page.locator('[data-level="stopLoss"]').textContent(), '11,780원');
    // a new peak below the take-profit: 12,700 x 0.98 = 12,446 → 12,440, on the chart and in the table
    xrp.tick('12700');
    await publishState(engine, published(xrp));
    await chartAttr('data-chart-lines', 'trailing=12440');
    await cell('wl-xrp', 'trailingStop').filter({ hasText: '12,440원' }).waitFor();
    await labelsApart(['entry', 'take-profit', 'stop-loss', 'trailing']);
    await shot('levels-chart-ko');
  });

  it('keeps stop-loss and trailing lines for a paused position and says pause keeps them armed', async () => {
    xrp.command('pause');
    await publishState(engine, published(xrp));
    await page.locator('[data-detail="paused"]').waitFor();
    const note = (await page.locator('[data-detail="paused-note"]').textContent()) ?? '';
    ok(note.includes('손절') && note.includes('트레일링') && note.includes('계속 작동'), note);
    const lines = await chartAttr('data-chart-lines', 'stop-loss=');
    ok(lines.includes('stop-loss=11780') && lines.includes('trailing=12440'), lines);
    strictEqual(
      await page.locator('[data-line="take-profit"]').textContent(),
      '익절 12,720원 (일시정지 중 보류)',
    );
    await labelsApart(['entry', 'take-profit', 'stop-loss', 'trailing']);
    await shot('levels-paused-ko');
  });

  it('follows the colour switch and marks the exit fill live; in English too', async () => {
    await page.selectOption('[data-control="colours"]', 'western');
    await chartAttr('data-chart-colours', '#73bf69 #f2495c');
    ok(/entry-\d+@12345:#73bf69/.test(await chartAttr('data-chart-markers', '#73bf69')));
    // the trailing stop fires while paused (protective exits stay armed); the exit fill is marked
    const before = xrp.events.length;
    xrp.tick('12440');
    ok(
      xrp.events.slice(before).some((e) => e.type === 'ExitTriggered'),
      'the engine fired at the trailing line',
    );
    xrp.fill('exit', '16', '12440');
    await xrp.appendTo(harness.store);
    const markers = await chartAttr('data-chart-markers', 'exit-');
    ok(/exit-\d+@12440:#f2495c/.test(markers), markers);
    await page.selectOption('[data-control="language"]', 'en');
    await page
      .locator('[data-line="take-profit"]')
      .filter({ hasText: 'TP ₩12,720 (suspended while paused)' })
      .waitFor();
    strictEqual(await cell('wl-xrp', 'stopLoss').textContent(), '₩11,780');
    ok(
      ((await page.locator('[data-detail="paused-note"]').textContent()) ?? '').includes(
        'stay armed',
      ),
    );
    await shot('levels-chart-en-western');
    await page.click('[data-tab="all"]');
    await page.locator('section:has(.table-scroll)').screenshot({
      path: `${ARTIFACTS}levels-table-en.png`,
    });
    await page.click('[data-tab="active"]');
    await page.selectOption('[data-control="colours"]', 'korean');
    await page.selectOption('[data-control="language"]', 'ko');
  });
});
