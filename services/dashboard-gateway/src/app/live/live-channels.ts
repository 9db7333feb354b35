import { Market, PositionId } from '@hoga/model';
import { ServiceNameC } from '@hoga/contracts';

/** How a channel keeps its values: the latest per key, or every value in order. */
export type ChannelKind = 'replace' | 'append';

/** The fixed channels and the prefixes of the parameterized ones, with their kinds. */
const FIXED: Readonly<Record<string, ChannelKind>> = {
  positions: 'replace',
  risk: 'replace',
  commands: 'append',
  timeline: 'append',
};
const PREFIXED: Readonly<Record<string, { kind: ChannelKind; valid: (s: string) => boolean }>> = {
  'position/': { kind: 'append', valid: (s) => PositionId.is(s) },
  'logs/': { kind: 'append', valid: (s) => ServiceNameC.is(s) },
  'ticks/': { kind: 'replace', valid: (s) => Market.is(s) },
};

/**
 * The kind of a channel name, or undefined when it is not a live channel: `positions`, `risk`,
 * `ticks/<market>` (replace); `position/<id>`, `logs/<service>`, `commands`, `timeline` (append).
 */
export function channelKind(channel: string): ChannelKind | undefined {
  if (Object.hasOwn(FIXED, channel)) return FIXED[channel];
  const slash = channel.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = channel.slice(0, slash + 1);
  if (!Object.hasOwn(PREFIXED, prefix)) return undefined;
  const rule = PREFIXED[prefix]!;
  return rule.valid(channel.slice(slash + 1)) ? rule.kind : undefined;
}

/** The channel of a market's downsampled ticks. */
export const ticksChannel = (market: string): string => `ticks/${market}`;

/** The `positions` channel (key: position id; data: the encoded `PositionState` data or null). */
export const POSITIONS_CHANNEL = 'positions';
/** The `risk` channel (keys `trading`, `account`, `feeds`, `health`). */
export const RISK_CHANNEL = 'risk';
/** The `timeline` channel (key: the event's id; data: a `TimelineEntry` as `/api/timeline` has it). */
export const TIMELINE_CHANNEL = 'timeline';
