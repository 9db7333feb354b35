import { subjects, type OrderCommand } from '@hoga/contracts';
import { accessRefusalOf } from '@hoga/upbit';
import { OutboxRelay } from '@hoga/event-store';
import type { Logger } from '@hoga/telemetry';
import type { Subscription } from '@hoga/bus';
import { AccountWatchPart } from './account-watch/account-watch.part.js';
import { OrderEventsOutbox } from '../adapters/db/order-events.outbox.js';
import { orderEventPublisher } from '../adapters/bus/order-event.publisher.js';
import type { Connections } from '../adapters/connections.js';
import type { ExecutorMetrics } from '../adapters/executor-metrics.js';
import { buildParts, type ExecutorParts } from './executor-parts.js';
import { Periodic } from './periodic.js';
import type { ExecutorConfig } from '../config.js';
import { myOrderHandler } from '../handlers/my-order.handler.js';
import { orderCommandHandler } from '../handlers/order-command.handler.js';
import { statusHandler } from '../handlers/status.handler.js';

/** The durable consumer of `hoga.order.cmd` shared by every executor instance. */
export const COMMAND_CONSUMER = 'order-executor';

/**
 * The running parts of the order-executor and their order of start and stop: outbox relay ->
 * private WebSocket -> start-up reconciliation (fail-closed) -> loops (resolver, REST poll,
 * balances) -> command consumer (up to `maxInFlight` commands at once). Stop runs the other way
 * round and lets work in flight finish.
 */
export class Executor {
  readonly parts: ExecutorParts;
  /** Orders and balance changes hoga did not make (ADR 0026). */
  readonly accountWatch: AccountWatchPart;
  readonly #relay: OutboxRelay;
  readonly #loops: readonly Periodic[];
  readonly #resolverLoop: Periodic;
  readonly #stop = new AbortController();
  #consumer: Subscription | undefined;

  constructor(
    private readonly config: ExecutorConfig,
    private readonly conn: Connections,
    private readonly logger: Logger,
    clock: () => Date,
    metrics?: ExecutorMetrics,
  ) {
    const onError = (error: unknown) => logger.warn('order event not published yet', { error });
    const outbox = new OrderEventsOutbox(conn.db, config.positionActor.partitions);
    this.#relay = new OutboxRelay(outbox, orderEventPublisher(conn.bus, metrics?.published), {
      onError,
    });
    metrics?.observe({
      ...{ privateWs: conn.privateWs, outbox, now: clock },
      ...{ bus: conn.bus, durable: COMMAND_CONSUMER },
    });
    this.parts = buildParts(config, conn, logger, clock, {
      relay: () => this.#relay.wake(),
      resolver: () => this.#resolverLoop.wake(),
      accessRestored: () => this.accessRestored(),
      // A refused key would only collect refused handshakes: the checks stand in for them.
      accessLost: (state) =>
        state.status === 'lost' &&
        state.problem === 'credentials' &&
        this.conn.privateWs.holdReconnects(),
    });
    this.accountWatch = new AccountWatchPart(config, conn, this.parts, logger, clock);
    const { resolver, sync, account } = this.parts;
    const ex = config.executor;
    this.#resolverLoop = new Periodic(
      'resolver',
      ex.lookupIntervalMs,
      () => resolver.resolveDue(),
      logger,
    );
    this.#loops = [
      this.#resolverLoop,
      new Periodic('order poll', ex.pollIntervalMs, () => sync.syncAll(), logger),
      new Periodic('stuck sends', ex.pollIntervalMs, () => this.parts.stuckSends.sweep(), logger),
      new Periodic(
        'account state',
        ex.accountPublishIntervalMs,
        () => account.publishNow(),
        logger,
      ),
    ];
  }

  /** Starts everything; resolves once commands are being taken (false if stopped first). */
  async start(): Promise<boolean> {
    this.#relay.start();
    this.parts.access.start();
    this.listenToPrivateWs();
    this.conn.privateWs.start();
    if (!(await this.parts.reconciler.reconcile(this.#stop.signal))) return false;
    await this.accountWatch.start(
      statusHandler(this.config, {
        taking: () => this.#consumer !== undefined && !this.#stop.signal.aborted,
        access: () => this.parts.access.state,
      }),
    );
    for (const loop of this.#loops) loop.start();
    this.parts.tasks.run('release held exits', () => this.parts.place.releaseHeld());
    const { ackWaitMs, maxDeliver, maxInFlight } = this.config.executor;
    const handle = orderCommandHandler(
      {
        place: (command) => this.parts.place.place(command),
        cancel: (command) => this.parts.cancel.cancel(command),
      },
      this.parts.commandOrder,
      { maxDeliver, givenUp: (command, error) => this.commandGivenUp(command, error) },
    );
    this.#consumer = await this.conn.bus.consume(
      subjects.orderCmd(),
      { durable: COMMAND_CONSUMER, ackWaitMs, maxDeliver, maxInFlight },
      handle,
    );
    this.logger.info('order-executor taking commands', { maxInFlight });
    return true;
  }

  /** Stops taking commands, lets work in flight finish, publishes what is left in the outbox. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#consumer?.unsubscribe();
    await Promise.all(this.#loops.map((loop) => loop.stop()));
    await this.accountWatch.stop();
    await this.conn.privateWs.close();
    await this.parts.tasks.drain();
    await this.parts.access.stop();
    this.parts.account.stop();
    await this.#relay.stop();
    await this.#relay
      .relayOnce()
      .catch((error: unknown) => this.logger.warn('outbox not flushed', { error }));
  }

  /**
   * A command failed on its last delivery and goes to the dead letters (ADR 0030): an entry
   * never recorded leaves its position pending, an exit leaves its coins unsold — the operator
   * hears of it at once (critical), with what to do.
   */
  private async commandGivenUp(command: OrderCommand, error: string): Promise<void> {
    const { positionId, orderId } = command.data;
    const what = command.type === 'PlaceOrder' ? `${command.data.leg} order` : 'cancel';
    await this.parts.alerts.raise({
      severity: 'critical',
      title: `${what} ${orderId} of ${positionId} could not be executed and was dead-lettered`,
      body:
        `${command.type} failed on its last of ${this.config.executor.maxDeliver} deliveries: ` +
        `${error}. It is kept in the dead letters (hoga deadletters order-executor); nothing will ` +
        `run it again. Check the position (hoga positions) and close it or act on Upbit by hand.`,
      dedupKey: `command-given-up:${command.id}`,
    });
  }

  /** Access to Upbit is back: send the held exits, reconnect the private socket, resync. */
  private accessRestored(): void {
    const { tasks, place, sync, account } = this.parts;
    this.conn.privateWs.reconnectNow();
    tasks.run('release held exits', () => place.releaseHeld());
    tasks.run('sync after restored access', () => sync.syncAll());
    this.#resolverLoop.wake();
    account.changed();
  }

  private listenToPrivateWs(): void {
    const { orders, recorder, sync, tasks, feeRate, account } = this.parts;
    const onMyOrder = myOrderHandler({
      ...{ orders, recorder, sync, feeRate, logger: this.logger },
      wakeResolver: () => this.#resolverLoop.wake(),
      onFill: () => account.changed(),
      onForeignOrder: (uuid) =>
        tasks.run('foreign order frame', () => this.accountWatch.watch.onUnknownFrame(uuid)),
    });
    const ws = this.conn.privateWs;
    ws.on('message', (m) => {
      if (m.type === 'myOrder') tasks.run('myOrder frame', () => onMyOrder(m));
      else account.changed();
    });
    ws.on('reconnected', ({ connection }) => {
      this.logger.info('private WebSocket connected: syncing open orders by REST', { connection });
      this.parts.access.accepted('read'); // the upgrade was signed with the key: it works
      tasks.run('sync after reconnect', () => sync.syncAll());
      this.#resolverLoop.wake();
    });
    ws.on('issue', (error) => {
      this.logger.warn('private WebSocket issue', { error });
      const refusal = accessRefusalOf(error);
      if (refusal) this.parts.access.refused(refusal);
    });
    this.conn.onBlocked((e) =>
      tasks.run('418 alert', () =>
        this.parts.alerts.raise({
          severity: 'critical',
          title: `Upbit blocked the account's requests until ${e.until.toISOString()} (418)`,
          body: `${e.method} ${e.path} (group ${e.group}); requests are queued until the block ends`,
          dedupKey: `upbit-blocked:${e.until.toISOString()}`,
        }),
      ),
    );
  }
}
