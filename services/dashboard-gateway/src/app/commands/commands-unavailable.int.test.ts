import { deepStrictEqual, equal } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LiveDelta } from '../live/live-hub.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import type { CommandReceipt } from './command-receipt.js';

describe('dashboard-gateway commands with no service running', function () {
  this.timeout(30_000);
  const harness = new GatewayHarness('gateway_commands_down');
  const receipts: CommandReceipt[] = [];
  before(async () => {
    await harness.start();
    harness.gateway.hub.listen((d: LiveDelta) => {
      if (d.channel === 'commands') receipts.push(d.data as CommandReceipt);
    });
  });
  after(() => harness.stop());

  it('answers 503 unavailable naming the service, and sends the command again on a retry', async () => {
    const operator = harness.client('operator', 'dashboard:bob');
    const commandId = randomUUID();
    for (const attempt of [1, 2]) {
      const reply = await operator.post('/api/risk/halt', { commandId, reason: 'test' });
      equal(reply.status, 503, `attempt ${attempt}: ${reply.text}`);
      const error = (reply.json as { error: { code: string; message: string } }).error;
      deepStrictEqual(
        [error.code, /risk-guard is not running/.test(error.message)],
        ['unavailable', true],
      );
    }
    deepStrictEqual(
      receipts.filter((r) => r.commandId === commandId).map((r) => r.status),
      ['sent', 'denied', 'sent', 'denied'],
    );
    const position = await operator.post('/api/positions/pos-1/close', { commandId: randomUUID() });
    equal(position.status, 503);
    const latest = await operator.get(`/api/commands/${commandId}`);
    equal((latest.json as CommandReceipt).error?.code, 'unavailable');
  });
});
