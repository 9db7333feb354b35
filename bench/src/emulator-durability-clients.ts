/**
 * The REST clients of `npm run bench -- emulator-durability` (saturation and idle latency), in a
 * child process so the emulator's process runs the server alone: `clients` concurrent loops, each
 * placing a limit bid far below the market (it rests) and cancelling it by uuid, one request in
 * flight per loop, through `UpbitClient` (JWT per request, its own rate limiter lifted), until
 * `orders` orders are placed and cancelled. Talks to the parent over IPC (see
 * {@link RestClientsCommand}).
 */
import { performance } from 'node:perf_hooks';
import { UpbitClient } from '@hoga/upbit';

/** What the parent asks. */
export type RestClientsCommand =
  | {
      readonly op: 'run';
      readonly url: string;
      readonly accessKey: string;
      readonly secretKey: string;
      readonly market: string;
      /** The limit bid's price: far enough below the market that it never fills. */
      readonly price: string;
      readonly volume: string;
      readonly clients: number;
      readonly orders: number;
      /** Makes the identifiers unique per run. */
      readonly tag: string;
    }
  | { readonly op: 'close' };

/** What the child answers. */
export type RestClientsReport =
  | {
      readonly op: 'done';
      /** From the first request to the last answer. */
      readonly elapsedMs: number;
      /** Per order, ms: the POST /v1/orders round trip. */
      readonly place: number[];
      /** Per order, ms: the place and the cancel (DELETE /v1/order) round trips. */
      readonly order: number[];
    }
  | { readonly op: 'failed'; readonly message: string };

const send = (report: RestClientsReport): void => void process.send?.(report);

async function run(c: Extract<RestClientsCommand, { op: 'run' }>): Promise<RestClientsReport> {
  const client = new UpbitClient({
    baseUrl: c.url,
    credentials: { accessKey: c.accessKey, secretKey: c.secretKey },
    rateLimits: { limits: { order: 1e6, default: 1e6 } },
  });
  const place: number[] = [];
  const order: number[] = [];
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < c.orders) {
      const i = next++;
      const t0 = performance.now();
      const placed = await client.orders.place({
        market: c.market,
        side: 'bid',
        ord_type: 'limit',
        price: c.price,
        volume: c.volume,
        identifier: `${c.tag}-${i}`,
      });
      const t1 = performance.now();
      await client.orders.cancel({ uuid: placed.uuid });
      place.push(t1 - t0);
      order.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: c.clients }, loop));
  return { op: 'done', elapsedMs: performance.now() - started, place, order };
}

process.on('message', (command: RestClientsCommand) => {
  if (command.op === 'close') process.exit(0);
  run(command).then(send, (e: unknown) =>
    send({ op: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
});
