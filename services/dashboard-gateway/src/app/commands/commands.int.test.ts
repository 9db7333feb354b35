import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { opsRequest, requestOps } from '@hoga/bus';
import { coreRoute, subjects } from '@hoga/contracts';
import { decodeStrategySpec, encodeStrategySpec, parseStrategyFile } from '@hoga/position';
import type { RecordedEvent } from '@hoga/event-store';
import type { LiveDelta } from '../live/live-hub.js';
import { CommandWorld, eventually } from '../../testing/command-world.js';
import { TestClient, type TestReply } from '../../testing/gateway-harness.js';
import type { CommandReceipt } from './command-receipt.js';

const YAML_SPEC = (id: string, budgetKrw = '100000') => `# bought at once, exits far away
id: ${id}
market: KRW-BTC
budgetKrw: "${budgetKrw}"
entry: immediate
exit:
  takeProfitPct: 20
  stopLossPct: 20
`;

const body = (reply: TestReply) => reply.json as Record<string, unknown>;
const dataOf = (e: RecordedEvent) => e.data as Record<string, unknown>;
const withCommand = (events: readonly RecordedEvent[], commandId: string) =>
  events.filter((e) => dataOf(e)['commandId'] === commandId);

describe('dashboard-gateway commands (position-actor, risk-guard, order-executor, emulator)', function () {
  this.timeout(60_000);
  const world = new CommandWorld('gateway_commands');
  const receipts: CommandReceipt[] = [];
  let operator: TestClient;
  /** A command accepted that stores nothing (disarming no limit): its receipt ends `timeout`. */
  const noopId = randomUUID();
  /** Every command the gateway accepted in this suite: sent again over the bus at the end. */
  const accepted: {
    path: string;
    body: Record<string, unknown>;
    reply: Record<string, unknown>;
  }[] = [];
  before(async () => {
    await world.start();
    world.harness.gateway.hub.listen((d: LiveDelta) => {
      if (d.channel === 'commands') receipts.push(d.data as CommandReceipt);
    });
    const session = world.harness.client('operator', 'dashboard:alice');
    operator = new RecordingClient(session, (path, body, reply) =>
      accepted.push({ path, body, reply }),
    );
  });
  after(() => world.stop());

  const statuses = (commandId: string) =>
    receipts.filter((r) => r.commandId === commandId).map((r) => r.status);
  const untilReceipt = (commandId: string, status: CommandReceipt['status']) =>
    eventually(
      () => receipts.find((r) => r.commandId === commandId && r.status === status),
      `receipt ${status} of ${commandId}`,
    );

  /** Runs a strategy through the gateway and waits for its entry to fill. */
  async function runActive(id: string): Promise<string> {
    const commandId = randomUUID();
    const reply = await operator.post('/api/strategies', { commandId, spec: YAML_SPEC(id) });
    equal(reply.status, 200, reply.text);
    const positionId = body(reply)['positionId'] as string;
    await world.untilEvent(positionId, 'PositionActivated');
    return positionId;
  }

  it('runs a YAML strategy: accepted with the position, receipts sent -> accepted -> done, opened by the session user', async () => {
    const commandId = randomUUID();
    // a second subscriber on the endpoint's subject sees the request as position-actor does
    const run = subjects.ops('position-actor', 'run');
    const seen: { traceparent?: string; issuedBy: string; commandId: string }[] = [];
    const spy = await world.harness.bus.subscribe(coreRoute(run.subject, run.request), (d) => {
      const { issuedBy, commandId: id } = d.data.data;
      seen.push({ traceparent: d.headers['traceparent'], issuedBy, commandId: id });
    });
    const reply = await operator.request('POST', '/api/strategies', {
      body: { commandId, spec: YAML_SPEC('gw-run'), reason: 'first run' },
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    equal(reply.status, 200, reply.text);
    const accepted = body(reply);
    equal(accepted['status'], 'accepted');
    equal(accepted['command'], 'strategy.run');
    equal(accepted['issuedBy'], 'dashboard:alice');
    equal(accepted['traceId'], '0af7651916cd43dd8448eb211c80319c');
    const positionId = accepted['positionId'] as string;
    deepStrictEqual(accepted['reply'], { positionId, strategyId: 'gw-run' });
    await eventually(() => seen.length === 1, 'the request seen on the bus');
    await spy.unsubscribe();
    const [request] = seen;
    deepStrictEqual([request?.issuedBy, request?.commandId], ['dashboard:alice', commandId]);
    // the page's trace, continued under a new span
    ok(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/.test(request?.traceparent ?? ''));
    ok(!request?.traceparent?.includes('b7ad6b7169203331'));
    const done = await untilReceipt(commandId, 'done');
    equal(done.event?.type, 'PositionOpened');
    equal(done.event?.streamId, `position-${positionId}`);
    deepStrictEqual(statuses(commandId), ['sent', 'accepted', 'done']);
    const events = await world.untilEvent(positionId, 'PositionActivated');
    const opened = events.filter((e) => e.type === 'PositionOpened');
    equal(opened.length, 1);
    equal(dataOf(opened[0]!)['openedBy'], 'dashboard:alice');
    const latest = await operator.get(`/api/commands/${commandId}`);
    equal(latest.status, 200);
    equal(body(latest)['status'], 'done');
  });

  it('runs a JSON text spec and a JSON object spec alike', async () => {
    for (const spec of [
      JSON.stringify({
        id: 'gw-json-text',
        market: 'KRW-BTC',
        budgetKrw: '100000',
        entry: 'immediate',
        exit: { takeProfitPct: 20, stopLossPct: 20 },
      }),
      {
        id: 'gw-json-obj',
        market: 'KRW-BTC',
        budgetKrw: '100000',
        entry: 'immediate',
        exit: { takeProfitPct: 20, stopLossPct: 20 },
      },
    ]) {
      const reply = await operator.post('/api/strategies', { commandId: randomUUID(), spec });
      equal(reply.status, 200, reply.text);
      await world.untilEvent(body(reply)['positionId'] as string, 'PositionActivated');
    }
  });

  it('the same command id twice (also at once) has one effect and one answer', async () => {
    const commandId = randomUUID();
    const send = () => operator.post('/api/strategies', { commandId, spec: YAML_SPEC('gw-twice') });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    equal(a.status, 200, a.text);
    deepStrictEqual([b.json, c.json], [a.json, a.json]);
    const positionId = body(a)['positionId'] as string;
    const events = await world.untilEvent(positionId, 'PositionActivated');
    equal(events.filter((e) => e.type === 'PositionOpened').length, 1);
    equal(events.filter((e) => e.type === 'EntryOrderRequested').length, 1);
    equal(world.emulator.admin.orderCount({ identifier: `${positionId}-e1` }), 1);
    deepStrictEqual(
      statuses(commandId).filter((s) => s === 'sent'),
      ['sent'],
    );
    // another command under the same id is refused, nothing sent
    const reused = await operator.post('/api/risk/halt', { commandId, reason: 'reuse' });
    equal(reused.status, 409);
    equal((reused.json as { error: { code: string } }).error.code, 'conflict');
  });

  it('pause, resume and close a position: each event carries the command id and the issuer', async () => {
    const positionId = await runActive('gw-pause-close');
    const commandIds: string[] = [];
    for (const verb of ['pause', 'resume', 'close'] as const) {
      const commandId = randomUUID();
      commandIds.push(commandId);
      const reply = await operator.post(`/api/positions/${positionId}/${verb}`, {
        commandId,
        reason: `test ${verb}`,
      });
      equal(reply.status, 200, reply.text);
      equal(body(reply)['command'], `position.${verb}`);
      const done = await untilReceipt(commandId, 'done');
      equal(done.event?.streamId, `position-${positionId}`);
    }
    const events = await world.untilEvent(positionId, 'PositionClosed');
    const types = commandIds.map((id) => withCommand(events, id).map((e) => e.type));
    deepStrictEqual(types, [['PositionPaused'], ['PositionResumed'], ['CloseRequested']]);
    for (const id of commandIds) {
      const [event] = withCommand(events, id);
      deepStrictEqual(
        { issuedBy: dataOf(event!)['issuedBy'], reason: typeof dataOf(event!)['reason'] },
        { issuedBy: 'dashboard:alice', reason: 'string' },
      );
    }
    equal(dataOf(events.find((e) => e.type === 'PositionClosed')!)['reason'], 'operator-close');
    // a repeated close: the same answer, no second CloseRequested
    const again = await operator.post(`/api/positions/${positionId}/close`, {
      commandId: commandIds[2],
      reason: 'test close',
    });
    equal(again.status, 200);
    equal(withCommand(await world.positionEvents(positionId), commandIds[2]!).length, 1);
    // closing a closed position with a new id: a typed conflict, nothing stored
    const before = (await world.positionEvents(positionId)).length;
    const refused = await operator.post(`/api/positions/${positionId}/close`, {
      commandId: randomUUID(),
    });
    equal(refused.status, 409, refused.text);
    equal((await world.positionEvents(positionId)).length, before);
  });

  it('dismiss a position in error, and retry-close one that still holds its coins', async () => {
    // not enough KRW for the entry: denied before the exchange, the position is in error
    const failedRun = await operator.post('/api/strategies', {
      commandId: randomUUID(),
      spec: YAML_SPEC('gw-too-big', '50000000'),
    });
    equal(failedRun.status, 200, failedRun.text);
    const failedId = body(failedRun)['positionId'] as string;
    await world.untilEvent(failedId, 'PositionFailed');
    const retryNothing = await operator.post(`/api/positions/${failedId}/retry-close`, {
      commandId: randomUUID(),
    });
    equal(retryNothing.status, 409, retryNothing.text);
    const dismissId = randomUUID();
    const dismissed = await operator.post(`/api/positions/${failedId}/dismiss`, {
      commandId: dismissId,
      reason: 'nothing bought',
    });
    equal(dismissed.status, 200, dismissed.text);
    await untilReceipt(dismissId, 'done');
    const afterDismiss = await world.untilEvent(failedId, 'PositionClosed');
    deepStrictEqual(
      withCommand(afterDismiss, dismissId).map((e) => e.type),
      ['ErrorDismissed'],
    );

    // an exit the exchange cannot fill (the coins are gone from the account): error, holding
    const positionId = await runActive('gw-retry');
    const held = world.emulator.admin.balances('gw-access').find((b) => b.currency === 'BTC');
    ok(held !== undefined);
    world.emulator.admin.setBalances('gw-access', { KRW: '10000000', BTC: '0' });
    const close = await operator.post(`/api/positions/${positionId}/close`, {
      commandId: randomUUID(),
    });
    equal(close.status, 200, close.text);
    await world.untilEvent(positionId, 'PositionFailed');
    world.emulator.admin.setBalances('gw-access', { KRW: '10000000', BTC: held.balance });
    const retryId = randomUUID();
    const retried = await operator.post(`/api/positions/${positionId}/retry-close`, {
      commandId: retryId,
      reason: 'coins back',
    });
    equal(retried.status, 200, retried.text);
    const events = await world.untilEvent(positionId, 'PositionClosed');
    deepStrictEqual(
      withCommand(events, retryId).map((e) => e.type),
      ['CloseRetried'],
    );
  });

  it('risk halt, resume, reduce, resume, arm and disarm: one risk event each, with the command id', async () => {
    const steps: {
      path: string;
      extra?: Record<string, unknown>;
      type: string;
      reply: Record<string, unknown>;
    }[] = [
      { path: 'halt', type: 'TradingStateChanged', reply: { state: 'HALTED' } },
      { path: 'resume', type: 'TradingStateChanged', reply: { state: 'ACTIVE' } },
      { path: 'reduce', type: 'TradingStateChanged', reply: { state: 'REDUCING' } },
      { path: 'resume', type: 'TradingStateChanged', reply: { state: 'ACTIVE' } },
      { path: 'arm', extra: { ratePct: '7.5' }, type: 'LossLimitArmed', reply: {} },
      { path: 'disarm', type: 'LossLimitDisarmed', reply: { limit: null } },
    ];
    // the equity the limit is armed on comes from the executor's account state
    await eventually(
      () => world.risk.guard.equity !== undefined && world.risk.guard.equity !== null,
      'equity',
    );
    for (const step of steps) {
      const commandId = randomUUID();
      const reply = await operator.post(`/api/risk/${step.path}`, {
        commandId,
        reason: `test ${step.path}`,
        ...step.extra,
      });
      equal(reply.status, 200, reply.text);
      const answered = body(reply)['reply'] as Record<string, unknown>;
      for (const [k, v] of Object.entries(step.reply)) deepStrictEqual(answered[k], v);
      if (step.path === 'arm') equal((answered['limit'] as { ratePct: string }).ratePct, '7.5');
      const done = await untilReceipt(commandId, 'done');
      equal(done.event?.streamId, 'risk');
      const events = withCommand(await world.riskEvents(), commandId);
      deepStrictEqual(
        events.map((e) => e.type),
        [step.type],
      );
      equal(dataOf(events[0]!)['by'], 'dashboard:alice');
    }
  });

  it('the same risk command id twice changes the state once', async () => {
    const commandId = randomUUID();
    const first = await operator.post('/api/risk/reduce', { commandId, reason: 'twice' });
    const second = await operator.post('/api/risk/reduce', { commandId, reason: 'twice' });
    equal(first.status, 200, first.text);
    deepStrictEqual(second.json, first.json);
    equal(withCommand(await world.riskEvents(), commandId).length, 1);
    const back = await operator.post('/api/risk/resume', {
      commandId: randomUUID(),
      reason: 'back',
    });
    equal(back.status, 200, back.text);
  });

  it('refuses what the service refuses, typed: a risk command without a reason, an unknown position (a no-op is accepted)', async () => {
    const count = await world.storedEventCount();
    const noReason = await operator.post('/api/risk/halt', { commandId: randomUUID() });
    equal(noReason.status, 400, noReason.text);
    const noop = await operator.post('/api/risk/disarm', { commandId: noopId, reason: 'x' });
    equal(noop.status, 200, 'disarming no limit is accepted, a no-op');
    const missing = await operator.post('/api/positions/pos-nobody/close', {
      commandId: randomUUID(),
    });
    equal(missing.status, 404, missing.text);
    equal((missing.json as { error: { code: string } }).error.code, 'not-found');
    equal(await world.storedEventCount(), count);
  });

  it('answers a bad spec with a 400 naming the fields, and sends nothing', async () => {
    const count = await world.storedEventCount();
    const commandId = randomUUID();
    const reply = await operator.post('/api/strategies', {
      commandId,
      spec: 'id: bad\nmarket: BTC\nbudgetKrw: "100000"\nentry: immediate\nexit: {stopLossPct: -1}\n',
    });
    equal(reply.status, 400, reply.text);
    const fields = (reply.json as { error: { fields: { field: string }[] } }).error.fields.map(
      (f) => f.field,
    );
    ok(fields.includes('body.spec.market'), fields.join());
    ok(
      fields.some((f) => f.startsWith('body.spec.exit')),
      fields.join(),
    );
    const yamlError = await operator.post('/api/strategies', { commandId, spec: 'id: [unclosed' });
    equal(yamlError.status, 400);
    equal(
      receipts.some((r) => r.commandId === commandId),
      false,
    );
    equal(await world.storedEventCount(), count);
  });

  it('guards every command: no session 401, viewer 403, no CSRF token 403, foreign Origin 403', async () => {
    const count = await world.storedEventCount();
    const payload = { commandId: randomUUID(), reason: 'guarded' };
    const anonymous = world.harness.client('anonymous');
    const viewer = world.harness.client('viewer');
    for (const path of ['/api/risk/halt', '/api/positions/pos-x/close', '/api/strategies']) {
      equal((await anonymous.post(path, payload)).status, 401);
      const asViewer = await viewer.post(path, payload);
      equal(asViewer.status, 403);
      equal((asViewer.json as { error: { code: string } }).error.code, 'forbidden');
      const noCsrf = await operator.request('POST', path, { body: payload, csrf: false });
      equal(noCsrf.status, 403);
      equal((noCsrf.json as { error: { code: string } }).error.code, 'csrf');
      const foreign = await operator.request('POST', path, {
        body: payload,
        origin: 'https://evil.example',
      });
      equal(foreign.status, 403);
    }
    equal(
      receipts.some((r) => r.commandId === payload.commandId),
      false,
    );
    equal(await world.storedEventCount(), count);
    // receipts are readable by any session, and only by one
    equal((await anonymous.get(`/api/commands/${payload.commandId}`)).status, 401);
    equal((await viewer.get(`/api/commands/${payload.commandId}`)).status, 404);
  });

  it('the services dedupe too: every accepted command sent again straight over the bus changes nothing', async () => {
    ok(accepted.length >= 20, `${accepted.length} commands`);
    const effects = async (c: Repeat) =>
      c.service === 'risk-guard'
        ? withCommand(await world.riskEvents(), c.data.commandId).length
        : (await world.positionEvents(c.positionId)).filter((e) =>
            c.verb === 'run'
              ? e.type === 'PositionOpened'
              : dataOf(e)['commandId'] === c.data.commandId,
          ).length;
    const repeats = accepted.map(repeatOf);
    const before = await Promise.all(repeats.map(effects));
    ok(
      before.every((n) => n <= 1),
      before.join(),
    );
    for (const c of repeats) {
      const request = opsRequest(c.service, c.verb as never, c.data);
      ok(E.isRight(request), JSON.stringify(c));
      const reply = (await requestOps(
        world.harness.bus,
        c.service,
        c.verb as never,
        request.right,
      )) as {
        ok: boolean;
        positionId?: string;
      };
      deepStrictEqual(
        [reply.ok, c.verb === 'run' ? reply.positionId : c.positionId],
        [true, c.positionId],
        JSON.stringify(c),
      );
    }
    await new Promise((r) => setTimeout(r, 300));
    deepStrictEqual(await Promise.all(repeats.map(effects)), before);
  });

  it('an accepted command whose event never comes ends with a timeout receipt', async () => {
    const timedOut = await eventually(
      () =>
        receipts.find(
          (r) => r.commandId === noopId && r.status !== 'sent' && r.status !== 'accepted',
        ),
      'the no-op command to end',
      15_000,
    );
    equal(timedOut.status, 'timeout');
    deepStrictEqual(statuses(noopId), ['sent', 'accepted', 'timeout']);
    equal(body(await operator.get(`/api/commands/${noopId}`))['status'], 'timeout');
  });
});

/** A command as the CLI would send it again: its endpoint, its data, the position it names. */
interface Repeat {
  readonly service: 'position-actor' | 'risk-guard';
  readonly verb: string;
  readonly data: Record<string, unknown> & { readonly commandId: string };
  readonly positionId: string;
}

function repeatOf(c: {
  path: string;
  body: Record<string, unknown>;
  reply: Record<string, unknown>;
}): Repeat {
  const audit = {
    commandId: c.body['commandId'] as string,
    issuedBy: 'dashboard:alice',
    reason: (c.body['reason'] as string | undefined) ?? null,
  };
  const positionId = (c.reply['positionId'] as string | null) ?? '';
  if (c.path === '/api/strategies') {
    const spec = c.body['spec'];
    const parsed = typeof spec === 'string' ? parseStrategyFile(spec) : decodeStrategySpec(spec);
    if (E.isLeft(parsed)) throw parsed.left;
    return {
      service: 'position-actor',
      verb: 'run',
      positionId,
      data: { strategy: encodeStrategySpec(parsed.right), ...audit },
    };
  }
  const [, area, , verb] = /^\/api\/(positions|risk)\/(?:([^/]+)\/)?([a-z-]+)$/.exec(c.path) ?? [];
  if (area === 'positions')
    return { service: 'position-actor', verb: verb!, positionId, data: { positionId, ...audit } };
  const ratePct = c.body['ratePct'];
  return {
    service: 'risk-guard',
    verb: verb!,
    positionId,
    data: ratePct === undefined ? audit : { ratePct, ...audit },
  };
}

/** The operator's client, recording every command the gateway accepted (a POST answered 200). */
class RecordingClient extends TestClient {
  constructor(
    from: TestClient,
    private readonly onAccepted: (
      path: string,
      body: Record<string, unknown>,
      reply: Record<string, unknown>,
    ) => void,
  ) {
    super(from.base, from.cookie, from.csrfToken, from.origin);
  }

  override async request(
    method: string,
    path: string,
    options: Parameters<TestClient['request']>[2] = {},
  ): Promise<TestReply> {
    const reply = await super.request(method, path, options);
    if (method === 'POST' && reply.status === 200 && typeof options.body === 'object')
      this.onAccepted(
        path,
        options.body as Record<string, unknown>,
        reply.json as Record<string, unknown>,
      );
    return reply;
  }
}
