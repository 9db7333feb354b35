import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { LiveTestClient, type LiveFrame } from '../../testing/live-test-client.js';

const CHANNELS = [
  'positions',
  'risk',
  'commands',
  'ticks/KRW-BTC',
  'logs/risk-guard',
  'position/p-1',
];
const ERROR_CODES = ['bad-frame', 'unknown-channel', 'not-subscribed', 'too-many-subscriptions'];

/** Client frames, mostly malformed: raw text, any JSON, near-misses of the real messages. */
const frames = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        op: fc.constantFrom('sub', 'unsub', 'ping', 'SUB', 'pong', ''),
        ch: fc.oneof(
          fc.constantFrom(...CHANNELS, 'ticks/', 'position/', 'ticks/krw-btc', 'logs/UP'),
          fc.string({ maxLength: 30 }),
          fc.integer(),
        ),
        fromSeq: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string({ maxLength: 5 })),
        epoch: fc.oneof(fc.string({ maxLength: 70 }), fc.nat()),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);

describe('live socket: fuzzed client frames', function () {
  this.timeout(180_000);
  const harness = new GatewayHarness('gw_live_fuzz');
  before(() => harness.start());
  after(() => harness.stop());

  it('answers 10,000 fuzzed frames each with one typed reply, never closing or failing', async () => {
    const client = await LiveTestClient.connect(harness.gateway.url, {
      cookie: harness.client('viewer').cookie,
    });
    let pongs = 0;
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        const from = client.frames.length;
        client.send(frame);
        client.send({ op: 'ping' });
        const wanted = ++pongs + countPings(frame);
        await client.until(() => client.ofType('pong').length >= wanted, 5_000, 'the pong');
        pongs = client.ofType('pong').length;
        const replies = client.frames
          .slice(from)
          .filter((f) => f.type !== 'pong' && f.type !== 'delta' && f.type !== 'heartbeat');
        check(frame, replies);
      }),
      { numRuns: 10_000 },
    );
    strictEqual(client.closeCode, undefined);
    deepStrictEqual(client.breaches, []);
    deepStrictEqual(
      harness.logs.filter((r) => r.level === 'error').map((r) => r.msg),
      [],
    );
    await client.close();
  });
});

const countPings = (frame: string): number => {
  try {
    const v = JSON.parse(frame) as unknown;
    return typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.keys(v).length === 1 &&
      (v as { op?: unknown }).op === 'ping'
      ? 1
      : 0;
  } catch {
    return 0;
  }
};

/** One reply per frame: an error with a known code, or what its op answers. */
function check(frame: string, replies: readonly LiveFrame[]): void {
  const types = replies.map((r) => r.type);
  if (types.length === 1 && types[0] === 'error') {
    ok(ERROR_CODES.includes(replies[0]!['code'] as string), JSON.stringify(replies[0]));
    return;
  }
  const message = JSON.parse(frame) as { op: string; ch: string };
  if (message.op === 'ping') deepStrictEqual(types, []);
  else if (message.op === 'unsub') deepStrictEqual(types, ['unsubscribed']);
  else {
    strictEqual(message.op, 'sub', frame);
    ok(
      ['snapshot', 'resync,snapshot', 'resumed'].includes(types.join(',')),
      `${frame} -> ${types.join(',')}`,
    );
    ok(replies.every((r) => r['ch'] === message.ch));
  }
}
