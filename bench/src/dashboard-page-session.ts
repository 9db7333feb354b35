import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumCpuMs } from './dashboard-chromium.js';
import * as probe from './dashboard-page.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How the phases on the page run: their length, the scroll, where CPU profiles go. */
export interface SessionSettings {
  readonly seconds: number;
  readonly scrollPx: number;
  readonly scrollBy: 'js' | 'gesture';
  /** `--profile=<file>`: the page's CPU profile of a phase in `<file>-<phase>.cpuprofile`. */
  readonly profile: string | undefined;
}

/** A phase's result with the page's long tasks and the CPU and event-loop figures around it. */
export interface Measured<T> {
  readonly result: T;
  readonly longTasks: ReturnType<typeof probe.longTasksSince>['longTasks'];
  /** This process (the gateway, playwright's side), % of a core. */
  readonly cpuPct: number;
  readonly rendererPct: number;
  readonly chromiumPct: number;
  readonly loopP99: number;
}

/** The page the phases after the cold loads run on, and how each is measured. */
export class PageSession {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    private readonly settings: SessionSettings,
    /** Where notes for the results file go (`scrollTopAfterGesture`). */
    private readonly notes: Record<string, unknown>,
  ) {}

  /** `work`'s result, the page's long tasks and this process's CPU and event-loop delay. */
  async measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
    const { page } = this;
    const { now } = await page.evaluate(probe.longTasksSince, 0);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu = process.cpuUsage();
    const chromiumFrom = chromiumCpuMs();
    const started = performance.now();
    const result = await work();
    const used = process.cpuUsage(cpu);
    const chromiumTo = chromiumCpuMs();
    const elapsed = performance.now() - started;
    loop.disable();
    const { longTasks } = await page.evaluate(probe.longTasksSince, now);
    return {
      result,
      longTasks,
      cpuPct: (used.user + used.system) / 10 / elapsed,
      rendererPct: ((chromiumTo.renderer - chromiumFrom.renderer) / elapsed) * 100,
      chromiumPct: ((chromiumTo.all - chromiumFrom.all) / elapsed) * 100,
      loopP99: loop.percentile(99) / 1e6,
    };
  }

  /** With `--profile=<file>`: the page's CPU profile of a phase, in `<file>-<phase>.cpuprofile`. */
  async profiler(phase: string): Promise<{ stop(): Promise<void> }> {
    const { profile } = this.settings;
    if (profile === undefined) return { stop: async () => undefined };
    const cdp = await this.context.newCDPSession(this.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    return {
      stop: async () => {
        const file = `${profile.replace(/\.cpuprofile$/, '')}-${phase}.cpuprofile`;
        writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile));
        await cdp.detach();
        console.log(`wrote the page's CPU profile of the ${phase} to ${file}`);
      },
    };
  }

  /**
   * Scrolls the table for `seconds` and returns the frames: `--scroll=gesture` (the default)
   * as a user's mouse wheel through DevTools' `Input.synthesizeScrollGesture` (the browser
   * scrolls, as for a wheel: no script sets `scrollTop`), down at `scrollPx` a 60 Hz frame and
   * back up; `--scroll=js`: the page's rAF loop sets `scrollTop` each frame.
   */
  async scrollFor(): Promise<ReturnType<typeof probe.stopScrolling>> {
    const { page } = this;
    const { seconds, scrollPx, scrollBy } = this.settings;
    if (scrollBy === 'js') {
      await page.evaluate(probe.startScrolling, scrollPx);
      await sleep(seconds * 1000);
      return page.evaluate(probe.stopScrolling);
    }
    const cdp = await this.context.newCDPSession(page);
    const box = await page.locator('.table-scroll').boundingBox();
    if (box === null) throw new Error('no positions table');
    await page.evaluate(probe.startScrolling, 0);
    const speed = scrollPx * 60;
    const end = performance.now() + seconds * 1000;
    let direction = -1;
    while (performance.now() < end) {
      const left = (end - performance.now()) / 1000;
      await cdp.send('Input.synthesizeScrollGesture', {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
        yDistance: direction * Math.max(1, Math.round(Math.min(left, seconds / 2) * speed)),
        speed,
        preventFling: true,
        gestureSourceType: 'mouse',
      });
      if (direction === -1)
        // the gesture moved the table (a gesture that missed it would measure idle frames)
        this.notes['scrollTopAfterGesture'] = await page
          .locator('.table-scroll')
          .evaluate((el) => el.scrollTop);
      direction = -direction;
    }
    await cdp.detach();
    return page.evaluate(probe.stopScrolling);
  }
}
