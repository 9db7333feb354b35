import { Svcm } from '@nats-io/services';
import { connect } from '@nats-io/transport-node';

/** One answer to `$SRV.PING.<name>` (a NATS micro service instance, as `nats micro ls` lists it). */
export interface MicroPingResponse {
  readonly name: string;
  readonly id: string;
  readonly version: string;
}

/**
 * `nats micro ls <name>` without the CLI: pings the service with the NATS services client and
 * collects every instance that answers within `windowMs`.
 */
export async function microPing(
  natsUrl: string,
  name: string,
  windowMs = 750,
): Promise<MicroPingResponse[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    // `@nats-io/services` pins its own copy of nats-core: the connection is the same object.
    const client = new Svcm(nc as never).client({ strategy: 'timer', maxWait: windowMs });
    const out: MicroPingResponse[] = [];
    for await (const pong of await client.ping(name))
      out.push({ name: pong.name, id: pong.id, version: pong.version });
    return out;
  } finally {
    await nc.close();
  }
}
