import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import type { DurableDelivery } from '@hoga/bus';
import type { OrderCommand } from '@hoga/contracts';
import { deferred, eventually } from '@hoga/testkit';
import { KeyedMutex } from '../app/keyed-mutex.js';
import { cancelEntry, marketBuy, marketSell } from '../testing/commands.js';
import { orderCommandHandler } from './order-command.handler.js';

/** A delivery of `command` whose ack is logged. */
function delivery(
  command: OrderCommand,
  log: string[],
  deliveryCount = 1,
): DurableDelivery<OrderCommand> {
  return {
    subject: 'hoga.order.cmd',
    data: command,
    headers: {},
    deliveryCount,
    sequence: 1,
    ack: async () => void log.push(`ack ${command.id}`),
    nak: () => undefined,
  };
}

describe('orderCommandHandler', () => {
  it('runs the commands of one order in delivery order while other orders go ahead, acking each after its work', async () => {
    const log: string[] = [];
    const placeHeld = deferred();
    const handle = orderCommandHandler(
      {
        place: async (c) => {
          log.push(`place ${c.data.orderId}`);
          if (c.data.leg === 'entry') await placeHeld.promise;
          log.push(`placed ${c.data.orderId}`);
        },
        cancel: async (c) => void log.push(`cancel ${c.data.orderId}`),
      },
      new KeyedMutex(),
    );
    const place = marketBuy('p-1', '100000');
    const cancel = cancelEntry('p-1');
    const other = marketSell('p-2', '0.001');
    // Started together, as a consumer with several slots starts them: in stream order.
    const running = [place, cancel, other].map((c) => handle(delivery(c, log)));
    await eventually(() => deepEqual(log.slice(-1), [`ack ${other.id}`]));
    deepEqual(log, [
      'place p-1-entry-1',
      'place p-2-exit-1',
      'placed p-2-exit-1',
      `ack ${other.id}`,
    ]);
    placeHeld.resolve();
    await Promise.all(running);
    const at = (line: string) => log.indexOf(line);
    ok(at('cancel p-1-entry-1') > at('placed p-1-entry-1'), log.join(', '));
    ok(at(`ack ${place.id}`) > at('placed p-1-entry-1'), log.join(', '));
    ok(at(`ack ${cancel.id}`) > at('cancel p-1-entry-1'), log.join(', '));
    equal(log.length, 8);
  });

  it('tells of a command that failed on its last delivery (it is dead-lettered next), and rethrows', async () => {
    const log: string[] = [];
    const givenUp: string[] = [];
    const handle = orderCommandHandler(
      {
        place: async () => Promise.reject(new Error('database unreachable')),
        cancel: async () => undefined,
      },
      new KeyedMutex(),
      { maxDeliver: 3, givenUp: async (c, error) => void givenUp.push(`${c.id}: ${error}`) },
    );
    const place = marketBuy('p-1', '100000');
    for (const attempt of [1, 2])
      await rejects(handle(delivery(place, log, attempt)), /database unreachable/);
    deepEqual(givenUp, [], 'not before the last delivery');
    await rejects(handle(delivery(place, log, 3)), /database unreachable/);
    deepEqual(givenUp, [`${place.id}: database unreachable`]);
    deepEqual(log, [], 'never acked');
  });
});
