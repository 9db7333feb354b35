import { deepStrictEqual } from 'node:assert/strict';
import type { OrderEvent } from '@hoga/contracts';
import { machineSpec } from '@hoga/testkit';
import { restore } from './live-position.js';
import { inputs, orderEvents as oe, positionStep, types } from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const o = (e: OrderEvent) => inputs.order(e);

describe('decide: an entry denied because Upbit access is lost (ADR 0028)', () => {
  for (const reason of ['exchange-access-lost', 'exchange-order-permission-missing'] as const)
    it(`shows ${reason} as the position's failure code`, () => {
      position
        .given([inputs.start()])
        .when(o(oe.denied('pos-1-e1', reason)))
        .then((state, events) => {
          deepStrictEqual(types(events), ['OrderFailed', 'PositionFailed']);
          deepStrictEqual(
            [
              state.snapshot.status,
              state.snapshot.context.failure?.cause,
              state.snapshot.context.failure?.code,
            ],
            ['error', 'order-denied', reason],
          );
        });
    });
});
