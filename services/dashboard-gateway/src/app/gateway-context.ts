import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Bus } from '@hoga/bus';
import type { EventStore } from '@hoga/event-store';
import type { Logger } from '@hoga/telemetry';
import type { Guards } from './auth/guards.js';
import type { SessionStore } from './auth/sessions.js';
import type { GatewaySettings } from '../config.js';
import type { LoginCodes } from './auth/login-codes.js';
import type { LiveHub } from './live/live-hub.js';
import type { LivePublisher } from './live/live-publisher.port.js';
import type { FaroForwarder } from './faro/faro-forwarder.js';

/** What every part of the gateway is built on. */
export interface GatewayContext {
  readonly settings: GatewaySettings;
  readonly bus: Bus;
  readonly store: EventStore;
  /** The shared PostgreSQL (order-executor's `orders` and `trades`, the gateway's own tables). */
  readonly pool: pg.Pool;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly sessions: SessionStore;
  readonly guards: Guards;
  /** One-time login codes (`hoga dashboard url`). */
  readonly loginCodes: LoginCodes;
  /** The origin browsers use (`http://127.0.0.1:8790`), known once listening. */
  origin(): string;
  /** Puts a value on a live channel. */
  readonly live: LivePublisher;
  /** The live sequence and its clients (the WebSocket server's side of `live`). */
  readonly hub: LiveHub;
  /** Where the page's Faro payloads go; undefined while no `faro.collectorUrl` is set. */
  readonly faro: FaroForwarder | undefined;
}

/** A part of the gateway (auth, live, history, commands, logs, static files): routes + duties. */
export interface GatewayModule {
  readonly name: string;
  /**
   * Registers its routes on `app` (before it listens) and starts its subscriptions; returns how
   * to stop them (called in reverse order at stop).
   */
  start(ctx: GatewayContext, app: FastifyInstance): Promise<(() => Promise<void>) | void>;
}
