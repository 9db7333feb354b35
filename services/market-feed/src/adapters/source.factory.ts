import { accessSync, constants } from 'node:fs';
import type { Logger } from '@hoga/telemetry';
import type { Market } from '@hoga/model';
import { UpbitClient, type Clock, type SocketOptions } from '@hoga/upbit';
import type { MarketFeedSettings } from '../config.js';
import { readLines, ReplayFileSource } from './replay-file.source.js';
import type { MarketDataSource } from './source.port.js';
import { UpbitWsSource } from './upbit-ws.source.js';

/**
 * The source the settings ask for. `socket` tunes the Upbit connection (tests: fast backoff).
 * A replay file that cannot be read fails here, at start, not later.
 */
export function createSource(
  settings: MarketFeedSettings,
  clock: Clock,
  logger: Logger,
  socket?: SocketOptions,
): MarketDataSource {
  if (settings.source === 'replay') {
    const file = settings.replay.file ?? '';
    accessSync(file, constants.R_OK);
    return new ReplayFileSource({
      lines: () => readLines(file),
      speed: settings.replay.speed,
      clock,
    });
  }
  const quotation = new UpbitClient({ baseUrl: settings.upbit.restUrl }).quotation;
  return new UpbitWsSource({
    url: settings.upbit.wsUrl,
    format: settings.upbit.format,
    clock,
    logger,
    socket: { stallTimeoutMs: settings.upbit.stallTimeoutMs, ...socket },
    recentTrades: (market: Market, count: number) => quotation.tradeTicks({ market, count }),
  });
}
