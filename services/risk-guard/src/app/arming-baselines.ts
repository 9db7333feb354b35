import { compareCheckpoints, type Checkpoint } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { BaselineSource } from '../adapters/realized-baselines.js';
import type { Portfolio } from '../domain/portfolio.js';

/**
 * Which loss-limit arming the portfolio counts realized PnL from, and following the store for
 * it: each position's exact realized PnL at that arming (see {@link BaselineSource}).
 */
export class ArmingBaselines {
  #armedAt: Checkpoint | null = null;

  constructor(
    private readonly source: BaselineSource,
    private readonly portfolio: Portfolio,
    /** A position's baseline was learnt: the limit may be reached. */
    private readonly learnt: (positionId: PositionId) => void,
  ) {}

  /**
   * The stream says the limit was armed at `armedAt` (null: no limit): unless that arming is
   * followed already, realized PnL counts from now, then from each position's exact baseline.
   */
  async adopt(armedAt: Checkpoint | null): Promise<void> {
    if (armedAt === null) return this.stop();
    if (this.#armedAt !== null && compareCheckpoints(this.#armedAt, armedAt) === 0) return;
    await this.armed(armedAt);
  }

  /** The limit was just armed at `armedAt`: counts from now and follows that arming. */
  async armed(armedAt: Checkpoint): Promise<void> {
    this.portfolio.rebaseRealized();
    this.#armedAt = armedAt;
    await this.source.follow(armedAt, (positionId, atArming, now) => {
      this.portfolio.storedRealized(positionId, atArming, now);
      this.learnt(positionId);
    });
  }

  /** Follows nothing (no limit, or this instance does not lead). */
  stop(): Promise<void> {
    this.#armedAt = null;
    return this.source.stop();
  }
}
