import type { Krw, Price, Volume } from '@hoga/model';

/** One trade of an order as Upbit's REST order detail lists it. */
export interface ExchangeTrade {
  readonly uuid: string;
  readonly price: Price;
  readonly volume: Volume;
  readonly funds: Krw;
  readonly at: Date;
}

/** An order as Upbit reports it (REST, exact decimal strings), with its trades when known. */
export interface ExchangeOrder {
  readonly uuid: string;
  readonly identifier: string | null;
  readonly market: string;
  readonly state: 'wait' | 'watch' | 'done' | 'cancel';
  readonly executedVolume: Volume;
  readonly executedFunds: Krw | null;
  readonly paidFee: Krw;
  readonly tradesCount: number;
  readonly trades: readonly ExchangeTrade[];
}

/** True when Upbit will not change the order any more. */
export const isExchangeFinal = (o: Pick<ExchangeOrder, 'state'>): boolean =>
  o.state === 'done' || o.state === 'cancel';
