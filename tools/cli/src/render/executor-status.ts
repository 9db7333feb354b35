import { formatKrw } from '@hoga/model';
import type { OkReply } from '../ops-client.js';

type Status = OkReply<'order-executor', 'status'>;

/** order-executor's status in a few lines: commands, exchange access, the settings in force. */
export function renderExecutorStatus(status: Status): string[] {
  const { access, settings: s } = status;
  return [
    `ORDER-EXECUTOR  ${status.taking ? 'taking order commands' : 'not taking order commands (starting or stopping)'}`,
    `exchange        ${status.exchange}`,
    `access          ${access.status === 'ok' ? 'ok' : `LOST (${access.problem ?? 'unknown'})`}`,
    `fee rate        ${s.feeRate.toString()}`,
    `in flight       at most ${String(s.maxInFlight)} commands at once`,
    `entry max age   ${String(s.maxEntryAgeMs)} ms`,
    `open positions  ${s.maxOpenPositions === null ? 'no cap' : `at most ${String(s.maxOpenPositions)}`}`,
    `per market      ${s.maxExposurePerMarketKrw === null ? 'no cap' : `at most ${formatKrw(s.maxExposurePerMarketKrw, 'en')}`}`,
    `partitions      order events for ${String(s.partitions)} position-actor partitions`,
  ];
}
