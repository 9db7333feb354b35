import type { EmulatorConfig } from './config/resolve-options.js';
import { Faults } from './http/faults.js';
import { KeyAccess } from './http/key-access.js';
import { Traffic } from './http/traffic.js';
import { RateLimiter } from './http/rate-limiter.js';
import { DurableState } from './persistence/durable-state.js';
import { SimulationLoop } from './simulation-loop.js';
import { createRandom, randomUuid } from './util/prng.js';
import { createWorld, type World } from './world.js';
import { StreamHub } from './ws/stream-hub.js';

/** The mutable parts of a running emulator, shared by the HTTP, WebSocket and admin layers. */
export class EmulatorRuntime {
  world: World;
  readonly hub: StreamHub;
  readonly limiter: RateLimiter;
  readonly faults = new Faults();
  /** Run-time key changes (admin: revoke, expire, order permission, restore). */
  readonly keys = new KeyAccess();
  /** Signed requests and handshakes seen (admin `traffic`). */
  readonly traffic = new Traffic();
  readonly loop: SimulationLoop;
  /** The journal and snapshot of the state, when `persistence` is configured. */
  readonly durable: DurableState | undefined;

  constructor(readonly config: EmulatorConfig) {
    const assetIds = createRandom(config.seed, 'asset-uuids');
    this.hub = new StreamHub(
      () => this.world,
      () => randomUuid(assetIds),
    );
    this.durable = config.persistence
      ? DurableState.open(config.persistence, config.log)
      : undefined;
    this.world = this.durable
      ? this.durable.createWorld(config, this.hub)
      : createWorld(config, this.hub);
    this.limiter = new RateLimiter(config.rateLimits, config.clock);
    this.faults.update(config.faults);
    this.loop = new SimulationLoop(config.tickIntervalMs, () => this.world.step(), config.paused);
  }

  /** Rebuilds the world from the configuration; clears rate-limit state, faults, key changes and traffic counts. */
  reset(): void {
    this.world = this.durable
      ? this.durable.resetWorld(this.config, this.hub)
      : createWorld(this.config, this.hub);
    this.limiter.settings = this.config.rateLimits;
    this.limiter.reset();
    this.faults.clear();
    this.faults.update(this.config.faults);
    this.keys.clear();
    this.traffic.reset();
  }
}
