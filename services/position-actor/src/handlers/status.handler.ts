import type {
  GetPositionActorStatus,
  PositionActorSettings,
  PositionActorStatusReply,
} from '@hoga/contracts';
import type { PriceSanitySettings } from '@hoga/position';
import type { ActorHost } from '../app/actor-host.js';

/**
 * `hoga.ops.position-actor.status`: this instance, the settings in force (fee rate, partitions,
 * snapshot period, state throttle) and its tick gate — ticks received and
 * delivered, every tick stopped by reason (market of the subject, tick grid, held by the price
 * sanity rule), held levels confirmed or dropped, and the markets with trades held now.
 */
export function statusHandler(
  host: ActorHost,
  status: {
    readonly instanceId: string;
    readonly priceSanity: PriceSanitySettings;
    readonly settings: PositionActorSettings;
  },
) {
  return (_request: GetPositionActorStatus): Promise<PositionActorStatusReply> => {
    const c = host.ticks.counts;
    return Promise.resolve({
      ok: true,
      instanceId: status.instanceId,
      config: status.settings,
      ticks: {
        settings: status.priceSanity,
        received: c.received,
        delivered: c.delivered,
        rejected: { ...c.rejected },
        held: { ...c.held },
        confirmed: c.confirmed,
        dropped: c.dropped,
        holding: host.ticks.heldLevels(),
        candles: {
          received: host.ticks.candleCounts.received,
          delivered: host.ticks.candleCounts.delivered,
          rejected: { ...host.ticks.candleCounts.rejected },
        },
      },
    });
  };
}
