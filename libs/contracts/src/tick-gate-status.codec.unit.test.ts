import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { findOpsEndpoint } from './ops-catalog.js';
import { opsReplySamples, opsRequestSamples } from './testing/samples.js';

const endpoint = (service: string, verb: string) => findOpsEndpoint(service, verb)!;

describe('status endpoints: tick gates (ADR 0024), the executor', () => {
  for (const key of [
    'position-actor.status',
    'market-feed.status',
    'order-executor.status',
  ] as const) {
    const [service, verb] = key.split('.') as [string, string];
    it(`${key}: the reply round-trips`, () => {
      const wire = opsReplySamples[key];
      const decoded = endpoint(service, verb).reply.decode(wire);
      ok(E.isRight(decoded));
      deepEqual(
        JSON.parse(JSON.stringify(endpoint(service, verb).reply.encode(decoded.right))),
        wire,
      );
    });
    it(`${key}: any request body is a typed error or the empty request (extra keys dropped)`, () =>
      fc.assert(
        fc.property(fc.jsonValue(), (data) => {
          const decoded = endpoint(service, verb).request.decode({
            ...opsRequestSamples[key],
            data,
          });
          if (E.isRight(decoded)) deepEqual((decoded.right as { data: unknown }).data, {});
          else ok(decoded.left.length > 0);
        }),
      ));
  }
  it('a negative count in a reply does not decode', () => {
    const wire = opsReplySamples['position-actor.status'];
    const bad = { ...wire, ticks: { ...wire.ticks, received: -1 } };
    equal(E.isLeft(endpoint('position-actor', 'status').reply.decode(bad)), true);
  });
  it('order-executor.status: a fee rate that is not a decimal or a fractional cap does not decode', () => {
    const wire = opsReplySamples['order-executor.status'];
    const reply = endpoint('order-executor', 'status').reply;
    equal(E.isLeft(reply.decode({ ...wire, settings: { ...wire.settings, feeRate: 'x' } })), true);
    const cap = { ...wire.settings, maxOpenPositions: 1.5 };
    equal(E.isLeft(reply.decode({ ...wire, settings: cap })), true);
  });
});
