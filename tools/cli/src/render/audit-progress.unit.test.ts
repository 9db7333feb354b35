import { deepStrictEqual, equal } from 'node:assert/strict';
import { ProgressBar, terminalProgress } from '../audit-progress.js';
import { clock, renderProgressBar } from './audit-progress.js';

describe('audit progress bar (pure renderer, TTY switch)', () => {
  it('draws done/total, rate and ETA on one line', () => {
    equal(
      renderProgressBar('audit', {
        unit: 'events',
        done: 250_000,
        total: 1_000_000,
        elapsedMs: 1250,
      }),
      'audit [######------------------] 250,000/1,000,000 events  200,000/s  ETA 0:04',
    );
    equal(
      renderProgressBar('audit', {
        unit: 'events',
        done: 1_000_000,
        total: 1_000_000,
        elapsedMs: 5000,
      }),
      'audit [########################] 1,000,000/1,000,000 events  200,000/s  done',
    );
  });

  it('has no bar without a total, and no rate before time has passed; never past full', () => {
    equal(
      renderProgressBar('exchange', { unit: 'orders', done: 3, total: 0, elapsedMs: 1500 }),
      'exchange 3 orders  2/s',
    );
    equal(
      renderProgressBar('audit', { unit: 'events', done: 0, total: 10, elapsedMs: 0 }),
      'audit [------------------------] 0/10 events',
    );
    equal(
      renderProgressBar('audit', { unit: 'events', done: 12, total: 10, elapsedMs: 1000 }),
      'audit [########################] 12/10 events  12/s  done',
    );
  });

  it('prints times as m:ss or h:mm:ss', () => {
    deepStrictEqual(
      [clock(0), clock(7.2), clock(725), clock(3723)],
      ['0:00', '0:08', '12:05', '1:02:03'],
    );
  });

  it('draws only on a terminal: a pipe gets no writer, a TTY a redrawn line', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) });
    equal(terminalProgress(stream(false)), undefined);
    equal(terminalProgress({ write: (s: string) => written.push(s) }), undefined);
    const draw = terminalProgress(stream(true))!;
    draw('audit 1 events');
    draw(null);
    deepStrictEqual(written, ['\r\x1b[2Kaudit 1 events', '\r\x1b[2K']);
  });

  it('redraws at most every 100 ms, and always the last step', () => {
    const lines: (string | null)[] = [];
    let now = 0;
    const bar = new ProgressBar(
      (t) => lines.push(t),
      () => now,
    );
    bar.stage('audit', 'events');
    bar.update(1, 10);
    now = 50;
    bar.update(5, 10);
    now = 60;
    bar.update(10, 10);
    bar.clear();
    deepStrictEqual(lines, [
      'audit [##----------------------] 1/10 events',
      'audit [########################] 10/10 events  167/s  done',
      null,
    ]);
  });
});
