import { equal, ok } from 'node:assert/strict';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { accessRefusalOf } from '../auth/access-refusal.js';
import { UpbitWsHandshakeError, UpbitWsStallError } from '../errors/ws.errors.js';
import { ALICE, startTestEmulator } from '../testing/emulator-harness.js';
import { eventually } from '../testing/local-ws-server.js';
import { PrivateWsClient } from '../ws/private-ws-client.js';
import { PublicWsClient, type PublicWsMessage } from '../ws/public-ws-client.js';
import type { UpbitWsClient } from '../ws/upbit-ws-client.js';

/** Pings every 50 ms, stalled after 300 ms of silence: the defaults (4 s / 12 s) scaled down. */
const quick = {
  pingIntervalMs: 50,
  stallTimeoutMs: 300,
  backoff: { initialMs: 10, maxMs: 50 },
  minRequestIntervalMs: 0,
};

function record<M>(client: UpbitWsClient<M>) {
  const log = { messages: [] as M[], issues: [] as Error[], connections: [] as number[] };
  client.on('message', (m) => log.messages.push(m));
  client.on('issue', (e) => log.issues.push(e));
  client.on('reconnected', ({ connection }) => log.connections.push(connection));
  return log;
}

describe('conformance: silent sockets and refused keys against the emulator', () => {
  let emulator: RunningEmulator;
  const clients: UpbitWsClient<unknown>[] = [];
  beforeEach(async () => (emulator = await startTestEmulator()));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await emulator.close();
  });

  it('a frozen public socket (open, silent, deaf to pings) is found, replaced, and trades flow again', async () => {
    const feed = new PublicWsClient({ url: emulator.wsUrl, ...quick });
    clients.push(feed);
    const log = record<PublicWsMessage>(feed.subscribe('trade', ['KRW-BTC']).start());
    await eventually(() => log.messages.length >= 1, 'the snapshot');
    equal(emulator.admin.freezeWebSockets('public'), 1);
    await eventually(() => log.connections.length === 2, 'reconnected after the stall');
    ok(log.issues.some((e) => e instanceof UpbitWsStallError));
    const seen = log.messages.length;
    await eventually(() => {
      emulator.admin.step(1);
      return log.messages.length > seen;
    }, 'trades on the new connection');
    emulator.admin.thawWebSockets();
  });

  it('a frozen private socket is found and replaced (the engine then reconciles by REST)', async () => {
    const mine = new PrivateWsClient({ url: emulator.privateWsUrl, credentials: ALICE, ...quick });
    clients.push(mine);
    const log = record(mine.start());
    await eventually(() => log.connections.length === 1, 'connected');
    equal(emulator.admin.freezeWebSockets('private'), 1);
    await eventually(() => log.connections.length === 2, 'reconnected after the stall');
    ok(log.issues.some((e) => e instanceof UpbitWsStallError));
    emulator.admin.thawWebSockets();
  });

  it("a revoked key: the private socket is dropped, its upgrades refused with Upbit's name", async () => {
    const mine = new PrivateWsClient({ url: emulator.privateWsUrl, credentials: ALICE, ...quick });
    clients.push(mine);
    const log = record(mine.start());
    await eventually(() => log.connections.length === 1, 'connected');
    emulator.admin.setKeyAccess(ALICE.accessKey, { key: 'expired' });
    await eventually(() => log.issues.some((e) => e instanceof UpbitWsHandshakeError), 'refused');
    const refusal = log.issues.find((e) => e instanceof UpbitWsHandshakeError);
    equal(accessRefusalOf(refusal)?.errorName, 'expired_access_key');
    emulator.admin.setKeyAccess(ALICE.accessKey, { key: 'ok' });
    await eventually(() => log.connections.length === 2, 'back once restored');
  });
});
