import { deepEqual, equal, ok } from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homeOf } from './home-dir.js';
import { emulatorFsyncOf, paperAccountNote, startPaperExchange } from './paper-exchange.js';

describe('paper exchange: the durable paper account', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'paper-exchange-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a home of an earlier version starts from its saved prices and balances, once', async () => {
    const home = homeOf({ HOGA_HOME: root });
    writeFileSync(
      home.emulatorState,
      JSON.stringify({ prices: { 'KRW-BTC': '123000000' }, balances: { KRW: '777', BTC: '0.5' } }),
    );
    const first = await startPaperExchange(home, ['KRW-BTC'], 0, () => undefined, 'batch');
    try {
      equal(first.state.restored, true);
      ok(!existsSync(home.emulatorState), 'the old file is migrated away');
      const balances = first.emulator.admin.balances(first.keys.accessKey);
      deepEqual(
        balances.map((b) => [b.currency, b.balance]),
        [
          ['KRW', '777'],
          ['BTC', '0.5'],
        ],
      );
      equal(first.emulator.admin.price('KRW-BTC'), '123000000');
      first.emulator.admin.setBalances(first.keys.accessKey, { KRW: '888' });
    } finally {
      await first.stop();
    }
    const second = await startPaperExchange(home, ['KRW-BTC'], 0, () => undefined, 'always');
    try {
      ok(paperAccountNote(second.state).startsWith('account restored'));
      equal(second.emulator.admin.balances(second.keys.accessKey)[0]!.balance, '888');
    } finally {
      await second.stop();
    }
  });

  it('HOGA_EMULATOR_FSYNC: always by default, batch and off accepted, anything else refused', () => {
    equal(emulatorFsyncOf({}), 'always');
    equal(emulatorFsyncOf({ HOGA_EMULATOR_FSYNC: 'batch' }), 'batch');
    equal(emulatorFsyncOf({ HOGA_EMULATOR_FSYNC: 'off' }), 'off');
    let message = '';
    try {
      emulatorFsyncOf({ HOGA_EMULATOR_FSYNC: 'sometimes' });
    } catch (e) {
      message = (e as Error).message;
    }
    ok(message.includes('HOGA_EMULATOR_FSYNC'), message);
  });
});
