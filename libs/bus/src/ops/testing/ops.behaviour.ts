import { subjects, type OpsService, type OpsVerb } from '@hoga/contracts';
import { Decimal } from '@hoga/model';
import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { isBusNoRespondersError, isBusUsageError } from '../../bus.errors.js';
import type { Bus } from '../../bus.port.js';
import { recordingLogger, type RecordingLogger } from '../../testing/recording-logger.js';
import { opsRequest, requestOps } from '../request-ops.js';
import { serveOps } from '../serve-ops.js';
import {
  FAKE_SECRET,
  FakePositionIds,
  fakePositionActor,
  samplePosition,
} from './fake-position-actor.js';

/** Two buses that reach each other (server side, client side), closed by `close`. */
export interface OpsPair {
  readonly server: Bus;
  readonly client: Bus;
  close(): Promise<void>;
}

const command = (positionId: string) => ({
  positionId,
  commandId: 'cmd-1',
  issuedBy: 'cli:test',
  reason: null,
});

function request<S extends OpsService, V extends OpsVerb<S>>(service: S, verb: V, data: unknown) {
  const r = opsRequest(service, verb, data);
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

/** Sends any JSON to an endpoint, as `nats req` would, and returns the JSON reply. */
const sendRaw = (bus: Bus, verb: OpsVerb<'position-actor'>, body: unknown): Promise<unknown> =>
  bus.request(
    { ...subjects.ops('position-actor', verb), request: t.unknown, reply: t.unknown },
    body,
  );

/** What `serveOps` does on every bus: decoding, replies, failures, stopping. */
export function opsBehaviour(label: string, open: () => Promise<OpsPair>): void {
  describe(`serveOps (${label})`, () => {
    let pair: OpsPair;
    let fake: ReturnType<typeof fakePositionActor>;
    let logger: RecordingLogger;
    let stop: () => Promise<void>;

    beforeEach(async () => {
      pair = await open();
      fake = fakePositionActor();
      logger = recordingLogger();
      const server = await serveOps(pair.server, 'position-actor', fake.handlers, { logger });
      stop = () => server.stop();
    });
    afterEach(async () => {
      await stop();
      await pair.close();
    });

    it('hands the decoded request and the un-namespaced subject to the handler', async () => {
      const reply = await requestOps(
        pair.client,
        'position-actor',
        'close',
        request('position-actor', 'close', command('pos-7')),
      );
      deepStrictEqual(reply, { ok: true, positionId: 'pos-7' });
      strictEqual(fake.calls.length, 1);
      const call = fake.calls[0]!;
      deepStrictEqual((call.request as { data: unknown }).data, command('pos-7'));
      strictEqual(call.meta.subject, subjects.ops('position-actor', 'close').subject);
    });

    it('encodes the reply with the endpoint codec (decimals travel as strings)', async () => {
      const list = request('position-actor', 'list', { statuses: null, market: null });
      const reply = await requestOps(pair.client, 'position-actor', 'list', list);
      ok(reply.ok);
      ok(reply.positions[0]?.avgEntryPrice instanceof Decimal);
      strictEqual(reply.positions[0]?.volume.toString(), samplePosition.volume.toString());
      const raw = await sendRaw(pair.client, 'list', list);
      strictEqual((raw as { positions: { volume: unknown }[] }).positions[0]?.volume, '0.0021');
    });

    it('answers bad-request with the offending path, without calling the handler', async () => {
      const bad = {
        ...request('position-actor', 'close', command('pos-1')),
        data: { positionId: 42 },
      };
      const reply = (await sendRaw(pair.client, 'close', bad)) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      strictEqual(reply.ok, false);
      strictEqual(reply.error.code, 'bad-request');
      ok(reply.error.message.includes('data.positionId'), reply.error.message);
      ok(reply.error.message.includes('data.commandId'), reply.error.message);
      strictEqual(fake.calls.length, 0);
    });

    it('passes a failure the handler returns, and the code of an OpsError it throws', async () => {
      const closeOf = (id: string) =>
        requestOps(
          pair.client,
          'position-actor',
          'close',
          request('position-actor', 'close', command(id)),
        );
      deepStrictEqual(await closeOf(FakePositionIds.missing), {
        ok: false,
        error: { code: 'not-found', message: 'no position pos-missing' },
      });
      deepStrictEqual(await closeOf(FakePositionIds.busy), {
        ok: false,
        error: { code: 'conflict', message: 'already closing' },
      });
    });

    it('answers internal to an unexpected error, logging it and never sending its message', async () => {
      const reply = await requestOps(
        pair.client,
        'position-actor',
        'pause',
        request('position-actor', 'pause', command(FakePositionIds.crashing)),
      );
      ok(!reply.ok);
      strictEqual(reply.error.code, 'internal');
      ok(!reply.error.message.includes('hunter2'), reply.error.message);
      ok(logger.lines.some((l) => String(l.fields['error']).includes(FAKE_SECRET)));
    });

    it('answers internal when the handler returns what the reply codec refuses', async () => {
      const reply = await requestOps(
        pair.client,
        'position-actor',
        'resume',
        request('position-actor', 'resume', command(FakePositionIds.badReply)),
      );
      ok(!reply.ok);
      strictEqual(reply.error.code, 'internal');
    });

    it('refuses to serve a service with a verb left without a handler', async () => {
      const { list: _list, ...partial } = fake.handlers;
      await rejects(
        serveOps(pair.server, 'position-actor', partial as typeof fake.handlers),
        isBusUsageError,
      );
    });

    it('stops answering once stopped', async () => {
      await stop();
      stop = async () => undefined;
      const list = request('position-actor', 'list', { statuses: null, market: null });
      await rejects(
        requestOps(pair.client, 'position-actor', 'list', list),
        isBusNoRespondersError,
      );
    });
  });
}
