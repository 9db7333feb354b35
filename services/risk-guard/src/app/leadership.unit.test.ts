import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createLogger, memorySink } from '@hoga/telemetry';
import { MemoryLeases } from '../testing/memory-leases.js';
import { LEADER_LOCK, Leadership, type LeaderRole } from './leadership.js';

/** A role that records what it is told; `failNextLead` makes the next take-over reject. */
class RecordingRole implements LeaderRole {
  readonly calls: string[] = [];
  failNextLead = false;

  async lead(): Promise<void> {
    this.calls.push('lead');
    if (this.failNextLead) {
      this.failNextLead = false;
      throw new Error('take-over failed');
    }
  }
  lost(): Promise<void> {
    this.calls.push('lost');
    return Promise.resolve();
  }
  async release(): Promise<void> {
    this.calls.push('release');
  }
}

/** Retries far apart: the tests drive `attempt()` themselves. */
const NEVER = 3_600_000;

describe('Leadership (the leader lease loop)', () => {
  const leases = new MemoryLeases();
  const started: Leadership[] = [];
  const log = memorySink();
  const logger = createLogger({ service: 'test', sinks: [log] });

  afterEach(async () => {
    for (const l of started.splice(0)) await l.stop();
    leases.holders.clear();
  });

  async function instance(session = leases.session(), role = new RecordingRole()) {
    const leadership = new Leadership(session, role, logger, NEVER);
    started.push(leadership);
    await leadership.start();
    return { leadership, role, session };
  }

  it('the first instance leads; a second stands by and takes no role', async () => {
    const a = await instance();
    const b = await instance();
    strictEqual(a.leadership.isLeader(), true);
    strictEqual(b.leadership.isLeader(), false);
    deepStrictEqual(a.role.calls, ['lead']);
    deepStrictEqual(b.role.calls, []);
    await b.leadership.attempt();
    deepStrictEqual(b.role.calls, [], 'the lock is still taken');
  });

  it('a lost session stops the role at once; the standby leads on its next attempt', async () => {
    const a = await instance();
    const b = await instance();
    a.session.refuseConnect = true;
    a.session.kill();
    deepStrictEqual(a.role.calls, ['lead', 'lost'], 'told during the kill, before anything else');
    strictEqual(a.leadership.isLeader(), false);
    await b.leadership.attempt();
    strictEqual(b.leadership.isLeader(), true);
    deepStrictEqual(b.role.calls, ['lead']);
    await a.leadership.attempt();
    deepStrictEqual(a.role.calls, ['lead', 'lost'], 'the old leader cannot get back in');
    strictEqual(leases.holders.get(LEADER_LOCK), b.session);
  });

  it('an instance that lost its session leads again once the lock is free', async () => {
    const a = await instance();
    a.session.kill();
    await a.leadership.attempt();
    strictEqual(a.leadership.isLeader(), true);
    deepStrictEqual(a.role.calls, ['lead', 'lost', 'lead']);
  });

  it('a failed take-over gives the lock back; the next attempt tries again', async () => {
    const role = new RecordingRole();
    role.failNextLead = true;
    const a = await instance(leases.session(), role);
    strictEqual(a.leadership.isLeader(), false);
    strictEqual(leases.holders.has(LEADER_LOCK), false, 'free for another instance');
    deepStrictEqual(role.calls, ['lead', 'release']);
    await a.leadership.attempt();
    strictEqual(a.leadership.isLeader(), true);
    deepStrictEqual(role.calls, ['lead', 'release', 'lead']);
  });

  it('stop releases the role, frees the lock, and tries no more', async () => {
    const a = await instance();
    const b = await instance();
    await a.leadership.stop();
    deepStrictEqual(a.role.calls, ['lead', 'release']);
    strictEqual(leases.holders.has(LEADER_LOCK), false);
    await a.leadership.attempt();
    deepStrictEqual(a.role.calls, ['lead', 'release'], 'stopped: no attempt');
    await b.leadership.attempt();
    strictEqual(b.leadership.isLeader(), true);
  });

  it('a session lost while standing by changes nothing but a new session next time', async () => {
    const a = await instance();
    const b = await instance();
    b.session.kill();
    deepStrictEqual(b.role.calls, []);
    a.session.kill();
    await b.leadership.attempt();
    strictEqual(b.leadership.isLeader(), true);
  });
});
