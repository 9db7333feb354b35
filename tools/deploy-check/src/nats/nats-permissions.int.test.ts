import { strict as assert } from 'node:assert';
import { jetstream, jetstreamManager, AckPolicy, RetentionPolicy } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { STREAMS, kv, subjects, type StreamSpec } from '@hoga/contracts';
import { jetStreamPublish, kvStream } from './jetstream-api.js';
import { startDeployedNats, type DeployedNats } from './nats-server-process.js';
import { PermissionProbe } from './permission-probe.js';
import { NATS_USERS, PERMISSIONS, type NatsUser } from './service-permissions.js';
import { concrete, subjectMatches } from './subject-match.js';

/** A tick subject of one market (the registry spells it; the market is a probe value). */
const TICK = concrete(subjects.mdTick('*').subject);
const STREAM_LIST: StreamSpec[] = Object.values(STREAMS);
const publishes = (u: NatsUser) => [
  ...PERMISSIONS[u].publish,
  ...jetStreamPublish(PERMISSIONS[u].jetstream),
];
const allowed = (patterns: readonly string[], subject: string) =>
  patterns.some((p) => subjectMatches(p, subject));

/** Subjects some user publishes (made concrete), and what no user may: delete, purge, foreign streams. */
const publishCandidates = (): string[] => [
  ...new Set([
    ...NATS_USERS.flatMap(publishes).map(concrete),
    ...STREAM_LIST.flatMap((s) => [
      `$JS.API.STREAM.DELETE.${s.name}`,
      `$JS.API.STREAM.PURGE.${s.name}`,
    ]),
    `$JS.API.STREAM.DELETE.${kvStream(kv.risk().bucket)}`,
    '$JS.API.STREAM.CREATE.ANYTHING',
    '$JS.API.STREAM.LIST',
    'hoga.something.else',
  ]),
];
const subscribeCandidates = (): string[] => [
  ...new Set([...NATS_USERS.flatMap((u) => PERMISSIONS[u].subscribe).map(concrete), '>', 'hoga.>']),
];

/** A user that publishes into the stream, and a subject it publishes there. */
function producerOf(stream: StreamSpec): { producer: NatsUser; subject: string } {
  for (const producer of NATS_USERS)
    for (const p of PERMISSIONS[producer].publish) {
      const subject = concrete(p);
      if (allowed(stream.subjects, subject)) return { producer, subject };
    }
  throw new Error(`no user publishes into ${stream.name}`);
}

describe('deploy/nats: each service user on a real nats-server', function () {
  this.timeout(60_000);
  let nats: DeployedNats;
  const probes = new Map<NatsUser, PermissionProbe>();
  const probe = (u: NatsUser): PermissionProbe => {
    const p = probes.get(u);
    if (p === undefined) throw new Error(`no probe for ${u}`);
    return p;
  };

  before(async () => {
    nats = await startDeployedNats();
    for (const u of NATS_USERS) probes.set(u, await PermissionProbe.open(nats, u));
  });
  after(async () => {
    for (const p of probes.values()) await p.close().catch(() => undefined);
    // every refusal the test provoked was logged by the server as a violation
    assert.ok(
      nats
        .violations()
        .some((l) => /Publish Violation - User "market-feed", Subject "hoga.order.cmd"/.test(l)),
    );
    await nats?.stop();
  });

  it('refuses a wrong password', async () => {
    const { connect } = await import('@nats-io/transport-node');
    await assert.rejects(
      connect({ servers: nats.servers, user: 'market-feed', pass: 'not-the-password' }),
      /Authorization/i,
    );
  });

  it('market-feed cannot publish an order command; the dashboard cannot publish ticks', async () => {
    assert.equal(await probe('market-feed').canPublish(subjects.orderCmd().subject), false);
    assert.equal(await probe('dashboard-gateway').canPublish(TICK), false);
    assert.equal(await probe('position-actor').canPublish(subjects.orderCmd().subject), true);
    assert.equal(await probe('market-feed').canPublish(TICK), true);
  });

  for (const user of NATS_USERS) {
    it(`${user}: may publish and subscribe all it needs, and nothing else`, async () => {
      const p = probe(user);
      const pub = publishes(user);
      const sub = PERMISSIONS[user].subscribe;
      for (const s of pub) assert.ok(await p.canPublish(concrete(s)), `${user} publish ${s}`);
      for (const s of sub) assert.ok(await p.canSubscribe(s), `${user} subscribe ${s}`);
      const deniedPub = publishCandidates().filter((s) => !allowed(pub, s));
      const deniedSub = subscribeCandidates().filter((s) => !allowed(sub, s));
      assert.ok(deniedPub.length > 0 && deniedSub.length > 0);
      for (const s of deniedPub) assert.equal(await p.canPublish(s), false, `${user} publish ${s}`);
      for (const s of deniedSub)
        assert.equal(await p.canSubscribe(s), false, `${user} subscribe ${s}`);
    });
  }

  it('each service declares its streams, consumes its durables and reads what it reads', async () => {
    // every declarer creates its streams as the bus does (idempotent: the second one updates nothing)
    for (const user of NATS_USERS) {
      const jsm = await jetstreamManager(probe(user).nc, { timeout: 3000 });
      for (const s of PERMISSIONS[user].jetstream.declares) {
        await jsm.streams.add({
          name: s.name,
          subjects: [...s.subjects],
          retention:
            s.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
        });
        assert.equal((await jsm.streams.info(s.name)).config.name, s.name, `${user} ${s.name}`);
      }
    }
    for (const user of NATS_USERS) {
      const nc = probe(user).nc;
      const jsm = await jetstreamManager(nc, { timeout: 3000 });
      for (const s of PERMISSIONS[user].jetstream.consumes) {
        // a producer of the stream stores one message, the consumer gets it and acks it
        const { producer, subject } = producerOf(s);
        await jetstream(probe(producer).nc).publish(subject, '{}');
        const durable = `probe-${user}`;
        await jsm.consumers.add(s.name, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          filter_subject: s.subjects[0] ?? '>',
        });
        const consumer = await jetstream(nc).consumers.get(s.name, durable);
        const m = await consumer.next({ expires: 5000 });
        assert.ok(m, `${user} got a message from ${s.name}`);
        assert.equal(await m.ackAck(), true);
        // deleting a durable: only where an earlier version's consumers are retired (ADR 0065)
        const retires = PERMISSIONS[user].jetstream.retiresConsumers.includes(s);
        const deleted = await jsm.consumers.delete(s.name, durable).catch(() => false);
        assert.equal(deleted, retires, `${user} deletes a consumer of ${s.name}`);
      }
      for (const s of PERMISSIONS[user].jetstream.reads) {
        // a producer stores a message (a log line, a dead letter); the reader reads it by sequence
        const { producer, subject } = producerOf(s);
        const ack = await jetstream(probe(producer).nc).publish(subject, '{"read":true}');
        const m = await jsm.streams.getMessage(s.name, { seq: ack.seq });
        assert.equal(m?.string(), '{"read":true}', `${user} reads ${s.name}`);
      }
    }
  });

  it('only risk-guard writes the trading state; the others open, read and watch it', async () => {
    const bucket = kv.risk().bucket;
    const writer = await new Kvm(probe('risk-guard').nc).create(bucket, { history: 10 });
    await writer.put('trading', '{"state":"ACTIVE"}');
    for (const user of NATS_USERS) {
      if (!PERMISSIONS[user].jetstream.buckets.includes(bucket)) continue;
      const store = await new Kvm(probe(user).nc).create(bucket, { history: 10 });
      assert.equal((await store.get('trading'))?.string(), '{"state":"ACTIVE"}', user);
      const watch = await store.watch();
      for await (const e of watch) {
        assert.equal(e.key, 'trading');
        break;
      }
      watch.stop();
      const writes = PERMISSIONS[user].jetstream.writesBuckets.includes(bucket);
      assert.equal(await probe(user).canPublish(`$KV.${bucket}.trading`), writes, user);
    }
  });
});
