/** Names and default start prices of well-known KRW markets; other codes get generic names. */
interface CatalogEntry {
  readonly korean: string;
  readonly english: string;
  readonly startPrice: string;
}

const CATALOG: Readonly<Record<string, CatalogEntry>> = {
  BTC: { korean: '비트코인', english: 'Bitcoin', startPrice: '140000000' },
  ETH: { korean: '이더리움', english: 'Ethereum', startPrice: '5000000' },
  XRP: { korean: '엑스알피(리플)', english: 'XRP', startPrice: '3000' },
  SOL: { korean: '솔라나', english: 'Solana', startPrice: '250000' },
  DOGE: { korean: '도지코인', english: 'Dogecoin', startPrice: '350' },
  ADA: { korean: '에이다', english: 'Cardano', startPrice: '1000' },
};

/** The catalog entry of a market code such as `KRW-BTC`, with fallbacks for unknown coins. */
export function catalogEntry(market: string): CatalogEntry {
  const base = market.slice(market.indexOf('-') + 1);
  return CATALOG[base] ?? { korean: base, english: base, startPrice: '10000' };
}
