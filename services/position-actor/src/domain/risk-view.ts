import type { TradingState } from '@hoga/contracts';

/** The trading state as last seen by this instance (KV `hoga-risk` and `hoga.risk.halt`). */
export class RiskView {
  #state: TradingState = 'ACTIVE';

  get state(): TradingState {
    return this.#state;
  }
  /** True in safe mode: no new strategies, every position exits. */
  get halted(): boolean {
    return this.#state === 'HALTED';
  }
  /** Records a new state; true when it just became HALTED. */
  set(state: TradingState): boolean {
    const entered = state === 'HALTED' && this.#state !== 'HALTED';
    this.#state = state;
    return entered;
  }
}
