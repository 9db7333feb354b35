import { baseCurrency, krw, volume, type Decimal, type Krw, type Market } from '@hoga/model';
import { denials, type ExchangeAccess, type PreTradeContext } from '@hoga/risk';
import type { UpbitAccount } from '@hoga/upbit';
import type { RiskInputsRepository } from '../adapters/db/risk-inputs.repository.js';
import type { TradingStateReader } from '../adapters/bus/trading-state.reader.js';
import type { AccountBook } from '../adapters/upbit/account-book.js';
import { holdingAtCost } from '../adapters/upbit/account-state.js';
import type { OrderRecord } from '../domain/order-record.js';
import { preTradeVerdict, type PreTradeVerdict } from '../domain/pre-trade.js';

/** The pre-trade caps of the configuration (null: no cap). */
export interface PreTradeLimits {
  readonly maxOpenPositions: number | null;
  readonly maxExposurePerMarketKrw: Krw | null;
}

const available = (accounts: readonly UpbitAccount[], currency: string): Decimal =>
  accounts.find((a) => a.currency === currency)?.balance ?? krw(0);

/**
 * Gathers what libs/risk's checks need (trading state from the KV, balances from Upbit, caps from
 * the orders table) and runs them. An unreadable trading state counts as HALTED: entries fail
 * closed, exits pass. Balances that cannot be read fail an entry (the command is retried).
 * **An exit never waits for a balance read** (ADR 0063 addendum "no balance read on an exit's
 * path"): a fill invalidates the cached balances, so most exits would otherwise ask Upbit for
 * `GET /v1/accounts` — a full round trip — between the trigger and the sell; Upbit checks the
 * coins of a sell itself (`insufficient_funds_ask`, recorded as OrderRejected like any refusal),
 * and the minimum-total and tick checks, which need no balance, still run. While Upbit refuses
 * the key or its order permission, entries are denied with `exchange-access-lost` /
 * `exchange-order-permission-missing` (exits are held by the caller, never denied for access).
 */
export class PreTradeGate {
  constructor(
    private readonly state: TradingStateReader,
    private readonly book: AccountBook,
    private readonly risk: RiskInputsRepository,
    private readonly feeRate: Decimal,
    private readonly limits: PreTradeLimits,
    /** The account's access to Upbit now (default: ok). */
    private readonly accessOf: () => ExchangeAccess = () => 'ok',
  ) {}

  async check(order: OrderRecord): Promise<PreTradeVerdict> {
    const entry = order.leg === 'entry';
    const access = this.accessOf();
    if (entry && access !== 'ok') {
      // Nothing can be read or placed: deny before asking Upbit for balances.
      const denial =
        access === 'credentials' ? denials.accessLost() : denials.orderPermissionMissing();
      return { pass: false, reason: denial.code, detail: denial.message };
    }
    const reading = entry ? await this.state.read() : 'ACTIVE';
    const accounts = entry ? await this.book.balances() : undefined;
    const verdict = preTradeVerdict(order, {
      tradingState: reading === 'unreadable' ? 'HALTED' : reading,
      availableKrw: krw(accounts ? available(accounts, 'KRW') : 0),
      availableBase: volume(
        accounts ? available(accounts, baseCurrency(order.market)) : (order.volume ?? 0),
      ),
      feeRate: this.feeRate,
      ...(await this.caps(order, accounts ?? [])),
    });
    if (!verdict.pass && reading === 'unreadable' && verdict.reason === 'trading-halted')
      return {
        ...verdict,
        detail: `trading state not readable (treated as HALTED): ${verdict.detail}`,
      };
    return verdict;
  }

  /** The caps and what they are measured against (only read when a cap is set, entries only). */
  private async caps(
    order: OrderRecord,
    accounts: readonly UpbitAccount[],
  ): Promise<
    Pick<
      PreTradeContext,
      'openPositions' | 'maxOpenPositions' | 'exposureByMarket' | 'maxExposurePerMarketKrw'
    >
  > {
    const { maxOpenPositions, maxExposurePerMarketKrw } = this.limits;
    const entry = order.leg === 'entry';
    const openPositions =
      entry && maxOpenPositions !== null ? await this.risk.openPositions(order.positionId) : 0;
    const exposureByMarket: Partial<Record<Market, Krw>> = {};
    if (entry && maxExposurePerMarketKrw !== null) {
      const inFlight = await this.risk.entriesInFlight(order.orderId);
      const held = accounts.find((a) => a.currency === baseCurrency(order.market));
      const holding = held ? holdingAtCost(held) : krw(0);
      exposureByMarket[order.market] = krw(holding.plus(inFlight[order.market] ?? 0));
    }
    return { openPositions, maxOpenPositions, exposureByMarket, maxExposurePerMarketKrw };
  }
}
