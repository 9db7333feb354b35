import * as t from 'io-ts';
import { envelope, IsoDateTime } from './envelope.js';
import { NonNegativeIntC, text } from './codec-helpers.js';
import { opsReply } from './ops-reply.codec.js';

/** A dashboard role: `viewer` reads, `operator` also commands. */
export const DashboardRole = t.keyof({ viewer: null, operator: null }, 'DashboardRole');
export type DashboardRole = t.TypeOf<typeof DashboardRole>;

/**
 * Asks the dashboard-gateway for a one-time login link (`hoga dashboard url`): a single-use code
 * that expires within minutes, exchanged for a server-side session by the browser.
 */
export const CreateLoginLink = envelope(
  'CreateLoginLink',
  t.strict({
    /** Who the session is for (`cli:alice`): the issuer recorded on every command it sends. */
    user: text(128, 1),
    role: DashboardRole,
  }),
);
/** The link to open (it carries only the one-time code) and when the code expires. */
export const LoginLinkReply = opsReply('LoginLinkReply', {
  url: text(2048, 1),
  expiresAt: IsoDateTime,
});

/** Asks the dashboard-gateway how it is doing. */
export const GetGatewayStatus = envelope('GetGatewayStatus', t.strict({}));
/** What the gateway did with the page's Faro payloads since it started (ADR 0044). */
export const FaroForwardStats = t.strict(
  {
    /** Payloads taken for the collector. */
    accepted: NonNegativeIntC,
    /** Payloads the collector answered with a 2xx. */
    forwarded: NonNegativeIntC,
    /** Payloads given up: at a full queue, answered non-2xx by the collector, failed or timed out. */
    dropped: t.strict({
      queueFull: NonNegativeIntC,
      collectorStatus: NonNegativeIntC,
      failed: NonNegativeIntC,
    }),
    /** Waiting or in flight now. */
    pending: NonNegativeIntC,
  },
  'FaroForwardStats',
);
export type FaroForwardStats = t.TypeOf<typeof FaroForwardStats>;

/** The gateway's live clients, what they have queued, and who was dropped. */
export const GatewayStatusReply = opsReply('GatewayStatusReply', {
  /** Where the dashboard is served. */
  url: text(2048, 1),
  startedAt: IsoDateTime,
  /** Live WebSocket clients now. */
  clients: NonNegativeIntC,
  /** Bytes queued for all clients (in the gateway and in their socket buffers). */
  queuedBytes: NonNegativeIntC,
  /** Clients dropped for being too slow since the start. */
  droppedClients: NonNegativeIntC,
  /** Live server-side sessions. */
  sessions: NonNegativeIntC,
  /** The last sequence number of the live state. */
  sequence: NonNegativeIntC,
  /** The page's Faro payloads forwarded and dropped; null while front-end observability is off. */
  faro: t.union([t.null, FaroForwardStats]),
});
