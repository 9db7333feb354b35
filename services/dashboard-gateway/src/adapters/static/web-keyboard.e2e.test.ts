import { ok, strictEqual } from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Bus } from '@hoga/bus';
import { HEALTHY_REPLIES, serveFakeOps } from '../../testing/fake-engine-ops.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { engineBus, positionStateSample, positionWire } from '../../testing/live-samples.js';
import { ARTIFACTS, launchChromium, logIn, openPage } from '../../testing/browser-kit.js';
import { WEB_BUILD_DIR } from './static.module.js';

/** What the test reads of the focused element (the gateway's tsconfig has no DOM types). */
interface Focused {
  readonly what: string;
  readonly inDialog: boolean;
  readonly ring: boolean;
}
interface ElementLike {
  readonly tagName: string;
  readonly parentElement: ElementLike | null;
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
}
interface PageGlobals {
  document: { activeElement: ElementLike | null };
  getComputedStyle(el: ElementLike): { outlineStyle: string; outlineWidth: string };
}

const positionReply = (data: unknown) => ({
  ok: true,
  positionId: (data as { positionId: string }).positionId,
});

describe('the web dashboard by keyboard alone, in Chromium', function () {
  this.timeout(120_000);
  const harness = new GatewayHarness('web_keys', { staticDir: WEB_BUILD_DIR });
  let engine: Bus;
  let fakes: Awaited<ReturnType<typeof serveFakeOps>>;
  let browser: Browser;
  let page: Page;
  harness.beforeGateway = async (h) => {
    engine = await engineBus(h);
    fakes = await serveFakeOps(engine, {
      ...HEALTHY_REPLIES,
      'position-actor.list': {
        ok: true,
        positions: [positionWire(positionStateSample('key-a', 3))],
      },
      'position-actor.pause': positionReply,
      'position-actor.close': () => ({
        ok: false,
        error: { code: 'denied', message: 'key-a: the exit is already on its way' },
      }),
    });
  };

  before(async function () {
    browser = await launchChromium(this);
    await harness.start();
    page = await openPage(browser, { width: 1440, height: 900 }, 10_000);
    await logIn(page, harness, 'keys-test');
    await page.locator('[data-position-id="key-a"]').waitFor();
  });
  after(async () => {
    await browser?.close();
    await fakes?.stop();
    await engine?.close();
    await harness.stop();
  });

  /** The focused element as `tag[data-…=…]`, whether it is in a dialog, and its focus ring. */
  const focused = (): Promise<Focused> =>
    page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const el = g.document.activeElement;
      if (el === null) return { what: 'none', inDialog: false, ring: false };
      const attrs = [
        'data-control',
        'data-tab',
        'data-col',
        'data-position-id',
        'data-risk-verb',
        'data-verb',
        'data-action',
        'name',
      ];
      const named = attrs.find((a) => el.getAttribute(a) !== null);
      const role = el.getAttribute('role');
      const what = `${el.tagName.toLowerCase()}${role ? `(${role})` : ''}${
        named ? `[${named}=${el.getAttribute(named) ?? ''}]` : ''
      }`;
      const style = g.getComputedStyle(el);
      return {
        what,
        inDialog: el.closest('dialog[open]') !== null,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
      };
    });
  /** Presses Tab until `what` is focused; every stop on the way is returned. */
  const tabTo = async (what: string, max = 120): Promise<Focused[]> => {
    const stops: Focused[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      stops.push(f);
      if (f.what === what) return stops;
    }
    throw new Error(`${what} not reached by Tab: ${stops.map((s) => s.what).join(' → ')}`);
  };

  it('reaches every control by Tab in reading order, each with a visible focus ring', async () => {
    await page.locator('body').focus();
    const stops = await tabTo('button[data-risk-verb=halt]');
    const order = stops.map((s) => s.what);
    const at = (what: string) => {
      const i = order.findIndex((w) => w.startsWith(what));
      ok(i >= 0, `${what} is reachable: ${order.join(' → ')}`);
      return i;
    };
    const sequence = [
      'select[data-control=colours]',
      'select[data-control=time-zone]',
      'select[data-control=language]',
      'button(tab)[data-tab=active]',
      'div(columnheader)[data-col=market]',
      'div(row)[data-position-id=key-a]',
      'button[data-risk-verb=halt]',
    ].map(at);
    ok(
      sequence.every((i, k) => k === 0 || i > sequence[k - 1]!),
      `top bar, tabs, headers, rows, then the trading controls: ${order.join(' → ')}`,
    );
    const ringless = stops.filter((s) => !s.ring).map((s) => s.what);
    strictEqual(ringless.join(', '), '', 'every stop shows a focus ring');
  });

  it('opens a position from its row with Enter, and its controls are next in line', async () => {
    await page.locator('body').focus();
    await tabTo('div(row)[data-position-id=key-a]');
    await page.keyboard.press('Enter');
    await page.locator('[data-detail="market"]').waitFor();
    strictEqual(
      await page.locator('[data-position-id="key-a"]').getAttribute('aria-selected'),
      'true',
    );
    const stops = await tabTo('button[data-verb=close]');
    ok(stops.every((s) => s.ring));
    await page.screenshot({ path: `${ARTIFACTS}keyboard-row-ko.png` });
  });

  it('confirms in a dialog that keeps focus: Enter only when valid, Escape back to the button', async () => {
    // focus is on "close now": Enter opens its confirmation, focus in its first field
    await page.keyboard.press('Enter');
    await page.locator('dialog[open][data-confirm="close"]').waitFor();
    strictEqual((await focused()).what, 'input[name=reason]');
    await page.keyboard.type('keyboard test');
    // Enter without the market code typed: nothing sent, still open
    await page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    strictEqual(fakes.calls.get('position-actor.close'), undefined, 'not valid: nothing sent');
    ok(await page.locator('dialog[open][data-confirm="close"]').isVisible());
    // Tab goes round inside the dialog (reason → market → cancel → reason), never out
    const round: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      ok(f.inDialog, `focus stays in the dialog (${f.what})`);
      ok(f.ring, `${f.what} shows its focus ring`);
      round.push(f.what);
    }
    strictEqual(
      round.join(' '),
      'input[name=market] button[data-action=cancel] input[name=reason] input[name=market] button[data-action=cancel] input[name=reason]',
    );
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    strictEqual((await focused()).what, 'button[data-action=cancel]', 'Shift+Tab wraps back');
    await page.screenshot({ path: `${ARTIFACTS}keyboard-dialog-ko.png` });
    // Escape: closed, nothing sent, focus back on the button that opened it
    await page.keyboard.press('Escape');
    await page.locator('dialog[data-confirm="close"]').waitFor({ state: 'detached' });
    strictEqual((await focused()).what, 'button[data-verb=close]');
    strictEqual(fakes.calls.get('position-actor.close'), undefined, 'Escape sends nothing');
  });

  it('sends with Enter when valid, shows the refusal, and re-words it on a language switch', async () => {
    await page.keyboard.press('Enter');
    await page.locator('dialog[open][data-confirm="close"]').waitFor();
    await page.keyboard.type('keyboard test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('KRW-BTC');
    await page.keyboard.press('Enter');
    const receipt = page.locator('[data-receipt][data-status="denied"]');
    await receipt.waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    strictEqual(fakes.calls.get('position-actor.close'), 1, 'exactly one close request');
    strictEqual(
      await receipt.textContent(),
      '청산 — 거부됨: 거부: key-a: the exit is already on its way',
    );
    strictEqual((await focused()).what, 'button[data-verb=close]', 'focus back on its button');
    // the refusal is kept as a message key: English re-words it
    await page.selectOption('[data-control="language"]', 'en');
    strictEqual(
      await receipt.textContent(),
      'close — denied: refused: key-a: the exit is already on its way',
    );
    await page.screenshot({ path: `${ARTIFACTS}keyboard-receipt-en.png` });
    await page.selectOption('[data-control="language"]', 'ko');
  });

  it('pauses by keyboard: Enter on an optional reason sends one request, the receipt accepted', async () => {
    await page.locator('[data-verb="pause"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog[open][data-confirm="pause"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-receipt][data-status="accepted"]').waitFor();
    strictEqual(fakes.calls.get('position-actor.pause'), 1);
    strictEqual((await focused()).what, 'button[data-verb=pause]');
  });
});
