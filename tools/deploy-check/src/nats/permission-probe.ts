import { connect, errors, type NatsConnection } from '@nats-io/transport-node';
import type { DeployedNats } from './nats-server-process.js';
import type { NatsUser } from './service-permissions.js';

/** A connection as one user that records every permission the server refused it. */
export class PermissionProbe {
  readonly refused: { operation: string; subject: string }[] = [];

  private constructor(readonly nc: NatsConnection) {}

  static async open(nats: DeployedNats, user: NatsUser): Promise<PermissionProbe> {
    const nc = await connect({
      servers: nats.servers,
      user,
      pass: nats.password(user),
      name: `deploy-check-${user}`,
    });
    const probe = new PermissionProbe(nc);
    void (async () => {
      for await (const s of nc.status())
        if (s.type === 'error' && s.error instanceof errors.PermissionViolationError)
          probe.refused.push({ operation: s.error.operation, subject: s.error.subject });
    })();
    return probe;
  }

  /** Publishes, then waits for the server's answer to a ping: a refusal arrives before it. */
  async canPublish(subject: string): Promise<boolean> {
    this.nc.publish(subject, '{}');
    return this.#settled('publish', subject);
  }

  async canSubscribe(subject: string): Promise<boolean> {
    const sub = this.nc.subscribe(subject, { callback: () => undefined });
    const ok = await this.#settled('subscription', subject);
    if (ok) sub.unsubscribe();
    return ok;
  }

  async #settled(operation: string, subject: string): Promise<boolean> {
    await this.nc.flush();
    await new Promise((r) => setImmediate(r));
    return !this.refused.some((r) => r.operation === operation && r.subject === subject);
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}
